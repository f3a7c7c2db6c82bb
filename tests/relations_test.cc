// Relations between documents (Lược đồ văn bản): the front matter forms a
// clerk may write, the sentences the importer reads them from, and what a
// real build stores on both documents (relations.h, relation_detect.h,
// relation_links.h).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "front_matter.h"
#include "front_matter_writer.h"
#include "index_contract.h"
#include "relation_detect.h"
#include "relation_proposal.h"
#include "relations.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

namespace {

const std::string HEAD =
    "title: Nghị định mới\n"
    "department: Văn phòng\n"
    "number: 30/2020/NĐ-CP\n";

// "kind target [articles]" of each relation, joined by " | ".
std::string describe(const std::vector<Relation>& rels) {
  std::string out;
  for (const Relation& r : rels) {
    if (!out.empty()) out += " | ";
    out += r.kind + " " + r.target;
    for (std::size_t i = 0; i < r.articles.size(); ++i) out += (i ? "," : " ") + r.articles[i];
  }
  return out;
}

}  // namespace

TEST_CASE("relation front matter: the forms a clerk writes are accepted") {
  struct Row {
    const char* yaml;
    const char* expected;
  };
  const Row rows[] = {
      {"thay_the: 110/2004/NĐ-CP\n", "thay_the 110/2004/NĐ-CP"},
      {"thay_the: Nghị định số 110/2004/NĐ-CP\n", "thay_the 110/2004/NĐ-CP"},
      {"thay_the: [110/2004/NĐ-CP, 09/2010/NĐ-CP]\n",
       "thay_the 110/2004/NĐ-CP | thay_the 09/2010/NĐ-CP"},
      {"thay_the: 110/2004/NĐ-CP, 09/2010/NĐ-CP\n",
       "thay_the 110/2004/NĐ-CP | thay_the 09/2010/NĐ-CP"},
      {"thay_the:\n  - 110/2004/NĐ-CP\n  - 09/2010/NĐ-CP\n",
       "thay_the 110/2004/NĐ-CP | thay_the 09/2010/NĐ-CP"},
      {"sua_doi_bo_sung:\n  - 90/2020/NĐ-CP: Điều 5, 7\n", "sua_doi_bo_sung 90/2020/NĐ-CP 5,7"},
      {"sua_doi_bo_sung:\n  - \"90/2020/NĐ-CP: Điều 5 và Điều 07\"\n",
       "sua_doi_bo_sung 90/2020/NĐ-CP 5,7"},
      {"bai_bo:\n  - so: 01/2011/TT-BNV\n    dieu: [5, 7]\n", "bai_bo 01/2011/TT-BNV 5,7"},
      {"bai_bo:\n  - so: 01/2011/TT-BNV\n    dieu: Điều 12\n", "bai_bo 01/2011/TT-BNV 12"},
      {"sua_doi_bo_sung:\n  90/2020/NĐ-CP: [2]\n", "sua_doi_bo_sung 90/2020/NĐ-CP 2"},
      {"huong_dan: van-phong/quy-che\n", "huong_dan van-phong/quy-che"},
      {"can_cu: [76/2015/QH13, 18-NQ/TW, 11/CT-UBND]\n",
       "can_cu 76/2015/QH13 | can_cu 18-NQ/TW | can_cu 11/CT-UBND"},
      {"dinh_chinh: 15/2024/NĐ-CP\nhop_nhat: 01/VBHN-BNV\n",
       "dinh_chinh 15/2024/NĐ-CP | hop_nhat 01/VBHN-BNV"},
      {"thay_the:\n", ""},
      // Written twice: once.
      {"thay_the: [110/2004/NĐ-CP, 110/2004/NĐ-CP]\n", "thay_the 110/2004/NĐ-CP"},
  };
  for (const Row& r : rows) {
    const std::string yaml = r.yaml;
    CAPTURE(yaml);
    std::vector<ContentError> errors;
    const ParsedFile p =
        parse_content_file("a.md", content_file(HEAD + yaml, "Nội dung.\n"), errors);
    for (const ContentError& e : errors) MESSAGE(e.to_string());
    CHECK(errors.empty());
    CHECK(describe(p.meta.relations) == r.expected);
  }
}

