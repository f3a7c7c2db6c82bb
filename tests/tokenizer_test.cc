// Tests of tokenize(): syllables, offsets, positions, clauses and the edge
// cases of rule 15 (docs/vietnamese-search.md).
#include "tokenizer.h"

#include <doctest/doctest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "vietnamese.h"

namespace {

using Strings = std::vector<std::string>;

std::string nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString u = n->normalize(icu::UnicodeString::fromUTF8(s), status);
  REQUIRE(U_SUCCESS(status));
  std::string out;
  u.toUTF8String(out);
  return out;
}

Strings exacts(const std::vector<sotay::Token>& tokens) {
  Strings out;
  for (const auto& t : tokens) out.push_back(t.exact);
  return out;
}

Strings foldeds(const std::vector<sotay::Token>& tokens) {
  Strings out;
  for (const auto& t : tokens) out.push_back(t.folded);
  return out;
}

// The tokens as written in the text, from their offsets.
Strings written(std::string_view text, const std::vector<sotay::Token>& tokens) {
  Strings out;
  for (const auto& t : tokens) {
    REQUIRE(t.begin < t.end);
    REQUIRE(t.end <= text.size());
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

// Invariants every token list must satisfy.
void check_invariants(std::string_view text, const std::vector<sotay::Token>& tokens) {
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const sotay::Token& t = tokens[i];
    CAPTURE(i);
    CHECK(t.pos == i);
    CHECK(t.begin >= prev_end);
    CHECK(t.begin < t.end);
    CHECK(t.end <= text.size());
    const std::string_view as_written = text.substr(t.begin, t.end - t.begin);
    CHECK(t.exact == sotay::exact_form(as_written));
    CHECK(t.folded == sotay::folded_form(as_written));
    CHECK(t.marked == sotay::has_marks(as_written));
    prev_end = t.end;
  }
  if (!tokens.empty()) CHECK(tokens.front().clause_start);
}

TEST_CASE("tokenize: Vietnamese sentences") {
  struct Row {
    std::string text;
    Strings exact;
    Strings folded;
  };
  const std::vector<Row> rows = {
      {"Thủ tục hành chính", {"thủ", "tục", "hành", "chính"}, {"thu", "tuc", "hanh", "chinh"}},
      {"UBND PHƯỜNG Hoà Bình",
       {"ubnd", "phường", "hòa", "bình"},
       {"ubnd", "phuong", "hoa", "binh"}},
      {"Uỷ ban nhân dân thành phố",
       {"ủy", "ban", "nhân", "dân", "thành", "phố"},
       {"uy", "ban", "nhan", "dan", "thanh", "pho"}},
      {"  Đảng ủy,  thuỷ lợi!  ", {"đảng", "ủy", "thủy", "lợi"}, {"dang", "uy", "thuy", "loi"}},
      {"Người dân khoẻ mạnh; hòang hôn.",
       {"người", "dân", "khỏe", "mạnh", "hoàng", "hôn"},
       {"nguoi", "dan", "khoe", "manh", "hoang", "hon"}},
      {"Nghị định 30/2020/NĐ-CP",
       {"nghị", "định", "30", "2020", "nđ", "cp"},
       {"nghi", "dinh", "30", "2020", "nd", "cp"}},
      {"thu tuc hanh chinh", {"thu", "tuc", "hanh", "chinh"}, {"thu", "tuc", "hanh", "chinh"}},
      {"Ðường \u0189i", {"đường", "đi"}, {"duong", "di"}},  // look-alikes of Đ
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto tokens = sotay::tokenize(row.text);
    CHECK(exacts(tokens) == row.exact);
    CHECK(foldeds(tokens) == row.folded);
    check_invariants(row.text, tokens);
  }
}

TEST_CASE("tokenize: offsets are bytes of the input as given") {
  SUBCASE("NFC") {
    const std::string text = "Điều 8. Người ở Hà Nội";
    const auto tokens = sotay::tokenize(text);
    CHECK(written(text, tokens) == Strings{"Điều", "8", "Người", "ở", "Hà", "Nội"});
    REQUIRE(tokens.size() == 6);
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == 7);  // Đ (2 bytes) i (1) ề (3) u (1)
    CHECK(tokens[1].begin == 8);
    check_invariants(text, tokens);
  }
  SUBCASE("NFD: syllables keep their combining marks") {
    const std::string text = nfd("Việt Nam, người Đà Nẵng thuỷ");
    REQUIRE(text != "Việt Nam, người Đà Nẵng thuỷ");  // the input really is NFD
    const auto tokens = sotay::tokenize(text);
    CHECK(written(text, tokens) ==
          Strings{nfd("Việt"), "Nam", nfd("người"), nfd("Đà"), nfd("Nẵng"), nfd("thuỷ")});
    CHECK(exacts(tokens) == Strings{"việt", "nam", "người", "đà", "nẵng", "thủy"});
    CHECK(foldeds(tokens) == Strings{"viet", "nam", "nguoi", "da", "nang", "thuy"});
    check_invariants(text, tokens);
  }
  SUBCASE("NFD and NFC text give the same forms") {
    const std::string text = "Nghị định số 30/2020/NĐ-CP về công tác văn thư, Ủy ban.";
    const auto a = sotay::tokenize(text);
    const auto b = sotay::tokenize(nfd(text));
    CHECK(exacts(a) == exacts(b));
    CHECK(foldeds(a) == foldeds(b));
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CAPTURE(i);
      CHECK(a[i].clause_start == b[i].clause_start);
      CHECK(a[i].marked == b[i].marked);
    }
  }
}

