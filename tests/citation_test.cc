#include <doctest/doctest.h>

#include "citation.h"

using namespace sotay;

TEST_CASE("article citations: article number then document number in one clause") {
  struct Row {
    const char* text;
    std::vector<std::string> keys;  // first key of each citation
  };
  const Row rows[] = {
      {"theo Điều 8 Nghị định 30/2020/NĐ-CP", {"30/2020/nd-cp#8"}},
      {"(Điều 2 Luật số 57/2020/QH14, có hiệu lực)", {"57/2020/qh14#2"}},
      {"khoản 2 Điều 08 Thông tư 01/2011/TT-BNV", {"1/2011/tt-bnv#8"}},
      {"Điều 5 và Điều 6 Nghị định 30/2020/NĐ-CP", {"30/2020/nd-cp#5", "30/2020/nd-cp#6"}},
      {"Điều 8. Thể thức. Nghị định 30/2020/NĐ-CP", {}},  // a clause ends between
      {"Điều 8 của văn bản này", {}},                     // no number
      {"điều kiện 30/2020/NĐ-CP", {}},                    // "điều kiện", not an article
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    const auto tokens = tokenize(r.text);
    std::vector<std::string> keys;
    for (const auto& c : find_article_citations(tokens, find_doc_numbers(r.text))) {
      keys.push_back(c.keys().at(0));
    }
    CHECK(keys == r.keys);
  }
}

TEST_CASE("heading_article") {
  CHECK(heading_article("Điều 5. Đối tượng áp dụng") == "5");
  CHECK(heading_article("ĐIỀU 12 Hiệu lực") == "12");
  CHECK(heading_article("Dieu 3") == "3");
  CHECK(heading_article("Chương I") == "");
  CHECK(heading_article("Điều kiện cấp phép") == "");
}
