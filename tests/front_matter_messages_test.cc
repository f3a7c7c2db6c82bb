// Messages a clerk can act on (front_matter_messages.h): every row is a
// mistake seen in real submissions, the line it is reported on and the
// words that tell what to do. The yaml-cpp errors are the library's own,
// triggered by the bytes in the row.
#include <doctest/doctest.h>

#include "front_matter.h"
#include "front_matter_messages.h"

using namespace sotay;

namespace {

const std::string HEAD = "---\ntitle: T\ndepartment: D\n";

std::vector<ContentError> errors_of(const std::string& bytes) {
  std::vector<ContentError> errors;
  parse_content_file("d/x.md", bytes, errors);
  return errors;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("YAML syntax errors are explained with what to write instead") {
  struct Row {
    const char* name;
    std::string bytes;
    int line;
    std::vector<std::string> parts;  // each must be in the message
  };
  const Row rows[] = {
      {"colon in the title",
       "---\ntitle: Quy chế: làm việc\ndepartment: D\n---\nx\n",
       2,
       {"tiêu đề có dấu hai chấm", "ngoặc kép", "title: \"Quy chế: làm việc\"",
        "illegal map value"}},
      {"colon in a title with quotes",
       "---\ntitle: Quyết định \"A\": sửa đổi\ndepartment: D\n---\nx\n",
       2,
       {"dấu hai chấm", "title: 'Quyết định \"A\": sửa đổi'"}},
      {"colon in another field",
       HEAD + "issuer: UBND: phường\n---\nx\n",
       4,
       {"cơ quan ban hành có dấu hai chấm", "issuer: \"UBND: phường\""}},
      {"tab before a key",
       "---\ntitle: T\n\tdepartment: D\n---\nx\n",
       3,
       {"Tab", "xóa Tab", "illegal tab"}},
      {"tab before the first key", "---\n\ttitle: T\ndepartment: D\n---\nx\n", 2, {"Tab"}},
      {"tab before a list item",
       "---\ntitle: T\ndepartment: D\ntags:\n\t- a\n---\nx\n",
       5,
       {"Tab"}},
      {"indented key", "---\ntitle: T\n  department: D\n---\nx\n", 3, {"sát lề trái"}},
      {"key without its colon",
       "---\ntitle: T\ndepartment D\nfield: F\n---\nx\n",
       3,
       {"thiếu dấu hai chấm", "khóa: giá trị"}},
      {"unclosed list", HEAD + "tags: [a, b\n---\nx\n", 4, {"\"]\"", "tags: [văn thư, lưu trữ]"}},
      {"quote inside quotes",
       "---\ntitle: 'It's'\ndepartment: D\n---\nx\n",
       2,
       {"dấu ngoặc đơn", "không đóng đúng chỗ"}},
      {"reserved first character",
       HEAD + "number: @12\n---\nx\n",
       4,
       {"ký tự \"@\"", "number: \"@12\""}},
      {"backquote",
       "---\ntitle: `Quy chế`\ndepartment: D\n---\nx\n",
       2,
       {"ký tự \"`\"", "title: \"`Quy chế`\""}},
      {"backslash in double quotes",
       "---\ntitle: \"C:\\q\"\ndepartment: D\n---\nx\n",
       2,
       {"\\\\", "dấu ngoặc đơn"}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const auto errors = errors_of(r.bytes);
    REQUIRE(errors.size() == 1);
    CAPTURE(errors[0].message);
    CHECK(errors[0].line == r.line);
    CHECK(has(errors[0].message, "phần khai báo sai cú pháp"));
    for (const std::string& part : r.parts) {
      CAPTURE(part);
      CHECK(has(errors[0].message, part));
    }
  }
}

TEST_CASE("the quoted value the message suggests is accepted") {
  // The fix the colon message proposes, applied: no error, the whole title.
  const auto errors = errors_of("---\ntitle: Quy chế: làm việc\ndepartment: D\n---\nx\n");
  REQUIRE(errors.size() == 1);
  const std::string& m = errors[0].message;
  const std::size_t at = m.find("title: \"");
  REQUIRE(at != std::string::npos);
  const std::string fixed_line = m.substr(at, m.find('"', at + 8) + 1 - at);
  std::vector<ContentError> after;
  const ParsedFile f =
      parse_content_file("d/x.md", "---\n" + fixed_line + "\ndepartment: D\n---\nx\n", after);
  CHECK(after.empty());
  CHECK(f.meta.title == "Quy chế: làm việc");
}

TEST_CASE("a PDF, a Word file or UTF-16 sent as text is named, with what to do") {
  struct Row {
    const char* name;
    std::string bytes;
    const char* kind;
  };
  const Row rows[] = {
      {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "tệp PDF"},
      {"DOCX", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "word/document.xml", "Word (.docx)"},
      {"DOC", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10), "Word cũ (.doc)"},
      {"RTF", "{\\rtf1\\ansi\\deff0 Quy ch\\'e1}", "RTF"},
      {"PNG", std::string("\x89PNG\r\n\x1a\n\x00\x00", 10), "tệp ảnh"},
      {"UTF-16", std::string("\xFF\xFE-\x00-\x00-\x00\n\x00", 10), "UTF-16"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const auto errors = errors_of(r.bytes);
    REQUIRE(errors.size() == 1);
    CAPTURE(errors[0].message);
    CHECK(errors[0].line == 1);
    CHECK(has(errors[0].message, r.kind));
    CHECK_FALSE(has(errors[0].message, "0xFF"));
    if (std::string(r.name) != "UTF-16") {
      CHECK(has(errors[0].message, "không phải văn bản Markdown"));
      CHECK(has(errors[0].message, "Tải tệp lên"));
      CHECK(has(errors[0].message, "/api/import"));
    }
  }
  // Legacy 8-bit text (TCVN3 "Quy chÕ"): named as an encoding problem.
  const auto legacy = errors_of(HEAD + "---\nQuy ch\xD5 l\xb5m vi\xd6\x63\n");
  REQUIRE(legacy.size() == 1);
  CHECK(legacy[0].line == 5);
  CHECK(has(legacy[0].message, "UTF-8"));
  CHECK(has(legacy[0].message, "TCVN3"));
}

TEST_CASE("an unknown key suggests the nearest known one") {
  struct Row {
    const char* key;
    const char* suggestion;  // "" : none
  };
  const Row rows[] = {
      {"titel", "title"},
      {"titl", "title"},
      {"Title", "title"},
      {"departmant", "department"},
      {"tag", "tags"},
      {"isued", "issued"},
      {"tieu_de", "title"},
      {"tiêu đề", "title"},
      {"Tiêu-đề", "title"},
      {"don_vi", "department"},
      {"đơn vị", "department"},
      {"so", "number"},
      {"số hiệu", "number"},
      {"ngay_ban_hanh", "issued"},
      {"ngày ban hành", "issued"},
      {"trang_thai", "status"},
      {"loai", "type"},
      {"linh_vuc", "field"},
      {"noi_nhan", "recipients"},
      {"colour", ""},
      {"xyz", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.key);
    const auto errors = errors_of(HEAD + "\"" + r.key + "\": x\n---\nx\n");
    REQUIRE(errors.size() == 1);
    CAPTURE(errors[0].message);
    CHECK(errors[0].line == 4);
    CHECK(has(errors[0].message, std::string("khóa không được hỗ trợ \"") + r.key + "\""));
    if (*r.suggestion != '\0') {
      CHECK(has(errors[0].message, std::string("có phải ý bạn là \"") + r.suggestion +
                                       "\"? Hãy đổi thành " + r.suggestion + ":"));
    } else {
      CHECK_FALSE(has(errors[0].message, "có phải ý bạn là"));
    }
    CHECK(has(errors[0].message, "các khóa hợp lệ: title, department"));
  }
}

TEST_CASE("tags written without brackets are split at the commas") {
  struct Row {
    const char* tags;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"tags: văn thư, lưu trữ", {"văn thư", "lưu trữ"}},
      {"tags: a,b ,  c,", {"a", "b", "c"}},
      {"tags: một thẻ", {"một thẻ"}},
      {"tags: [a, b]", {"a", "b"}},
      {"tags: \"a, b\"", {"a", "b"}},  // a quoted scalar is still a list written inline
  };
  for (const Row& r : rows) {
    CAPTURE(r.tags);
    std::vector<ContentError> errors;
    const ParsedFile f = parse_content_file("d/x.md", HEAD + r.tags + "\n---\nx\n", errors);
    CHECK(errors.empty());
    CHECK(f.meta.tags == r.expected);
  }
  // recipients keep a scalar whole: "UBND các phường, xã" is one recipient.
  std::vector<ContentError> errors;
  const ParsedFile f =
      parse_content_file("d/x.md", HEAD + "recipients: UBND các phường, xã\n---\nx\n", errors);
  CHECK(f.meta.recipients == std::vector<std::string>{"UBND các phường, xã"});
}

TEST_CASE("an 'illegal map value' on a line whose value is empty is explained, not a crash") {
  // Found by fuzz_submission (UBSan: back() of an empty value): a key with
  // no value, then a line the parser reads as a second map value.
  std::vector<ContentError> errors;
  parse_content_file("d/x.md",
                     "---\nid: van-phong/quy-che\ntitle: Quy chế\ndepartment: Văn phòng\n"
                     "number: \nissuer: UBND: phường\n---\nx\n",
                     errors);
  REQUIRE_FALSE(errors.empty());
  for (const ContentError& e : errors) CHECK_FALSE(e.message.empty());
}
