// Questions that span a document, and snippets that tell the truth, on an
// edition of the bundled content/ (issue 15).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "bundled_content.h"
#include "test_support.h"
#include "text.h"

using namespace sotay;
using namespace sotay::test;

namespace {

const std::string XIN_LOI = "trung-tam-phuc-vu-hanh-chinh-cong/xin-loi-khi-tre-han";
const std::string SU_KIEN = "van-phong/to-chuc-su-kien";
const std::string CHUNG_THUC = "trung-tam-phuc-vu-hanh-chinh-cong/chung-thuc-ban-sao";

struct SpanRow {
  std::string query;
  std::string id;
  std::size_t within;  // the document's rank must be below this
};

SearchResult search(const std::string& query, bool group, std::size_t limit = 10) {
  SearchRequest r;
  r.query = query;
  r.group = group;
  r.limit = limit;
  return bundled_searcher().search(r);
}

}  // namespace

TEST_CASE("a document whose sections together hold every word is found, with no banner") {
  for (const SpanRow& row : std::initializer_list<SpanRow>{
           {"kế hoạch tổ chức sự kiện ai duyệt", SU_KIEN, 1},
           {"ke hoach to chuc su kien ai duyet", SU_KIEN, 1},
           // Found, but not yet in the first three: "quá hạn" is "trễ hạn"
           // there, which only a synonym can tell.
           {"quá hạn giải quyết hồ sơ thì làm gì", XIN_LOI, 20},
           {"qua han giai quyet ho so thi lam gi", XIN_LOI, 20},
           {"được hẹn lại ngày trả kết quả mấy lần", XIN_LOI, 3},
       }) {
    CAPTURE(row.query);
    const SearchResult result = search(row.query, true, 20);
    CHECK_FALSE(result.relaxed);
    std::vector<std::string> ids;
    for (const DocumentHit& d : result.documents) ids.push_back(d.best.id);
    CAPTURE(ids);
    const auto at = std::find(ids.begin(), ids.end(), row.id);
    REQUIRE(at != ids.end());
    CHECK(static_cast<std::size_t>(at - ids.begin()) < row.within);
    // Without grouping too: the document's best section is a hit.
    bool section_hit = false;
    for (const SectionHit& h : search(row.query, false, 50).hits) section_hit |= h.id == row.id;
    CHECK(section_hit);
  }
}

TEST_CASE("the banner still shows when no document holds every word") {
  const SearchResult result = search("chứng thực khai sinh xây dựng nhà thầu vỉa hè", true);
  CHECK(result.relaxed);
  CHECK_FALSE(result.documents.empty());
}

TEST_CASE("a snippet from a table shows the matching row with its header cells") {
  const SearchResult result = search("phí chứng thực", false, 50);
  const auto fee = std::find_if(result.hits.begin(), result.hits.end(), [](const SectionHit& h) {
    return h.id == CHUNG_THUC && h.anchor == "phi-chung-thuc";
  });
  REQUIRE(fee != result.hits.end());
  const std::string& s = fee->snippet_html;
  CAPTURE(s);
  CHECK(contains(s, "2.000 đồng/trang"));
  CHECK(contains(s, "Mức thu: 2.000"));
  CHECK(contains(s, "Bản sao từ bản chính"));
  CHECK_FALSE(contains(s, "25.000"));
  CHECK_FALSE(contains(s, "Trang tính phí"));
  for (const char mark : {'\x1d', '\x1e', '\x1f'}) CHECK(s.find(mark) == std::string::npos);
}

TEST_CASE("no matched section shows an empty snippet") {
  std::vector<std::string> queries = {"căn cứ pháp lý",
                                      "danh mục kiểm tra",
                                      "hồ sơ",
                                      "bước",
                                      "trách nhiệm",
                                      "lưu ý",
                                      "quy trình",
                                      "phường",
                                      "thủ tục hành chính",
                                      "chứng thực",
                                      "mức thu"};
  std::ifstream in(std::filesystem::path(SOTAY_SOURCE_DIR) /
                   "tests/fixtures/handbook_questions.tsv");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line.substr(0, line.find('\t')));
  }
  std::size_t checked = 0;
  for (const std::string& q : queries) {
    CAPTURE(q);
    for (const SectionHit& h : search(q, false, 100).hits) {
      CAPTURE(h.url);
      CHECK_FALSE(trim(h.snippet_html).empty());
      ++checked;
    }
    for (const DocumentHit& d : search(q, true, 50).documents) {
      for (const SectionHit& h : d.sections) {
        CAPTURE(h.url);
        CHECK_FALSE(trim(h.snippet_html).empty());
      }
    }
  }
  CHECK(checked > 500);
}
