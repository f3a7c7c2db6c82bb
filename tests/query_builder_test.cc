// Built queries checked by their description, as Omega's tests do: no index needed.
#include <doctest/doctest.h>

#include "query_builder.h"
#include "query_parser.h"
#include "tokenizer.h"

using namespace sotay;

namespace {

std::string describe(const std::string& q, const QueryOptions& options = {}) {
  return build_query(parse_query(q), options).query.get_description();
}

bool has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("clause breaks: the index side and the query side agree") {
  // Sentence and clause punctuation ends a clause; symbols (currency,
  // arrows) and the hyphen do not, wherever the spaces are.
  struct Row {
    const char* separator;
    bool breaks;
  };
  const Row rows[] = {
      {"\u20AB", false},  // ₫
      {"\u2192", false},  // →
      {"\u2013", true},   // –
      {"\u2014", true},   // —
      {"\u2026", true},   // …
      {"\u201C", true},   // “
      {";", true},       {".", true}, {",", true},  {":", true},
      {"?", true},       {"(", true}, {"-", false}, {"/", false},
  };
  for (const Row& row : rows) {
    for (const std::string& text : {std::string("lệ phí") + row.separator + " trang",
                                    std::string("lệ phí ") + row.separator + " trang"}) {
      CAPTURE(text);
      const std::vector<Token> tokens = tokenize(text);
      REQUIRE(tokens.size() == 3);
      CHECK(tokens[2].clause_start == row.breaks);  // what the indexer pairs on
      CHECK(has(describe(text), "XBphi trang") == !row.breaks);
    }
  }
}

TEST_CASE("adjacent words give pair boosts, also across the items of a query") {
  const std::string d = describe("thủ tục hành chính");
  CHECK(has(d, "XBthu tuc"));
  CHECK(has(d, "XBtuc hanh"));
  CHECK(has(d, "XBhanh chinh"));
  // Punctuation between words ends a clause: no pair across it.
  const std::string comma = describe("cảng hàng không, sân bay");
  CHECK(has(comma, "XBhang khong"));
  CHECK(has(comma, "XBsan bay"));
  CHECK_FALSE(has(comma, "XBkhong san"));
  // Phrases and OR alternatives are not joined to their neighbours.
  CHECK_FALSE(has(describe("\"văn thư\" lưu trữ"), "XBthu luu"));
  CHECK_FALSE(has(describe("ký số OR chữ ký"), "XBso chu"));
}

TEST_CASE("accents typed add exact forms, unaccented words do not") {
  CHECK(has(describe("văn thư"), "XEvăn"));
  CHECK_FALSE(has(describe("van thu"), "XE"));
  CHECK(has(describe("thủ tuc"), "XEthủ"));
  CHECK_FALSE(has(describe("thủ tuc"), "XEtuc"));
}

TEST_CASE("short queries require words, long questions are ranked OR") {
  CHECK(has(describe("thu tuc hanh chinh"), "thu AND tuc AND hanh AND chinh"));
  const std::string q = describe(
      "Căn cứ xây dựng nhiệm vụ lập quy hoạch cảng hàng không sân bay được quy định như thế nào");
  CHECK_FALSE(has(q, "can AND cu"));
  CHECK(has(q, "can OR cu"));
  QueryOptions relaxed;
  relaxed.relaxed = true;
  CHECK(has(describe("thu tuc", relaxed), "thu OR tuc"));
}

TEST_CASE("document numbers and filters") {
  const std::string d = describe("30/2020/NĐ-CP");
  CHECK(has(d, "XK30/2020/nd-cp"));
  CHECK(has(d, "XN30/2020/nd-cp"));
  CHECK(has(describe("30/NĐ-CP"), "XK30/nd-cp"));
  CHECK(has(describe("van thu don-vi:van-phong"), "XDEPvan-phong"));
  CHECK(has(describe("van thu hieu-luc:het"), "XSTATexpired"));
  CHECK(has(describe("van thu -phi"), "AND_NOT"));
  CHECK(build_query(parse_query("!!!")).query.empty());
}

TEST_CASE("a question's first stage: folded syllables and pairs, the same filters") {
  CHECK(build_query(parse_query("thủ tục hành chính")).first_stage.empty());
  const std::string question =
      "hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm những giấy tờ gì";
  const BuiltQuery b = build_query(parse_query(question + " don-vi:van-phong hieu-luc:con -phi"));
  REQUIRE_FALSE(b.first_stage.empty());
  const std::string first = b.first_stage.get_description();
  const std::string whole = b.query.get_description();
  // Ranked by the folded syllables and the folded pairs...
  CHECK(has(first, "ho OR so"));
  CHECK(has(first, "XBgiay phep"));
  CHECK(has(first, "AND_MAYBE"));
  // ...not by exact forms, titles or the in-force bonus, which the whole
  // query adds when it re-ranks.
  CHECK_FALSE(has(first, "XEgiấy"));
  CHECK_FALSE(has(first, "Sgiay"));
  CHECK_FALSE(has(first, "PostingSource"));
  CHECK(has(whole, "XEgiấy"));
  CHECK(has(whole, "Sgiay"));
  CHECK(has(whole, "XBgiay phep"));
  // Filters and exclusions restrict both stages alike.
  for (const std::string& d : {first, whole}) {
    CHECK(has(d, "XDEPvan-phong"));
    CHECK(has(d, "XSTATin-force"));
    CHECK(has(d, "AND_NOT"));
  }
}
