// Built queries checked by their description, as Omega's tests do: no index needed.
#include <doctest/doctest.h>

#include "query_builder.h"
#include "query_parser.h"
#include "title_in_question.h"
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

TEST_CASE("title_share: the share of a title's syllables a question holds") {
  const auto words = [](const std::string& text) {
    std::vector<std::string> out;
    for (const Token& t : tokenize(text)) out.push_back(t.folded);
    return out;
  };
  struct Row {
    const char* slug;
    const char* question;
    double share;
  };
  const Row rows[] = {
      // The article label "Điều 9.1.LQ.141." is not part of the title.
      {"dieu-9-1-lq-141-pham-vi-dai-dien", "phạm vi đại diện của ai", 1.0},
      {"dieu-36-3-lq-1-thanh-nien", "thanh niên là ai", 1.0},
      {"dieu-5-doi-tuong-ap-dung", "đối tượng nào", 0.5},
      {"dieu-14-3-nd-7-16-ten-cua-phuong-tien", "phương tiện được đặt tên thế nào", 0.75},
      // Any order, without accents, either spelling of kí/ký.
      {"nhiem-ky-lanh-su-danh-du", "lãnh sự danh dự có nhiệm kỳ mấy năm", 1.0},
      {"nhiem-ky-lanh-su-danh-du", "lanh su danh du co nhiem ki may nam", 1.0},
      {"dang-ky-khai-sinh", "đăng kí khai sinh ở đâu", 1.0},
      // Titles of one syllable, with or without a label, count for nothing;
      // a title none of whose syllables are asked holds 0.
      {"dieu-2-phi", "phí là gì", 0.0},
      {"phi", "phí là gì", 0.0},
      {"ho-so-can-nop", "thời hạn giải quyết", 0.0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.slug);
    CAPTURE(row.question);
    CHECK(title_share(row.slug, words(row.question)) == doctest::Approx(row.share));
  }
}

TEST_CASE("a question's whole query adds the title bonus, keywords and the first stage do not") {
  const std::string question = "nhiệm kỳ của lãnh sự danh dự là mấy năm theo quy định";
  const BuiltQuery b = build_query(parse_query(question));
  REQUIRE(b.question);
  CHECK(has(b.query.get_description(), "TitleInQuestion"));
  CHECK_FALSE(has(b.first_stage.get_description(), "TitleInQuestion"));
  CHECK_FALSE(has(describe("nhiệm kỳ lãnh sự"), "TitleInQuestion"));
  QueryOptions without;
  without.title_bonus = false;
  CHECK_FALSE(has(describe(question, without), "TitleInQuestion"));
}
