#include <doctest/doctest.h>

#include "doc_number.h"

using namespace sotay;

TEST_CASE("document numbers in text: keys") {
  struct Row {
    const char* text;
    std::vector<std::string> keys;
  };
  const Row rows[] = {
      {"theo Nghị định 30/2020/NĐ-CP của Chính phủ", {"30/2020/nd-cp"}},
      {"Thông tư 01/2011/TT-BNV", {"1/2011/tt-bnv"}},
      {"Thông tư 1/2011/TT-BNV", {"1/2011/tt-bnv"}},
      {"Chỉ thị 11/CT-UBND về chuyển đổi số", {"11/-/ct-ubnd"}},
      {"Luật số 57/2020/QH14", {"57/2020/qh14"}},
      {"Quyết định 1847/QĐ-TTg", {"1847/-/qd-ttg"}},
      {"Nghị quyết 18-NQ/TW", {"18-nq/tw"}},
      {"30/2020/nd-cp", {"30/2020/nd-cp"}},
      {"Thông tư liên tịch 03/2015/TTLT-BNV-BTC.", {"3/2015/ttlt-bnv-btc"}},
      {"(Nghị định 30/2020/NĐ-CP, Nghị định 110/2004/NĐ-CP)", {"30/2020/nd-cp", "110/2004/nd-cp"}},
      // Not numbers: dates, fractions, plain numbers, ratios.
      {"ngày 05/3/2020", {}},
      {"ngày 06/10/2025 và 15/10/2025", {}},
      {"tỷ lệ 1/2", {}},
      {"năm 2020", {}},
      {"30/2020", {}},
      {"tháng 10/2025", {}},
      {"1.000.000 đồng", {}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    std::vector<std::string> keys;
    for (const DocNumber& n : find_doc_numbers(r.text)) keys.push_back(n.key());
    CHECK(keys == r.keys);
  }
}

TEST_CASE("number offsets cover the number as written") {
  const std::string text = "Điều 8 Nghị định 30/2020/NĐ-CP.";
  const auto found = find_doc_numbers(text);
  REQUIRE(found.size() == 1);
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "30/2020/NĐ-CP");
}

TEST_CASE("index keys and query keys") {
  const auto full = find_doc_numbers("30/2020/NĐ-CP");
  REQUIRE(full.size() == 1);
  CHECK(full[0].index_keys() == std::vector<std::string>{"30/2020/nd-cp", "30/nd-cp", "30/2020"});
  CHECK(full[0].query_key() == "30/2020/nd-cp");

  const auto short_form = find_doc_numbers("30/NĐ-CP", NumberContext::QUERY);
  REQUIRE(short_form.size() == 1);
  CHECK(short_form[0].query_key() == "30/nd-cp");

  const auto partial = find_doc_numbers("Nghị định 30/2020", NumberContext::QUERY);
  REQUIRE(partial.size() == 1);
  CHECK(partial[0].query_key() == "30/2020");
  CHECK(find_doc_numbers("Nghị định 30/2020", NumberContext::TEXT).empty());
  CHECK(find_doc_numbers("05/3/2020", NumberContext::QUERY).empty());
}

TEST_CASE("doc_number_key of whole strings") {
  CHECK(doc_number_key("30/2020/NĐ-CP") == "30/2020/nd-cp");
  CHECK(doc_number_key("30/2020/nd-cp") == "30/2020/nd-cp");
  CHECK(doc_number_key("30/2020/ÐÐ-CP") == "30/2020/dd-cp");  // look-alike Ð
  CHECK(doc_number_key("Nghị định 30/2020/NĐ-CP").empty());
  CHECK(doc_number_key("hello").empty());
}
