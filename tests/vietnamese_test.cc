// Tests of exact_form, folded_form and has_marks (docs/vietnamese-search.md,
// "The forms of a token", rules 1-5).
#include "vietnamese.h"

#include <doctest/doctest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

struct FormRow {
  std::string input;
  std::string expected;
};

struct MarkRow {
  std::string input;
  bool expected;
};

std::string normalized(const std::string& s, bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString u = n->normalize(icu::UnicodeString::fromUTF8(s), status);
  REQUIRE(U_SUCCESS(status));
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string nfd(const std::string& s) { return normalized(s, false); }
std::string nfc(const std::string& s) { return normalized(s, true); }

const std::vector<FormRow>& exact_rows() {
  static const std::vector<FormRow> rows = {
      // Examples of vietnamese.h and of "The forms of a token".
      {"Hoà", "hòa"},
      {"hoà", "hòa"},
      {"hòa", "hòa"},
      {"thuỷ", "thủy"},
      {"thủy", "thủy"},
      {"khoẻ", "khỏe"},
      {"khỏe", "khỏe"},
      {"qúy", "quý"},
      {"quý", "quý"},
      {"Uỷ", "ủy"},
      {"Ủy", "ủy"},
      {"hòang", "hoàng"},
      {"hoàng", "hoàng"},
      {"ngừơi", "người"},
      {"người", "người"},
      {"ĐẶNG", "đặng"},
      {"Đặng", "đặng"},
      // Rule 1: case.
      {"UBND", "ubnd"},
      {"PHƯỜNG", "phường"},
      {"pHƯờNg", "phường"},
      {"Thủ", "thủ"},
      // Rule 3: oa / oe / uy, open syllables: tone on the first vowel.
      {"HOÁ", "hóa"},
      {"xoè", "xòe"},
      {"luỹ", "lũy"},
      {"oà", "òa"},
      // Closed syllables: the last vowel.
      {"hoạch", "hoạch"},
      {"họach", "hoạch"},
      {"tóan", "toán"},
      {"Huỳnh", "huỳnh"},
      {"hùynh", "huỳnh"},
      // Three vowels: the middle one.
      {"ngòai", "ngoài"},
      {"ngoaì", "ngoài"},
      {"khủyu", "khuỷu"},
      {"xóay", "xoáy"},
      // A quality mark wins: ươ on ơ, uô on ô, iê/yê on ê.
      {"giừơng", "giường"},
      {"rựơu", "rượu"},
      {"thủơ", "thuở"},
      {"úông", "uống"},
      {"thùyên", "thuyền"},
      {"tíêng", "tiếng"},
      {"tiếng", "tiếng"},
      {"ýêu", "yếu"},
      {"cưả", "cửa"},
      {"xùân", "xuần"},
      // Other two-vowel nuclei: the first vowel.
      {"múa", "múa"},
      {"muá", "múa"},
      {"maí", "mái"},
      {"mía", "mía"},
      // qu and gi: their u / i are not the nucleus.
      {"qủa", "quả"},
      {"quả", "quả"},
      {"cuả", "của"},
      {"qúyêt", "quyết"},
      {"gịa", "giạ"},
      {"già", "già"},
      {"gì", "gì"},
      {"gìn", "gìn"},
      {"giữ", "giữ"},
      // đ and its look-alikes (rule 5).
      {"đường", "đường"},
      {"Đường", "đường"},
      {"\u00D0\u01AF\u1EDCNG", "đường"},  // Ð (U+00D0)
      {"\u00F0\u01B0\u1EDDng", "đường"},  // ð (U+00F0)
      {"\u0189i", "đi"},                  // Ɖ (U+0189)
      {"\u0256i", "đi"},                  // ɖ (U+0256)
      // Rule 2: NFD input, also with marks in a non-canonical order.
      {"Vie\u0323\u0302t", "việt"},
      {"ngu\u031Bo\u031B\u0300i", "người"},
      {"a\u0301\u0302", "ấ"},
      {"\u00EA\u0301", "ế"},  // precomposed ê + combining acute
      {"ho\u0300a", "hòa"},   // NFD "hòa"
      {"hoa\u0300", "hòa"},   // NFD "hoà"
      {"a\u0340", "à"},       // deprecated U+0340 grave tone mark
      // Not a Vietnamese syllable: NFC + case folding (+ look-alikes) only.
      {"hóà", "hóà"},    // two tones
      {"hoà2", "hoà2"},  // digit
      {"stoà", "stoà"},  // no such onset
      {"hoàx", "hoàx"},  // no such coda
      {"café", "café"},
      {"CAFE\u0301", "café"},
      {"NĐ", "nđ"},
      {"Straße", "strasse"},  // full case folding
      {"ΣΟΦΊΑ", "σοφία"},
      {"1.000.000", "1.000.000"},
      {"2,5", "2,5"},
      {"", ""},
      // Invalid UTF-8 becomes U+FFFD.
      {"a\xFF"
       "b",
       "a\uFFFDb"},
      {"\xC3", "\uFFFD"},
      // Outside the per-character tables: the ICU path maps look-alikes too.
      {"\u0189\u00D6", "đö"},
      // Longer than a syllable can be (more than 32 letters): same forms.
      {"ĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNG", "đườngđườngđườngđườngđườngđườngđường"},
  };
  return rows;
}

TEST_CASE("exact_form") {
  const auto& rows = exact_rows();
  CHECK(rows.size() >= 40);
  SUBCASE("as given") {
    for (const FormRow& row : rows) {
      CAPTURE(row.input);
      CHECK(sotay::exact_form(row.input) == row.expected);
    }
  }
  SUBCASE("NFD and NFC input give the same form") {
    for (const FormRow& row : rows) {
      CAPTURE(row.input);
      CHECK(sotay::exact_form(nfd(row.input)) == row.expected);
      CHECK(sotay::exact_form(nfc(row.input)) == row.expected);
    }
  }
  SUBCASE("idempotent and NFC") {
    for (const FormRow& row : rows) {
      CAPTURE(row.input);
      const std::string once = sotay::exact_form(row.input);
      CHECK(sotay::exact_form(once) == once);
      CHECK(nfc(once) == once);
    }
  }
}

TEST_CASE("exact_form: every tone on every vowel of a nucleus lands on one place") {
  // All 5 tones, put on each vowel of the syllable: one exact form per tone.
  struct Row {
    std::string onset;
    std::vector<std::string> vowels;  // each vowel, unmarked tone
    std::string coda;
    std::size_t canonical;  // index of the vowel that carries the tone
  };
  const std::vector<Row> rows = {
      {"h", {"o", "a"}, "", 0},       {"h", {"o", "a"}, "ng", 1},     {"th", {"u", "y"}, "", 0},
      {"ng", {"ư", "ơ", "i"}, "", 1}, {"ng", {"o", "a", "i"}, "", 1}, {"t", {"i", "ê"}, "ng", 1},
      {"qu", {"a"}, "", 0},           {"gi", {"a"}, "", 0},           {"m", {"u", "a"}, "", 0},
      {"kh", {"u", "y", "u"}, "", 1},
  };
  const std::vector<std::string> tones = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
  for (const Row& row : rows) {
    for (const std::string& tone : tones) {
      std::string expected = row.onset;
      for (std::size_t i = 0; i < row.vowels.size(); ++i) {
        expected += row.vowels[i] + (i == row.canonical ? tone : "");
      }
      expected = nfc(expected + row.coda);
      // Also the u of qu / i of gi can carry the misplaced tone.
      for (std::size_t at = 0; at <= row.vowels.size(); ++at) {
        std::string input;
        if (at == row.vowels.size()) {
          if (row.onset != "qu" && row.onset != "gi") continue;
          input = row.onset + tone;
        } else {
          input = row.onset;
        }
        for (std::size_t i = 0; i < row.vowels.size(); ++i) {
          input += row.vowels[i] + (i == at ? tone : "");
        }
        input += row.coda;
        CAPTURE(input);
        CHECK(sotay::exact_form(input) == expected);
        CHECK(sotay::exact_form(nfc(input)) == expected);
      }
    }
  }
}

TEST_CASE("folded_form") {
  const std::vector<FormRow> rows = {
      {"Đường", "duong"},
      {"thủ", "thu"},
      {"thu", "thu"},
      {"ĐẶNG", "dang"},
      {"\u00D0\u1EB6NG", "dang"},  // Ð look-alike
      {"\u0189i", "di"},           // Ɖ
      {"\u0256i", "di"},           // ɖ
      {"\u00F0i", "di"},           // ð
      {"hoà", "hoa"},
      {"người", "nguoi"},
      {"Ủy", "uy"},
      {"ăâêôơư", "aaeoou"},
      {"ĂÂÊÔƠƯĐ", "aaeooud"},
      {"Vie\u0323\u0302t", "viet"},  // NFD
      {"UBND", "ubnd"},
      {"NĐ", "nd"},
      {"1.000.000", "1.000.000"},
      {"2,5", "2,5"},
      {"café", "cafe"},
      {"Łódź", "lodz"},
      {"ñandú", "nandu"},
      {"Øre", "ore"},
      {"Straße", "strasse"},
      {"ΣΟΦΊΑ", "σοφια"},  // other scripts lose their accents too, keep their letters
      {"a\xFF", "a\uFFFD"},
      {"\u0189\u00D6", "do"},
      {"ĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNGĐƯỜNG", "duongduongduongduongduongduongduong"},
      {"", ""},
  };
  CHECK(rows.size() >= 15);
  for (const FormRow& row : rows) {
    CAPTURE(row.input);
    CHECK(sotay::folded_form(row.input) == row.expected);
    CHECK(sotay::folded_form(nfd(row.input)) == row.expected);
  }
  SUBCASE("folded is exact without marks, for every exact_form row") {
    for (const FormRow& row : exact_rows()) {
      CAPTURE(row.input);
      CHECK(sotay::folded_form(row.input) == sotay::folded_form(row.expected));
      CHECK(sotay::folded_form(sotay::exact_form(row.input)) == sotay::folded_form(row.input));
    }
  }
}

TEST_CASE("has_marks") {
  const std::vector<MarkRow> rows = {
      {"thu", false},
      {"THU", false},
      {"thủ", true},
      {"đi", true},
      {"Đi", true},
      {"\u00D0i", true},  // Ð look-alike
      {"\u0256i", true},  // ɖ
      {"ăn", true},       // quality marks alone count
      {"ân", true},
      {"ơn", true},
      {"ưu", true},
      {"ê", true},
      {"Vie\u0323\u0302t", true},  // NFD
      {"a\u0301", true},
      {"UBND", false},
      {"2020", false},
      {"", false},
      {"café", true},    // an acute is a tone mark wherever it is
      {"naïve", false},  // a diaeresis is not a Vietnamese mark
      {"σοφια", false},
      {"a\xFF", false},
      // Tokens outside the per-character tables (ICU path) too.
      {"\u0189\u00F6", true},  // Ɖö
      {"\u00F0\u00F8", true},  // ðø
      {"\u0256\u00E7", true},  // ɖç
      {"\u00F6\u00E7", false},
  };
  CHECK(rows.size() >= 10);
  for (const MarkRow& row : rows) {
    CAPTURE(row.input);
    CHECK(sotay::has_marks(row.input) == row.expected);
    CHECK(sotay::has_marks(nfc(row.input)) == row.expected);
  }
}

}  // namespace
