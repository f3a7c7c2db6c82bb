// Questions a clerk types about the bundled procedure cards, answered by the
// real bundled content/ (tests/bundled_content.h): the section that answers
// must be the best section of the first document, with and without accents.
#include <doctest/doctest.h>

#include <set>

#include "bundled_content.h"
#include "searcher.h"

using namespace sotay;
using namespace sotay::test;

TEST_CASE("procedure questions land on the procedure's own section first") {
  struct Row {
    const char* query;
    std::set<std::string> anchors;  // any of these is the answer
  };
  const std::string HO_TICH = "trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich";
  const Row rows[] = {
      {"thời hạn đăng ký khai sinh", {"thu-tuc-dang-ky-khai-sinh", "dang-ky-khai-sinh"}},
      {"thoi han dang ky khai sinh", {"thu-tuc-dang-ky-khai-sinh", "dang-ky-khai-sinh"}},
      {"thời hạn đăng ký khai tử", {"thu-tuc-dang-ky-khai-tu", "dang-ky-khai-tu"}},
      {"thoi han dang ky khai tu", {"thu-tuc-dang-ky-khai-tu", "dang-ky-khai-tu"}},
  };
  Searcher& searcher = bundled_searcher();
  for (const Row& row : rows) {
    CAPTURE(row.query);
    SearchRequest r;
    r.query = row.query;
    r.group = true;
    const SearchResult result = searcher.search(r);
    REQUIRE(!result.documents.empty());
    const DocumentHit& top = result.documents.front();
    CHECK(top.best.id == HO_TICH);
    CAPTURE(top.best.anchor);
    CHECK(row.anchors.count(top.best.anchor) == 1);
  }
}
