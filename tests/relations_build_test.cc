// Relations in a real edition: both directions stored at build time, the
// derived replacement, refused cycles and unknown ids, and the document page
// and the relation filter over HTTP on the real server
// (relation_links.h, relations_view.h).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "index_contract.h"
#include "test_support.h"
#include "url.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string OFFICE = "department: Văn phòng HĐND và UBND\n";

void write_related_content(const fs::path& content) {
  write_file(content / "van-phong/cu.md",
             content_file("title: Nghị định về công tác văn thư (cũ)\n" + OFFICE +
                              "type: Nghị định\nnumber: 110/2004/NĐ-CP\n",
                          "Văn bản cũ.\n\n## Điều 5. Lưu trữ\n\nNộp lưu.\n"));
  write_file(content / "van-phong/moi.md",
             content_file("title: Nghị định về công tác văn thư\n" + OFFICE +
                              "type: Nghị định\nnumber: 30/2020/NĐ-CP\neffective: 2020-03-05\n"
                              "thay_the: 110/2004/NĐ-CP\n"
                              "can_cu: [76/2015/QH13]\n",
                          "Văn bản mới.\n\n## Điều 8. Thể thức văn bản\n\nCác thành phần.\n"));
  write_file(content / "van-phong/sua.md",
             content_file("title: Nghị định sửa đổi\n" + OFFICE +
                              "type: Nghị định\nnumber: 15/2024/NĐ-CP\n"
                              "sua_doi_bo_sung:\n  - 30/2020/NĐ-CP: Điều 8\n",
                          "Sửa Điều 8.\n"));
  write_file(content / "van-phong/huong-dan.md",
             content_file("title: Hướng dẫn soạn thảo văn bản tại phường\n" + OFFICE +
                              "type: Hướng dẫn\nhuong_dan: Nghị định 30/2020/NĐ-CP\n",
                          "Soạn thảo văn bản theo mẫu.\n"));
}

// a.md and b.md replace each other (a cycle); c.md guides an unknown id.
void write_refused_relations(const fs::path& content) {
  write_file(content / "a.md",
             content_file("title: A\n" + OFFICE + "number: 1/2020/NĐ-CP\nthay_the: 2/2020/NĐ-CP\n",
                          "A.\n"));
  write_file(content / "b.md", content_file("title: B\n" + OFFICE +
                                                "number: 2/2020/NĐ-CP\n"
                                                "thay_the:\n  - 1/2020/NĐ-CP\n",
                                            "B.\n"));
  write_file(content / "c.md",
             content_file("title: C\n" + OFFICE + "huong_dan: van-phong/khong-co\n", "C.\n"));
}

json doc_meta(const fs::path& index, const std::string& id) {
  const auto edition = current_edition(index);
  REQUIRE(edition);
  Xapian::Database db(edition->string());
  return json::parse(db.get_metadata(std::string(contract::META_DOC_PREFIX) + id));
}

// "dir kind id-or-number present" of each stored relation, joined by " | ".
std::string describe(const json& doc) {
  std::string out;
  for (const json& r : doc.at("relations")) {
    if (!out.empty()) out += " | ";
    out += r.value("dir", "") + " " + r.value("kind", "") + " " +
           (r.contains("id") ? r.value("id", "") : r.value("number", "")) +
           (r.value("present", false) ? "" : " (absent)");
  }
  return out;
}

}  // namespace

TEST_CASE("relations are stored on both documents, the reverse and the replacement are derived") {
  TempDir tmp;
  write_related_content(tmp.path() / "content");
  const BuildReport report = build(tmp.path() / "content", tmp.path() / "index");
  for (const ContentError& e : report.errors) MESSAGE(e.to_string());
  REQUIRE(report.errors.empty());
  const fs::path index = tmp.path() / "index";

  const json cu = doc_meta(index, "van-phong/cu");
  CHECK(describe(cu) == "in thay_the van-phong/moi");
  CHECK(cu.value("superseded_by", "") == "30/2020/NĐ-CP");
  CHECK(cu.value("superseded_id", "") == "van-phong/moi");
  CHECK(cu.value("superseded_derived", false));

  const json moi = doc_meta(index, "van-phong/moi");
  CHECK(describe(moi) ==
        "out thay_the van-phong/cu | out can_cu 76/2015/QH13 (absent) | "
        "in huong_dan van-phong/huong-dan | in sua_doi_bo_sung van-phong/sua");
  CHECK(moi.value("superseded_by", "").empty());
  // The amended article is a section of the amended document.
  const json amended = moi.at("relations").at(3);
  CHECK(amended.at("articles") == json::array({"8"}));
  REQUIRE(amended.at("anchors").size() == 1);
  CHECK(amended.at("anchors")[0].value("anchor", "").rfind("dieu-8", 0) == 0);

  const json guide = doc_meta(index, "van-phong/huong-dan");
  CHECK(describe(guide) == "out huong_dan van-phong/moi");
  CHECK(guide.at("relations")[0].value("number", "") == "30/2020/NĐ-CP");
}