TEST_CASE("relation front matter: wrong entries are refused at their line, saying what to write") {
  struct Row {
    const char* yaml;  // after HEAD (lines 2-4), so its first line is line 5
    int line;
    const char* needle;
  };
  const Row rows[] = {
      {"thay_the: Luật Tổ chức chính quyền địa phương\n", 5, "không phải số hiệu văn bản"},
      {"tags: [a]\nthay_the:\n  - 110/2004/NĐ-CP\n  - Nghị định cũ\n", 8,
       "\"Nghị định cũ\" không phải số hiệu"},
      {"sua_doi_bo_sung:\n  - 90/2020/NĐ-CP: khoản 2\n", 6, "không đọc được các điều"},
      {"bai_bo:\n  - so: 01/2011/TT-BNV\n    khoan: 2\n", 7, "chỉ có \"so\""},
      {"thay_the: 110/2004/NĐ-CP và 09/2010/NĐ-CP\n", 5, "có nhiều số hiệu"},
      // A relation to itself: by number (any spelling) or by id.
      {"thay_the: 30/2020/ND-CP\n", 5, "là chính văn bản này"},
      // A misspelt key names the right one.
      {"thay_the_boi: 110/2004/NĐ-CP\n", 5, "superseded_by"},
  };
  for (const Row& r : rows) {
    const std::string yaml = r.yaml;
    CAPTURE(yaml);
    std::vector<ContentError> errors;
    parse_content_file("van-phong/a.md", content_file(HEAD + yaml, "Nội dung.\n"), errors);
    REQUIRE(errors.size() >= 1);
    CHECK(errors[0].path == "van-phong/a.md");
    CHECK(errors[0].line == r.line);
    CHECK(contains(errors[0].message, r.needle));
    MESSAGE(errors[0].to_string());
  }
  // The id self-check uses the document's id.
  std::vector<ContentError> errors;
  parse_content_file("van-phong/a.md",
                     content_file(HEAD + "huong_dan: van-phong/a\n", "Nội dung.\n"), errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 5);
}

TEST_CASE("relation front matter: what the writer writes reads back the same") {
  FrontMatter m;
  m.title = "Nghị định mới";
  m.department = "Văn phòng";
  m.relations = {{"thay_the", "110/2004/NĐ-CP", {}, 0},
                 {"sua_doi_bo_sung", "90/2020/NĐ-CP", {"5", "7"}, 0},
                 {"can_cu", "76/2015/QH13", {}, 0}};
  const ComposedFile file = compose_content_file(m, "Nội dung.\n");
  std::vector<ContentError> errors;
  const ParsedFile p = parse_content_file("a.md", file.text, errors);
  CHECK(errors.empty());
  CHECK(describe(p.meta.relations) ==
        "thay_the 110/2004/NĐ-CP | sua_doi_bo_sung 90/2020/NĐ-CP 5,7 | can_cu 76/2015/QH13");
}

TEST_CASE("relations read from a document's sentences") {
  struct Row {
    const char* text;
    const char* expected;  // "kind number-or-«name» [articles]" joined by " | "
  };
  const Row rows[] = {
      {"Căn cứ Luật Tổ chức Chính phủ số 76/2015/QH13;", "can_cu 76/2015/QH13"},
      {"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
       "can_cu «Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015»"},
      {"Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
       "can_cu 30/2020/NĐ-CP"},
      {"Nghị định này thay thế Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004.",
       "thay_the 110/2004/NĐ-CP"},
      {"Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư "
       "và Nghị định số 09/2010/NĐ-CP ngày 08 tháng 02 năm 2010 của Chính phủ sửa đổi, bổ sung "
       "một số điều của Nghị định số 110/2004/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có "
       "hiệu lực thi hành.",
       "thay_the 110/2004/NĐ-CP | thay_the 09/2010/NĐ-CP"},
      {"Nghị định sửa đổi, bổ sung một số điều của Nghị định số 90/2020/NĐ-CP", ""},
      {"Sửa đổi, bổ sung một số điều của Nghị định số 90/2020/NĐ-CP",
       "sua_doi_bo_sung 90/2020/NĐ-CP"},
      {"## Điều 1. Sửa đổi, bổ sung Điều 5 Nghị định số 90/2020/NĐ-CP như sau:",
       "sua_doi_bo_sung 90/2020/NĐ-CP 5"},
      {"Bãi bỏ Điều 5, Điều 7 của Thông tư số 01/2011/TT-BNV.", "bai_bo 01/2011/TT-BNV 5,7"},
      {"Thông tư này hướng dẫn thi hành Nghị định số 30/2020/NĐ-CP.", "huong_dan 30/2020/NĐ-CP"},
      {"Đính chính Nghị định số 15/2024/NĐ-CP như sau", "dinh_chinh 15/2024/NĐ-CP"},
      // Passive: what another document did to this one, not proposed.
      {"Nghị định đã được sửa đổi, bổ sung bởi Nghị định 09/2010/NĐ-CP.", ""},
      {"Quyết định này bị thay thế bởi Quyết định 12/2024/QĐ-UBND", ""},
      // Mid-sentence about others: not this document's act.
      {"Văn phòng hướng dẫn các đơn vị áp dụng Nghị định 30/2020/NĐ-CP.", ""},
      // Its own number is not a relation.
      {"Nghị định này thay thế Nghị định số 99/2019/NĐ-CP và sửa 12/2024/NĐ-CP",
       "thay_the 99/2019/NĐ-CP"},
  };
  for (const Row& r : rows) {
    const std::string text = r.text;
    CAPTURE(text);
    std::string got;
    for (const DetectedRelation& d : detect_relations(text, "12/2024/NĐ-CP")) {
      if (!got.empty()) got += " | ";
      got += d.kind + " " + (d.number.empty() ? "«" + d.name + "»" : d.number);
      for (std::size_t i = 0; i < d.articles.size(); ++i) got += (i ? "," : " ") + d.articles[i];
      CHECK(d.line == 1);
    }
    CHECK(got == r.expected);
  }
}