TEST_CASE("tokenize: positions and marks") {
  const std::string text = "văn thư, vẫn thu phí";
  const auto tokens = sotay::tokenize(text);
  REQUIRE(tokens.size() == 5);
  for (std::uint32_t i = 0; i < tokens.size(); ++i) CHECK(tokens[i].pos == i);
  const std::vector<bool> marked = {true, true, true, false, true};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    CAPTURE(i);
    CHECK(tokens[i].marked == marked[i]);
  }
}

TEST_CASE("tokenize: clause_start") {
  struct Row {
    std::string text;
    std::vector<bool> clause_start;
  };
  const std::vector<Row> rows = {
      {"hành chính", {true, false}},
      {"a, b; c: d! e? f. g", {true, true, true, true, true, true, true}},
      {"a (b) c [d] e", {true, true, true, true, true}},
      {"a \"b\" c", {true, true, true}},
      {"a “b” c", {true, true, true}},
      {"a…b", {true, true}},
      {"a – b — c", {true, true, true}},
      {"a\nb\r\nc", {true, true, true}},
      {"a   b\tc", {true, false, false}},
      {"30/2020/NĐ-CP", {true, false, false, false}},
      {"Covid-19 tăng", {true, false, false}},
      {"TP.HCM và Hà Nội", {true, false, false, false, false}},
      {"1.000.000 đồng", {true, false}},
      {"thủ tục, hành chính", {true, false, true, false}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto tokens = sotay::tokenize(row.text);
    std::vector<bool> got;
    for (const auto& t : tokens) got.push_back(t.clause_start);
    CHECK(got == row.clause_start);
  }
}

TEST_CASE("tokenize: rule 15 edge cases") {
  struct Row {
    std::string text;
    Strings folded;
    std::vector<Strings> extras;  // extra_folded of each token
  };
  const std::vector<Row> rows = {
      {"TP.HCM", {"tp", "hcm"}, {{"tphcm"}, {}}},
      {"tp.hcm", {"tp", "hcm"}, {{"tphcm"}, {}}},
      {"TP HCM", {"tp", "hcm"}, {{}, {}}},
      {"tphcm", {"tphcm"}, {{}}},
      {"v.v.", {"v", "v"}, {{"vv"}, {}}},
      {"a.b", {"a", "b"}, {{"ab"}, {}}},
      {"Q.Hoàn Kiếm", {"q", "hoan", "kiem"}, {{"qhoan"}, {}, {}}},
      {"1.000.000", {"1.000.000"}, {{}}},
      {"2,5", {"2,5"}, {{}}},
      {"Covid-19", {"covid", "19"}, {{}, {}}},
      {"x.y@phuong.hanoi.gov.vn",
       {"x", "y", "phuong", "hanoi", "gov", "vn"},
       {{"x.y@phuong.hanoi.gov.vn"}, {}, {}, {}, {}, {}}},
      {"Email: Tiep.Dan@HaNoi.gov.vn.",
       {"email", "tiep", "dan", "hanoi", "gov", "vn"},
       {{}, {"tiep.dan@hanoi.gov.vn"}, {}, {}, {}, {}}},
      {"https://dichvucong.gov.vn/p/home",
       {"https", "dichvucong", "gov", "vn", "p", "home"},
       {{}, {"dichvucong.gov.vn/p/home"}, {}, {}, {}, {}}},
      {"Xem www.chinhphu.vn.", {"xem", "www", "chinhphu", "vn"}, {{}, {"www.chinhphu.vn"}, {}, {}}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto tokens = sotay::tokenize(row.text);
    CHECK(foldeds(tokens) == row.folded);
    std::vector<Strings> extras;
    for (const auto& t : tokens) extras.push_back(t.extra_folded);
    CHECK(extras == row.extras);
    check_invariants(row.text, tokens);
  }
  SUBCASE("parts of one address stay one clause and consecutive") {
    const std::string text = "Truy cập https://dichvucong.gov.vn/p/home, rồi gửi.";
    const auto tokens = sotay::tokenize(text);
    CHECK(written(text, tokens) ==
          Strings{"Truy", "cập", "https", "dichvucong", "gov", "vn", "p", "home", "rồi", "gửi"});
    std::vector<bool> got;
    for (const auto& t : tokens) got.push_back(t.clause_start);
    CHECK(got ==
          std::vector<bool>{true, false, false, false, false, false, false, false, true, false});
  }
}

TEST_CASE("tokenize: apostrophes and underscores are left to ICU") {
  const std::vector<std::pair<std::string, Strings>> rows = {
      {"don't", {"don't"}},     {"l’Etat", {"l’etat"}}, {"Hà Nội's", {"hà", "nội's"}},
      {"thu_tuc", {"thu_tuc"}}, {"'trích'", {"trích"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.first);
    CHECK(exacts(sotay::tokenize(row.first)) == row.second);
  }
}

TEST_CASE("tokenize: invalid UTF-8 and empty input") {
  struct Row {
    std::string text;
    Strings written;
  };
  const std::vector<Row> rows = {
      {"", {}},
      {"   ", {}},
      {" .,;-/ … ", {}},
      {"ab\xFF"
       "cd",
       {"ab", "cd"}},
      {"\xFF\xFE", {}},
      {"Hà\xC3", {"Hà"}},          // truncated sequence at the end
      {"x\xC0\xAFy", {"x", "y"}},  // overlong "/"
      {"a\xED\xA0\x80"
       "b",
       {"a", "b"}},                          // encoded surrogate
      {"đi\xE2\x80 về", {"đi", "về"}},       // truncated 3-byte sequence
      {std::string("a\0b", 3), {"a", "b"}},  // NUL byte
      {"\xCC\x81"
       "a",
       {"a"}},  // a mark with no base
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto tokens = sotay::tokenize(row.text);
    CHECK(written(row.text, tokens) == row.written);
    check_invariants(row.text, tokens);
  }
}

TEST_CASE("tokenize: 1 MB input is linear") {
  const std::string paragraph =
      "Điều 8. Thủ tục hành chính tại UBND phường Hoà Bình, TP.HCM: nộp 1.000.000 đồng "
      "theo Nghị định 30/2020/NĐ-CP; liên hệ x.y@phuong.hanoi.gov.vn (Covid-19).\n";
  const auto one = sotay::tokenize(paragraph);
  REQUIRE(!one.empty());
  std::string text;
  std::size_t copies = 0;
  while (text.size() < (1u << 20)) {
    text += paragraph;
    ++copies;
  }
  const auto tokens = sotay::tokenize(text);
  REQUIRE(tokens.size() == copies * one.size());
  const std::size_t last = copies - 1;
  for (std::size_t i = 0; i < one.size(); ++i) {
    const sotay::Token& t = tokens[last * one.size() + i];
    CAPTURE(i);
    CHECK(t.exact == one[i].exact);
    CHECK(t.begin == one[i].begin + last * paragraph.size());
    CHECK(t.end == one[i].end + last * paragraph.size());
    CHECK(t.pos == last * one.size() + i);
    CHECK(t.clause_start == (i == 0 ? true : one[i].clause_start));
    CHECK(t.extra_folded == one[i].extra_folded);
  }
}

TEST_CASE("tokenize: thread-safe") {
  const std::string text = "Uỷ ban nhân dân TP.HCM, thủ tục hành chính; https://a.gov.vn/x";
  const auto expected = sotay::tokenize(text);
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&text, &result] {
      for (int i = 0; i < 200; ++i) result = exacts(sotay::tokenize(text));
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) CHECK(result == exacts(expected));
}

}  // namespace