TEST_CASE("a cycle of replacements and an unknown id are refused, naming file and line") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  write_refused_relations(content);
  const BuildReport report = build(content, tmp.path() / "index");
  REQUIRE(report.errors.size() == 3);
  std::string all;
  for (const ContentError& e : report.errors) all += e.to_string() + "\n";
  MESSAGE(all);
  CHECK(contains(all,
                 "a.md:5: trường \"thay_the\": vòng thay thế 1/2020/NĐ-CP → 2/2020/NĐ-CP → "
                 "1/2020/NĐ-CP"));
  CHECK(contains(all, "b.md:6: trường \"thay_the\": vòng thay thế"));
  CHECK(contains(all, "c.md:4: trường \"huong_dan\": không có văn bản nào"));
  // The documents are published without the refused relations.
  CHECK(report.published);
  const json a = doc_meta(tmp.path() / "index", "a");
  CHECK(a.at("relations").empty());
  CHECK_FALSE(a.contains("superseded_id"));
  CHECK(doc_meta(tmp.path() / "index", "c").at("relations").empty());
  // --strict publishes nothing.
  BuildOptions strict;
  strict.strict = true;
  const BuildReport refused = build(content, tmp.path() / "index2", strict);
  CHECK_FALSE(refused.published);
}

TEST_CASE("sotay-indexer check reports the relations build refuses, at the same line, same words") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  write_refused_relations(content);
  write_file(
      content / "d.md",
      content_file("title: D\n" + OFFICE + "number: 4/2020/NĐ-CP\nbai_bo: 4/2020/ND-CP\n", "D.\n"));
  const BuildReport report = build(content, tmp.path() / "index");
  REQUIRE(report.errors.size() == 4);

  std::string out;
  const int status =
      run_command(std::string(SOTAY_INDEXER_BIN) + " check --content " + content.string(), out);
  CAPTURE(out);
  CHECK(status == 1);
  // Every problem the build reports, word for word, at the same file and line.
  for (const ContentError& e : report.errors) {
    CAPTURE(e.to_string());
    CHECK(contains(out, e.to_string() + "\n"));
  }
  CHECK(contains(out, "a.md:5: trường \"thay_the\": vòng thay thế"));
  CHECK(contains(out, "b.md:6: trường \"thay_the\": vòng thay thế"));
  CHECK(contains(out, "c.md:4: trường \"huong_dan\": không có văn bản nào"));
  CHECK(contains(out, "d.md:5: "));
  CHECK(contains(out, "là chính văn bản này"));
  CHECK(contains(out, "4 lỗi"));
}

TEST_CASE("the document page shows both directions, the relation filter finds the guides") {
  TempDir tmp;
  write_related_content(tmp.path() / "content");
  REQUIRE(build(tmp.path() / "content", tmp.path() / "index").errors.empty());
  TestServer server(tmp.path() / "index");
  auto c = server.client();

  const auto cu = c.Get("/doc/van-phong/cu");
  REQUIRE(cu);
  REQUIRE(cu->status == 200);
  CHECK(contains(cu->body, "Lược đồ văn bản"));
  CHECK(contains(cu->body, "<h4>Bị thay thế bởi</h4>"));
  CHECK(contains(cu->body, "<a href=\"/doc/van-phong/moi\">30/2020/NĐ-CP</a>"));
  CHECK(contains(cu->body, "có hiệu lực từ 05/03/2020"));
  // The validity banner links the replacing document, derived from its thay_the.
  CHECK(contains(cu->body,
                 "<strong>Hết hiệu lực từ ngày <time>05/03/2020</time></strong> — thay thế bởi "
                 "<a href=\"/doc/van-phong/moi\">30/2020/NĐ-CP</a>"));

  const auto moi = c.Get("/doc/van-phong/moi");
  REQUIRE(moi);
  CHECK(contains(moi->body, "<h4>Thay thế</h4>"));
  CHECK(contains(moi->body, "<a href=\"/doc/van-phong/cu\">110/2004/NĐ-CP</a>"));
  CHECK(contains(moi->body, "<h4>Căn cứ</h4>"));
  CHECK(contains(moi->body, "76/2015/QH13</a> <span class=\"rel-absent\">chưa có trong sổ tay"));
  CHECK(contains(moi->body, "<h4>Được hướng dẫn bởi</h4>"));
  CHECK(contains(moi->body, "<h4>Được sửa đổi, bổ sung bởi</h4>"));
  // The note at the amended article's heading.
  const std::size_t heading = moi->body.find("Điều 8. Thể thức văn bản");
  const std::size_t note = moi->body.find(
      "<p class=\"article-note\" role=\"note\">Điều này được sửa đổi, bổ sung bởi "
      "<a href=\"/doc/van-phong/sua\">15/2024/NĐ-CP</a>.</p>");
  REQUIRE(heading != std::string::npos);
  REQUIRE(note != std::string::npos);
  CHECK(note > heading);
  CHECK(note < moi->body.find("Các thành phần."));
  // "Tìm mọi văn bản hướng dẫn văn bản này": the filter.
  CHECK(contains(moi->body, "href=\"/search?q=huong-dan%3A30%2F2020%2FN%C4%90-CP\""));

  const auto guides = c.Get("/api/search?q=" + percent_encode("huong-dan:30/2020/NĐ-CP"));
  REQUIRE(guides);
  REQUIRE(guides->status == 200);
  const json found = json::parse(guides->body);
  CHECK(found.value("total", 0) == 1);
  CHECK(contains(guides->body, "van-phong/huong-dan"));
  // Short forms of the number, and words with the filter.
  for (const std::string q :
       {"huong-dan:30/2020", "huong-dan:30/NĐ-CP", "soạn thảo huong-dan:30/2020"}) {
    CAPTURE(q);
    const auto res = c.Get("/api/search?q=" + percent_encode(q));
    REQUIRE(res);
    CHECK(json::parse(res->body).value("total", 0) == 1);
  }
  const auto replaced = c.Get("/api/search?q=" + percent_encode("thay-the:110/2004/NĐ-CP"));
  REQUIRE(replaced);
  CHECK(contains(replaced->body, "van-phong/moi"));
  const auto none = c.Get("/api/search?q=" + percent_encode("huong-dan:110/2004/NĐ-CP"));
  REQUIRE(none);
  CHECK(json::parse(none->body).value("total", -1) == 0);
}