TEST_CASE("an imported text's relations are a commented proposal: parsed, nothing is trusted") {
  const std::string body =
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
      "Căn cứ Luật Lưu trữ số 01/2011/QH13;\n\n"
      "Nghị định này thay thế Nghị định số 110/2004/NĐ-CP.\n";
  const RelationProposal p = propose_relations(body, "30/2020/NĐ-CP");
  REQUIRE(p.found.size() == 3);
  REQUIRE(p.notes.size() == 3);
  CHECK(contains(p.notes[2], "dòng 4"));
  CHECK(contains(p.comment, "# thay_the:\n#   - \"110/2004/NĐ-CP\"\n"));
  CHECK(contains(p.comment, "#   # chưa có số hiệu, hãy tìm và ghi: Luật Tổ chức chính quyền"));
  const std::string file = with_proposal(content_file(HEAD, body), p.comment);
  std::vector<ContentError> errors;
  ParsedFile parsed = parse_content_file("a.md", file, errors);
  CHECK(errors.empty());
  CHECK(parsed.meta.relations.empty());  // a proposal only
  // The editor confirms by removing "# " from the lines.
  std::string confirmed = file;
  for (const std::string line : {"# thay_the:\n", "#   - \"110/2004/NĐ-CP\"\n"}) {
    const std::size_t at = confirmed.find(line);
    REQUIRE(at != std::string::npos);
    confirmed.erase(at, 2);
  }
  parsed = parse_content_file("a.md", confirmed, errors);
  CHECK(errors.empty());
  CHECK(describe(parsed.meta.relations) == "thay_the 110/2004/NĐ-CP");
}

TEST_CASE("relations in the /nop form's box: one kind a line, read back, errors by line") {
  const std::vector<Relation> rels = {{"thay_the", "110/2004/NĐ-CP", {}, 0},
                                      {"thay_the", "09/2010/NĐ-CP", {}, 0},
                                      {"sua_doi_bo_sung", "90/2020/NĐ-CP", {"5", "7"}, 0}};
  const std::string text = relations_to_text(rels);
  CHECK(text ==
        "thay_the: 110/2004/NĐ-CP; 09/2010/NĐ-CP\n"
        "sua_doi_bo_sung: 90/2020/NĐ-CP (Điều 5, 7)\n");
  std::vector<ContentError> errors;
  CHECK(describe(relations_from_text(text, errors)) ==
        "thay_the 110/2004/NĐ-CP | thay_the 09/2010/NĐ-CP | sua_doi_bo_sung 90/2020/NĐ-CP 5,7");
  CHECK(errors.empty());
  // The slug works as well as the key; blank lines are nothing.
  CHECK(describe(relations_from_text("\nhuong-dan: Nghị định 30/2020/NĐ-CP\n\n", errors)) ==
        "huong_dan 30/2020/NĐ-CP");
  CHECK(errors.empty());
  relations_from_text("thay_the: 110/2004/NĐ-CP\nthay thế 09/2010/NĐ-CP\ncan_cu: Luật Đất đai\n",
                      errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 2);
  CHECK(contains(errors[0].message, "đầu dòng phải là loại quan hệ"));
  CHECK(errors[1].line == 3);
  CHECK(contains(errors[1].message, "\"Luật Đất đai\" không phải số hiệu"));
}
