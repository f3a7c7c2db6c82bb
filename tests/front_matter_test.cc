#include <doctest/doctest.h>

#include "content_loader.h"
#include "front_matter.h"

using namespace sotay;

namespace {

const char* GOOD =
    "---\n"
    "title: Thể thức văn bản\n"
    "department: Văn phòng HĐND và UBND\n"
    "field: Văn thư\n"
    "type: Nghị định\n"
    "number: 30/2020/NĐ-CP\n"
    "issuer: Chính phủ\n"
    "issued: 2020-03-05\n"
    "effective: 2020-03-05\n"
    "status: in-force\n"
    "tags: [văn thư, thể thức]\n"
    "---\n"
    "Nội dung.\n";

}  // namespace

TEST_CASE("a complete front matter is read") {
  std::vector<ContentError> errors;
  const ParsedFile f = parse_content_file("van-phong/a.md", GOOD, errors);
  REQUIRE(errors.empty());
  CHECK(f.meta.id == "van-phong/a");
  CHECK(f.meta.title == "Thể thức văn bản");
  CHECK(f.meta.number == "30/2020/NĐ-CP");
  CHECK(f.meta.issued == "2020-03-05");
  CHECK(f.meta.status == "in-force");
  CHECK(f.meta.tags == std::vector<std::string>{"văn thư", "thể thức"});
  CHECK(f.body == "Nội dung.\n");
  CHECK(f.body_line == 13);
}

TEST_CASE("bad content files are reported with their line") {
  struct Row {
    const char* name;
    std::string bytes;
    int line;
    const char* message_part;
  };
  const std::string head = "---\ntitle: T\ndepartment: D\n";
  const Row rows[] = {
      {"no front matter", "Chỉ có nội dung\n", 1, "phải bắt đầu bằng dòng \"---\""},
      {"unterminated", "---\ntitle: T\n", 1, "không có dòng \"---\" đóng"},
      {"yaml syntax", "---\ntitle: T\ndepartment: [a\n---\nx\n", 3, "sai cú pháp"},
      {"not a map", "---\n- a\n- b\n---\nx\n", 2, "khóa: giá trị"},
      {"unknown key", head + "author: X\n---\nx\n", 4, "khóa không được hỗ trợ \"author\""},
      {"duplicate key", head + "title: U\n---\nx\n", 4, "bị lặp lại (đã có ở dòng 2)"},
      {"missing title", "---\ndepartment: D\n---\nx\n", 1, "\"title\""},
      {"missing department", "---\ntitle: T\n---\nx\n", 1, "\"department\""},
      {"bad date", head + "issued: 2020-02-30\n---\nx\n", 4, "ngày không hợp lệ \"2020-02-30\""},
      {"date format", head + "effective: 05/03/2020\n---\nx\n", 4, "YYYY-MM-DD"},
      {"bad status", head + "status: active\n---\nx\n", 4, "\"status\""},
      {"title is a list", "---\ntitle: [a, b]\ndepartment: D\n---\nx\n", 2, "phải là một chuỗi"},
      {"tags is a map", head + "tags: {a: b}\n---\nx\n", 4, "danh sách"},
      {"id with ..", head + "id: ../../etc/passwd\n---\nx\n", 4, "\"id\" không hợp lệ"},
      {"absolute id", head + "id: /etc/passwd\n---\nx\n", 4, "\"id\" không hợp lệ"},
      {"superseded but in force", head + "superseded_by: 1/2020/NĐ-CP\n---\nx\n", 1,
       "superseded_by"},
      {"empty body", head + "---\n\n  \n", 5, "nội dung văn bản trống"},
      {"invalid utf-8", head + "---\nline\nbad \xFF byte\n", 6, "UTF-8"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    std::vector<ContentError> errors;
    parse_content_file("d/x.md", r.bytes, errors);
    REQUIRE(!errors.empty());
    CHECK(errors[0].path == "d/x.md");
    CHECK(errors[0].line == r.line);
    CHECK(errors[0].message.find(r.message_part) != std::string::npos);
    CHECK(errors[0].to_string().rfind("d/x.md:" + std::to_string(r.line) + ": ", 0) == 0);
  }
}

TEST_CASE("every problem of a file is reported, not only the first") {
  std::vector<ContentError> errors;
  parse_content_file("x.md", "---\nfoo: 1\nissued: 2020-13-01\nstatus: x\n---\nbody\n", errors);
  CHECK(errors.size() == 5);  // foo, issued, status, title, department
}

TEST_CASE("CRLF line endings, a BOM and '...' as the closing line are accepted") {
  std::vector<ContentError> errors;
  const ParsedFile f = parse_content_file(
      "x.md", "\xEF\xBB\xBF---\r\ntitle: T\r\ndepartment: D\r\n...\r\nBody\r\n", errors);
  CHECK(errors.empty());
  CHECK(f.meta.title == "T");
}

TEST_CASE("is_iso_date") {
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2020-3-5"));
  CHECK_FALSE(is_iso_date("2020-00-10"));
  CHECK_FALSE(is_iso_date("abcd-ef-gh"));
}

TEST_CASE("load_document renders, splits sections and normalises to NFC") {
  std::vector<ContentError> errors;
  const std::string nfd_title = "Tho\xCC\x89 tu\xCC\xA3\x63";  // "Thỏ tục" in NFD
  const auto doc = load_document(
      "a/b.md", "---\ntitle: " + nfd_title + "\ndepartment: D\n---\nMở đầu.\n\n## Mục 1\n\nA\n",
      errors);
  REQUIRE(doc);
  CHECK(errors.empty());
  CHECK(doc->meta.title == "Thỏ tục");
  REQUIRE(doc->sections.size() == 2);
  CHECK(doc->sections[1].anchor == "muc-1");
  CHECK(doc->sections[1].line == 7);
}
