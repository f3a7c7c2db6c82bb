// The indexer writes a real Xapian database in a temp dir; the searcher reads it.
#include <doctest/doctest.h>

#include <xapian.h>

#include "edition.h"
#include "index_contract.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

std::vector<std::string> hit_ids(Searcher& s, const std::string& q) {
  SearchRequest r;
  r.query = q;
  r.limit = 20;
  std::vector<std::string> ids;
  for (const SectionHit& h : s.search(r).hits) ids.push_back(h.id + "#" + h.anchor);
  return ids;
}

}  // namespace

TEST_CASE("build writes one Xapian document per section with the contract's terms") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  const BuildReport report = build(tmp.path() / "content", tmp.path() / "index");
  CHECK(report.errors.empty());
  CHECK(report.documents == 5);
  CHECK(report.sections == 10);
  CHECK(report.published);

  const auto current = current_edition(tmp.path() / "index");
  REQUIRE(current);
  Xapian::Database db(current->string());
  CHECK(db.get_doccount() == 10);
  CHECK(db.term_exists("Qvan-phong/the-thuc#dieu-5-phong-chu"));
  CHECK(db.term_exists("XIDvan-phong/the-thuc"));
  CHECK(db.term_exists("XK30/2020/nd-cp"));
  CHECK(db.term_exists("XK30/nd-cp"));
  CHECK(db.term_exists("XN30/2020/nd-cp"));  // cited by the expired decree
  CHECK(db.term_exists("XEthể"));
  CHECK(db.term_exists("the"));
  CHECK(db.term_exists("XBthu tuc"));
  CHECK(db.term_exists("Sthe"));
  CHECK(db.term_exists("XDEPvan-phong-hdnd-va-ubnd"));
  CHECK(db.term_exists("XSTATexpired"));
  CHECK(db.term_exists("XYEAR2020"));
  CHECK_FALSE(db.term_exists("XBEthủ tục"));  // no exact pairs (index_contract.h)
  // Only folded forms carry positions; phrases match on them.
  Xapian::Enquire enquire(db);
  const std::vector<Xapian::Query> phrase{Xapian::Query("thu"), Xapian::Query("tuc")};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end()));
  const Xapian::MSet phrase_hits = enquire.get_mset(0, 10);
  REQUIRE(phrase_hits.size() > 0);
  const Xapian::docid hit = *phrase_hits.begin();
  CHECK(db.positionlist_begin(hit, "thu") != db.positionlist_end(hit, "thu"));
  CHECK(db.positionlist_begin(hit, "XEthủ") == db.positionlist_end(hit, "XEthủ"));

  Searcher searcher(db);
  const auto doc = searcher.document("van-phong/the-thuc");
  REQUIRE(doc);
  CHECK((*doc)["number"] == "30/2020/NĐ-CP");
  CHECK((*doc)["html"].get<std::string>().find("id=\"dieu-8-so-va-ky-hieu\"") != std::string::npos);
  CHECK((*doc)["sections"].size() == 3);
  CHECK_FALSE(searcher.document("khong-co"));
  CHECK(searcher.edition()["documents"] == 5);
}

TEST_CASE("re-running on unchanged content gives the same index") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "a");
  build(tmp.path() / "content", tmp.path() / "b");
  Xapian::Database a(current_edition(tmp.path() / "a")->string());
  Xapian::Database b(current_edition(tmp.path() / "b")->string());
  REQUIRE(a.get_doccount() == b.get_doccount());
  for (Xapian::docid id = 1; id <= a.get_doccount(); ++id) {
    CAPTURE(id);
    const Xapian::Document da = a.get_document(id), dbb = b.get_document(id);
    CHECK(da.get_data() == dbb.get_data());
    std::vector<std::string> ta(da.termlist_begin(), da.termlist_end());
    std::vector<std::string> tb(dbb.termlist_begin(), dbb.termlist_end());
    CHECK(ta == tb);
  }
  CHECK(a.get_metadata("doc:van-phong/the-thuc") == b.get_metadata("doc:van-phong/the-thuc"));
}

TEST_CASE("bad files are reported, skipped and counted, the rest is indexed") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  write_file(content / "x/no-front-matter.md", "Chỉ có chữ.\n");
  write_file(content / "x/bad-date.md",
             content_file("title: A\ndepartment: B\nissued: 2020-02-31\n", "x\n"));
  write_file(content / "x/binary.md", std::string("---\ntitle: \xFF\xFE\n---\n", 18));
  write_file(content / "x/empty.md", content_file("title: A\ndepartment: B\n", "\n"));
  write_file(content / "x/dup.md",
             content_file("title: A\ndepartment: B\nid: van-phong/the-thuc\n", "x\n"));
  write_file(content / "_dictionary/not-a-document.md", "ignored");
  write_file(content / "notes.txt", "ignored");
  const BuildReport report = build(content, tmp.path() / "index");
  CHECK(report.documents == 5);
  REQUIRE(report.errors.size() == 5);
  std::vector<std::string> lines;
  for (const auto& e : report.errors) lines.push_back(e.to_string());
  CHECK(lines[0].rfind("x/bad-date.md:4: ", 0) == 0);
  CHECK(lines[1].rfind("x/binary.md:2: ", 0) == 0);
  CHECK(lines[2].rfind("x/dup.md:1: id \"van-phong/the-thuc\" đã được dùng", 0) == 0);
  CHECK(lines[3].rfind("x/empty.md:", 0) == 0);
  CHECK(lines[4].rfind("x/no-front-matter.md:1: ", 0) == 0);
  CHECK(report.published);
}

TEST_CASE("--strict refuses to publish with errors, an empty content dir throws") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  write_file(content / "x/bad.md", "no front matter\n");
  BuildOptions options;
  options.content_dir = content;
  options.index_root = tmp.path() / "index";
  options.strict = true;
  const BuildReport report = build_edition(options);
  CHECK_FALSE(report.published);
  CHECK_FALSE(current_edition(tmp.path() / "index"));

  TempDir empty;
  std::filesystem::create_directories(empty.path() / "content");
  CHECK_THROWS_AS(build(empty.path() / "content", empty.path() / "index"), std::runtime_error);
}

TEST_CASE("grouped search returns documents with their best sections") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  Searcher s(Xapian::Database(current_edition(tmp.path() / "index")->string()));
  SearchRequest r;
  r.query = "ho so";
  r.group = true;
  const SearchResult result = s.search(r);
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].best.id == "trung-tam/mot-cua");
  CHECK(result.documents[0].sections.size() >= 2);
  CHECK(result.documents[0].sections[0].snippet_html.find("<mark>") != std::string::npos);
  CHECK(hit_ids(s, "phông chữ").at(0) == "van-phong/the-thuc#dieu-5-phong-chu");
}

TEST_CASE("a query over 1000 bytes is a QueryError") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  Searcher s(Xapian::Database(current_edition(tmp.path() / "index")->string()));
  SearchRequest r;
  r.query = std::string(1001, 'a');
  CHECK_THROWS_AS(s.search(r), QueryError);
}