TEST_CASE(
    "a search naming a document shows Văn bản liên quan, a count and a filter link per kind") {
  TempDir tmp;
  write_related_content(tmp.path() / "content");
  REQUIRE(build(tmp.path() / "content", tmp.path() / "index").errors.empty());
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  const auto page = [&c](const std::string& q) {
    const auto res = c.Get("/search?q=" + percent_encode(q));
    REQUIRE(res);
    CHECK(res->status == 200);
    return res->body;
  };
  // The entry of a kind: its label, its count, the link to its filter.
  const auto entry = [](const std::string& filter, const std::string& label, int count) {
    return "<a href=\"/search?q=" + percent_encode(filter) + "\"><span class=\"facet-name\">" +
           label + "</span><span class=\"count\">" + std::to_string(count) + "</span></a>";
  };
  for (const std::string q : {"30/2020/NĐ-CP", "ND 30", "nđ 30/2020", "so:30/2020/NĐ-CP"}) {
    CAPTURE(q);
    const std::string body = page(q);
    CHECK(contains(body, "<h3 id=\"facet-van-ban-lien-quan\">Văn bản liên quan</h3>"));
    CHECK(contains(body, "của <a href=\"/doc/van-phong/moi\">30/2020/NĐ-CP</a>"));
    CHECK(contains(body, entry("huong-dan:30/2020/NĐ-CP", "Được hướng dẫn bởi", 1)));
    CHECK(contains(body, entry("sua-doi-bo-sung:30/2020/NĐ-CP", "Được sửa đổi, bổ sung bởi", 1)));
    CHECK_FALSE(contains(body, "Bị thay thế bởi"));  // nothing replaces it
  }
  const std::string old = page("110/2004/NĐ-CP");
  CHECK(contains(old, entry("thay-the:110/2004/NĐ-CP", "Bị thay thế bởi", 1)));
  CHECK_FALSE(contains(old, "Được hướng dẫn bởi"));

  // A relation filter active: the group stays, its entry marked; the link finds what it counts.
  const std::string guides = page("huong-dan:30/2020/NĐ-CP");
  CHECK(contains(guides, "Văn bản liên quan"));
  CHECK(contains(guides,
                 "class=\"selected\" aria-current=\"true\"><span class=\"facet-name\">"
                 "Được hướng dẫn bởi</span><span class=\"count\">1</span>"));
  CHECK(contains(guides, "href=\"/doc/van-phong/huong-dan?"));
  // Words, a number no document has, a number of no single document: no group.
  for (const std::string q : {"soạn thảo văn bản", "76/2015/QH13", "văn thư 30/2020/NĐ-CP"}) {
    CAPTURE(q);
    CHECK_FALSE(contains(page(q), "Văn bản liên quan"));
  }

  // /api/search carries the same group as "related"; null when the page shows none.
  const auto api = [&c](const std::string& q) {
    const auto res = c.Get("/api/search?q=" + percent_encode(q));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  };
  const json related = api("ND 30").at("related");
  CHECK(related.value("target", "") == "30/2020/NĐ-CP");
  CHECK(related.value("id", "") == "van-phong/moi");
  CHECK(related.at("kinds") ==
        json::parse(R"([{"kind":"sua_doi_bo_sung","label":"Được sửa đổi, bổ sung bởi",)"
                    R"("filter":"sua-doi-bo-sung:30/2020/NĐ-CP","count":1},)"
                    R"({"kind":"huong_dan","label":"Được hướng dẫn bởi",)"
                    R"("filter":"huong-dan:30/2020/NĐ-CP","count":1}])"));
  // The filter it gives finds what it counts.
  CHECK(api(related["kinds"][1].value("filter", "")).value("total", 0) == 1);
  CHECK(api("soạn thảo văn bản").at("related").is_null());
}
