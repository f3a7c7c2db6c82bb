// Two-stage ranking of natural questions (Searcher, FIRST_STAGE_DEPTH): the
// page, total and facets are those of the whole query ranked in one stage,
// and the whole query does re-rank the first stage's order.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "edition.h"
#include "index_contract.h"
#include "query_builder.h"
#include "query_parser.h"
#include "searcher.h"
#include "test_support.h"

namespace sotay {

using test::content_file;
using test::TempDir;
using test::write_file;
namespace c = contract;

namespace {

const std::string QUESTION =
    "hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm những giấy tờ gì";

// 150 documents that all match the question (more than FIRST_STAGE_DEPTH).
// "khong-dau-*" hold the question's words typed without accents in a short
// body, so the folded first stage ranks them first; "co-dau-*" hold them
// with accents in a longer body of two sections, which the exact forms of
// the whole query lift above.
void write_content(const std::filesystem::path& dir) {
  for (int i = 0; i < 138; ++i) {
    write_file(dir / ("khac/hd-" + std::to_string(i) + ".md"),
               content_file("title: Hướng dẫn " + std::to_string(i) + "\ndepartment: " +
                                (i % 3 == 0 ? "Phòng Tư pháp" : "Văn phòng") + "\n",
                            "Công dân nộp hồ sơ tại bộ phận một cửa, số " + std::to_string(i) +
                                ", công chức kiểm tra giấy tờ và hẹn ngày trả kết quả cho "
                                "người nộp theo quy trình tiếp nhận chung của phường.\n"));
  }
  for (int i = 0; i < 6; ++i) {
    write_file(
        dir / ("khong-dau/gp-" + std::to_string(i) + ".md"),
        content_file("title: Ghi chu " + std::to_string(i) + "\ndepartment: Văn phòng\n",
                     "ho so de nghi cap giay phep xay dung nha o rieng le gom nhung giay to gi " +
                         std::to_string(i) + "\n"));
    write_file(dir / ("co-dau/gp-" + std::to_string(i) + ".md"),
               content_file(
                   "title: Cấp phép " + std::to_string(i) + "\ndepartment: Phòng Quản lý đô thị\n",
                   "## Thành phần\n\nHồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm "
                   "đơn đề nghị, bản sao giấy tờ về quyền sử dụng đất và bản vẽ thiết kế, "
                   "nộp tại bộ phận một cửa của phường, mục " +
                       std::to_string(i) +
                       ".\n\n## Thời hạn\n\nGiấy phép xây dựng nhà ở riêng lẻ được cấp trong "
                       "mười lăm ngày kể từ ngày nhận đủ hồ sơ hợp lệ theo quy định.\n"));
  }
}

// A hit as "id#anchor".
std::string key(const SectionHit& h) { return h.id + "#" + h.anchor; }

// The Q term of a section: "id#anchor".
std::string key(const Xapian::Document& doc) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(std::string(c::PREFIX_UNIQUE));
  return (*t).substr(c::PREFIX_UNIQUE.size());
}

std::vector<std::string> keys(const Xapian::MSet& mset) {
  std::vector<std::string> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(key(it.get_document()));
  return out;
}

}  // namespace

TEST_CASE("a question ranks in two stages as the whole query ranks in one") {
  TempDir tmp;
  write_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  Xapian::Database db(current_edition(tmp.path() / "index")->string());
  Searcher searcher(db);

  QueryOptions options;
  options.dictionary = &searcher.dictionary();
  options.term_exists = [&db](const std::string& t) { return db.term_exists(t); };
  const BuiltQuery built = build_query(parse_query(QUESTION), options);
  REQUIRE(built.question);
  REQUIRE_FALSE(built.first_stage.empty());
  // The reference: the whole query in one stage.
  const auto one_stage = [&](Xapian::Query q, std::size_t offset, bool group) {
    Xapian::Enquire e(db);
    e.set_query(q);
    if (group) e.set_collapse_key(c::SLOT_DOC_ID, 1);
    return e.get_mset(static_cast<Xapian::doccount>(offset), 10, db.get_doccount());
  };

  SUBCASE("the whole query re-ranks the first stage") {
    const std::vector<std::string> first = keys(one_stage(built.first_stage, 0, false));
    REQUIRE_FALSE(first.empty());
    CHECK(first.front().rfind("khong-dau/", 0) == 0);
    SearchRequest request;
    request.query = QUESTION;
    const SearchResult r = searcher.search(request);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits.front().id.rfind("co-dau/", 0) == 0);
  }
  SUBCASE("sections: pages 1 and 2, and the total") {
    for (std::size_t offset : {0, 10}) {
      CAPTURE(offset);
      SearchRequest request;
      request.query = QUESTION;
      request.offset = offset;
      const SearchResult r = searcher.search(request);
      const Xapian::MSet reference = one_stage(built.query, offset, false);
      std::vector<std::string> got;
      for (const SectionHit& h : r.hits) got.push_back(key(h));
      CHECK(got == keys(reference));
      CHECK(r.total == reference.get_matches_estimated());
      CHECK(r.total == db.get_doccount());  // every section matches
    }
  }
  SUBCASE("documents with facets: order, total and counts") {
    SearchRequest request;
    request.query = QUESTION;
    request.group = true;
    request.facets = true;
    const SearchResult r = searcher.search(request);
    const Xapian::MSet reference = one_stage(built.query, 0, true);
    std::vector<std::string> got;
    for (const DocumentHit& d : r.documents) got.push_back(key(d.best));
    CHECK(got == keys(reference));
    CHECK(r.total == 150);
    std::map<std::string, std::size_t> departments;
    for (const FacetCounts& f : r.facets) {
      if (f.name != "department") continue;
      for (const FacetValue& v : f.values) departments[v.value] = v.count;
    }
    CHECK(departments["Văn phòng"] == 92 + 6);
    CHECK(departments["Phòng Tư pháp"] == 46);
    CHECK(departments["Phòng Quản lý đô thị"] == 6);
  }
  SUBCASE("a page past half of FIRST_STAGE_DEPTH is ranked in one stage") {
    SearchRequest request;
    request.query = QUESTION;
    request.offset = FIRST_STAGE_DEPTH;
    const SearchResult r = searcher.search(request);
    std::vector<std::string> got;
    for (const SectionHit& h : r.hits) got.push_back(key(h));
    CHECK(got == keys(one_stage(built.query, FIRST_STAGE_DEPTH, false)));
    CHECK(got.size() == 10);
  }
}

}  // namespace sotay
