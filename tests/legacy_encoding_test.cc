// Legacy Vietnamese encodings, checked against references that do not share
// the decoder's code: glibc iconv's TCVN5712-1 for TCVN3, the VNI-Windows
// table as keyboard drivers publish it (base letter + mark strings) for VNI,
// literal strings as they appear in old documents, and real Gazette text.
#include <doctest/doctest.h>

#include <iconv.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <poppler-document.h>
#include <poppler-page.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "legacy_encoding.h"
#include "test_support.h"
#include "text.h"

using namespace sotay;

namespace {

// `in` converted by glibc iconv, or nullopt when it has a character `to`
// lacks.
std::optional<std::string> iconv_convert(const std::string& in, const char* to, const char* from) {
  iconv_t cd = iconv_open(to, from);
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  char* dst = out.data();
  std::size_t src_left = in.size(), dst_left = out.size();
  std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  // TCVN5712-1 holds a vowel back until it knows no tone byte follows: flush.
  if (rc != static_cast<std::size_t>(-1)) rc = iconv(cd, nullptr, nullptr, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return std::nullopt;
  out.resize(out.size() - dst_left);
  return out;
}

// The UTF-8 characters of `s`, one string each.
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Bytes as Word shows them: Windows-1252, Latin-1 where it has nothing.
std::string shown_as_windows_1252(const std::string& bytes) {
  std::string out;
  for (const char b : bytes) {
    const std::string one(1, b);
    std::optional<std::string> c = iconv_convert(one, "UTF-8", "CP1252");
    out += c ? *c : *iconv_convert(one, "UTF-8", "ISO-8859-1");
  }
  return out;
}

// TCVN3 as an ABC keyboard typed it, by glibc iconv; characters TCVN3 lacks
// stay as they are (Word keeps them when the font changes).
std::string tcvn3_bytes(const std::string& unicode) {
  std::string out;
  for (const std::string& c : characters(to_nfc(unicode))) {
    std::optional<std::string> b = iconv_convert(c, "TCVN5712-1", "UTF-8");
    out += b ? *b : *iconv_convert(c, "CP1252", "UTF-8");
  }
  return out;
}
std::string tcvn3_shown(const std::string& unicode) {
  std::string out;
  for (const std::string& c : characters(to_nfc(unicode))) {
    std::optional<std::string> b = iconv_convert(c, "TCVN5712-1", "UTF-8");
    out += b ? shown_as_windows_1252(*b) : c;
  }
  return out;
}

std::string upper(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}
std::string icu_lower(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toLower(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// VNI-Windows as keyboard drivers list it (xvnkb's vni.h): each vowel with no
// tone, sắc, huyền, hỏi, ngã, nặng, as the Windows-1252 characters shown.
const std::map<std::string, std::string>& vni_table() {
  static const std::map<std::string, std::string> table = [] {
    struct Row {
      const char* letter;
      std::array<const char*, 6> vni;
    };
    const Row rows[] = {
        {"a", {"a", "aù", "aø", "aû", "aõ", "aï"}},  {"â", {"aâ", "aá", "aà", "aå", "aã", "aä"}},
        {"ă", {"aê", "aé", "aè", "aú", "aü", "aë"}}, {"e", {"e", "eù", "eø", "eû", "eõ", "eï"}},
        {"ê", {"eâ", "eá", "eà", "eå", "eã", "eä"}}, {"o", {"o", "où", "oø", "oû", "oõ", "oï"}},
        {"ô", {"oâ", "oá", "oà", "oå", "oã", "oä"}}, {"ơ", {"ô", "ôù", "ôø", "ôû", "ôõ", "ôï"}},
        {"u", {"u", "uù", "uø", "uû", "uõ", "uï"}},  {"ư", {"ö", "öù", "öø", "öû", "öõ", "öï"}},
        {"i", {"i", "í", "ì", "æ", "ó", "ò"}},       {"y", {"y", "yù", "yø", "yû", "yõ", "î"}},
    };
    const char* tones[] = {"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"};
    std::map<std::string, std::string> t = {{"đ", "ñ"}, {"Đ", "Ñ"}};
    for (const Row& r : rows) {
      for (int i = 0; i < 6; ++i) {
        const std::string letter = to_nfc(std::string(r.letter) + tones[i]);
        t[letter] = r.vni[i];
        t[upper(letter)] = upper(r.vni[i]);
      }
    }
    return t;
  }();
  return table;
}

std::string vni_shown(const std::string& unicode) {
  std::string out;
  for (const std::string& c : characters(to_nfc(unicode))) {
    const auto it = vni_table().find(c);
    out += it == vni_table().end() ? c : it->second;
  }
  return out;
}

const char* const PHRASES[] = {
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Uỷ ban nhân dân phường Bến Thành",
    "Nghị định số 30/2020/NĐ-CP về công tác văn thư",
    "Điều 5. Thể thức văn bản; Khoản 2",
    "Ông Nguyễn Văn Ước, Chủ tịch, đã ký quyết định ngày 05 tháng 3 năm 2020.",
    "Ơn nghĩa, ưu tiên, người được khuyến khích, khuỷu tay, quyền, giữ gìn",
};

}  // namespace

TEST_CASE("TCVN3 bytes decode as glibc iconv's TCVN5712-1, letters only") {
  int letters = 0;
  for (int b = 0; b < 256; ++b) {
    CAPTURE(b);
    const std::string byte(1, static_cast<char>(b));
    const std::string iconv_char = to_nfc(*iconv_convert(byte, "UTF-8", "TCVN5712-1"));
    const std::string shown = shown_as_windows_1252(byte);
    // The ABC fonts draw Ă Â Ê Ô Ơ Ư Đ and the lower-case letters; the other
    // bytes are what Word typed (VN1 capitals, combining tones: not there).
    const bool abc_letter =
        (b >= 0xA1 && b <= 0xA7) || (b >= 0xA8 && upper(iconv_char) != iconv_char);
    letters += abc_letter ? 1 : 0;
    const std::string expected = abc_letter ? iconv_char : shown;
    CHECK(decode_legacy_bytes(byte, LegacyEncoding::TCVN3) == expected);
    CHECK(decode_legacy(shown, LegacyEncoding::TCVN3) == expected);
  }
  CHECK(letters == 7 + 67);
}

TEST_CASE("TCVN3 round trips through iconv") {
  for (const char* phrase : PHRASES) {
    CAPTURE(phrase);
    const std::string shown = tcvn3_shown(phrase);
    CAPTURE(shown);
    CHECK(shown != phrase);
    CHECK(decode_legacy(shown, LegacyEncoding::TCVN3) == to_nfc(phrase));
    CHECK(decode_legacy_bytes(tcvn3_bytes(phrase), LegacyEncoding::TCVN3) == to_nfc(phrase));
  }
}

TEST_CASE("TCVN3 as found in old documents") {
  struct Row {
    const char* shown;
    bool capital_font;
    const char* expected;
  };
  const Row rows[] = {
      // The old tone placement ("hoà") is kept as typed.
      {"Céng hoµ x· héi chñ nghÜa ViÖt Nam", false, "Cộng hoà xã hội chủ nghĩa Việt Nam"},
      {"§éc lËp - Tù do - H¹nh phóc", false, "Độc lập - Tự do - Hạnh phúc"},
      {"Uû ban nh©n d©n", false, "Uỷ ban nhân dân"},
      {"NghÞ ®Þnh", false, "Nghị định"},
      {"§iÒu 5. Kho¶n 2", false, "Điều 5. Khoản 2"},
      // Word's smart quotes and dashes are Windows-1252 bytes no ABC letter uses.
      {"“§iÒu 5” – …", false, "“Điều 5” – …"},
      // Characters with no byte pass through.
      {"ViÖt → Việt", false, "Việt → Việt"},
      // .VnTimeH: the same codes drawn as capitals.
      {"céng hoµ x· héi chñ nghÜa viÖt nam", true, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      {"®iÒu 5", true, "ĐIỀU 5"},
      {"§éc lËp", true, "ĐỘC LẬP"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.shown);
    CHECK(decode_legacy(r.shown, LegacyEncoding::TCVN3, r.capital_font) == r.expected);
  }
  // ư is byte 0xAD, which Word shows as a soft hyphen.
  CHECK(decode_legacy("ng\u00ADêi", LegacyEncoding::TCVN3) == "người");
  CHECK(decode_legacy_bytes("ng\xAD\xEAi", LegacyEncoding::TCVN3) == "người");
}

TEST_CASE("VNI-Windows round trips through the published table") {
  for (const char* phrase : PHRASES) {
    CAPTURE(phrase);
    for (const std::string& p : {std::string(phrase), upper(phrase)}) {
      const std::string shown = vni_shown(p);
      CAPTURE(shown);
      CHECK(shown != p);
      CHECK(decode_legacy(shown, LegacyEncoding::VNI) == to_nfc(p));
      const std::string bytes = *iconv_convert(shown, "CP1252", "UTF-8");
      CHECK(decode_legacy_bytes(bytes, LegacyEncoding::VNI) == to_nfc(p));
    }
  }
}

TEST_CASE("VNI-Windows as found in old documents") {
  struct Row {
    const char* shown;
    const char* expected;
  };
  const Row rows[] = {
      {"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      {"Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
      {"UÛy ban nhaân daân", "Ủy ban nhân dân"},
      {"Nghò ñònh", "Nghị định"},
      {"Ñieàu 3. Khoaûn 1", "Điều 3. Khoản 1"},
      {"ñöôøng, ngöôøi, Quyeát ñònh, kyø hoïp", "đường, người, Quyết định, kỳ họp"},
      {"Xin chaøo caùc baïn", "Xin chào các bạn"},
      // A mark byte after a letter it cannot go on stays as it is.
      {"xù, yï, iø", "xù, yï, iø"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.shown);
    CHECK(decode_legacy(r.shown, LegacyEncoding::VNI) == r.expected);
  }
  CHECK(decode_legacy_bytes("Vie\xE4t Nam", LegacyEncoding::VNI) == "Việt Nam");
}

TEST_CASE("fonts name their encoding") {
  struct Row {
    const char* font;
    LegacyEncoding encoding;
    bool capital;
  };
  const Row rows[] = {
      {".VnTime", LegacyEncoding::TCVN3, false},
      {".VnTimeH", LegacyEncoding::TCVN3, true},
      {"ABCDEF+.VnTimeH", LegacyEncoding::TCVN3, true},
      {".VnArial,Bold", LegacyEncoding::TCVN3, false},
      {".VnArialH,Bold", LegacyEncoding::TCVN3, true},
      {".VnTimeH-BoldItalic", LegacyEncoding::TCVN3, true},
      {".VnCentury Schoolbook", LegacyEncoding::TCVN3, false},
      {"VnTime", LegacyEncoding::TCVN3, false},
      {"VNI-Times", LegacyEncoding::VNI, false},
      {"QWERTY+VNI-Helve-Bold", LegacyEncoding::VNI, false},
      {"VNI Times", LegacyEncoding::VNI, false},
      {"Times New Roman", LegacyEncoding::NONE, false},
      {"TimesNewRomanPS-BoldMT", LegacyEncoding::NONE, false},
      {"ArialH", LegacyEncoding::NONE, false},
      {"Vni", LegacyEncoding::NONE, false},
      {"", LegacyEncoding::NONE, false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.font);
    CHECK(encoding_of_font(r.font) == r.encoding);
    CHECK(is_tcvn3_capital_font(r.font) == r.capital);
  }
  CHECK(std::string(legacy_encoding_name(LegacyEncoding::TCVN3)) == "TCVN3");
  CHECK(std::string(legacy_encoding_name(LegacyEncoding::VNI)) == "VNI");
  CHECK(std::string(legacy_encoding_name(LegacyEncoding::NONE)).empty());
}

TEST_CASE("guessing the encoding from the text") {
  std::string unicode;
  for (const char* p : PHRASES) unicode += std::string(p) + "\n";
  struct Row {
    std::string name;
    std::string text;
    LegacyEncoding expected;
  };
  const Row rows[] = {
      {"Unicode Vietnamese", unicode, LegacyEncoding::NONE},
      {"TCVN3", tcvn3_shown(unicode), LegacyEncoding::TCVN3},
      {"VNI", vni_shown(unicode), LegacyEncoding::VNI},
      {"VNI capitals", vni_shown(upper(unicode)), LegacyEncoding::VNI},
      {"TCVN3 literal", "Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc",
       LegacyEncoding::TCVN3},
      {"VNI literal", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam Ñoäc laäp - Töï do - Haïnh phuùc",
       LegacyEncoding::VNI},
      {"ASCII English", "The quick brown fox jumps over the lazy dog near the river bank.",
       LegacyEncoding::NONE},
      {"Vietnamese without marks", "Cong hoa xa hoi chu nghia Viet Nam, Doc lap Tu do Hanh phuc",
       LegacyEncoding::NONE},
      {"French", "Le café est très apprécié à Noël, déjà célèbre près de la forêt.",
       LegacyEncoding::NONE},
      {"short TCVN3", "Céng hoµ x· héi", LegacyEncoding::NONE},
      {"empty", "", LegacyEncoding::NONE},
      {"numbers", "30/2020/123 45.6 - 7", LegacyEncoding::NONE},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    CAPTURE(r.text);
    const LegacyGuess g = guess_legacy_encoding(r.text);
    CAPTURE(g.share);
    CHECK(g.encoding == r.expected);
    if (r.expected != LegacyEncoding::NONE) CHECK(g.share >= 0.6);
  }
  CHECK(guess_legacy_encoding(unicode).share >= 0.9);
  // A DOCX whose runs still say ".VnTime" but whose text was converted to
  // Unicode: the font alone would decode it; the text says not to.
  CHECK(encoding_of_font(".VnTime") == LegacyEncoding::TCVN3);
  CHECK(guess_legacy_encoding(unicode).encoding == LegacyEncoding::NONE);
  CHECK(decode_legacy(unicode, LegacyEncoding::TCVN3) != to_nfc(unicode));
}

TEST_CASE("real Gazette text: left alone, and recognised once encoded") {
  const auto dir = test::shared_documents_dir();
  if (!dir) {
    MESSAGE("skipped: ../shared/data/documents is absent");
    return;
  }
  const auto pdf = *dir / "gazette" / "nghi-dinh-so-117-2022-nd-cp-38918.pdf";
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf.string()));
  REQUIRE(doc);
  std::string text;
  for (int i = 0; i < std::min(2, doc->pages()); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    const poppler::byte_array bytes = page->text().to_utf8();
    text.append(bytes.begin(), bytes.end());
  }
  text = to_nfc(text);
  REQUIRE(text.size() > 2000);
  const LegacyGuess as_is = guess_legacy_encoding(text);
  CAPTURE(as_is.share);
  CHECK(as_is.encoding == LegacyEncoding::NONE);

  const std::string vni = vni_shown(text);
  const LegacyGuess g = guess_legacy_encoding(vni);
  CAPTURE(g.share);
  CHECK(g.encoding == LegacyEncoding::VNI);
  CHECK(decode_legacy(vni, LegacyEncoding::VNI) == text);

  // TCVN3 without a capital font has no capitals with marks: the lower-case text.
  const std::string lower = to_nfc(icu_lower(text));
  const std::string tcvn3 = tcvn3_shown(lower);
  const LegacyGuess t = guess_legacy_encoding(tcvn3);
  CAPTURE(t.share);
  CHECK(t.encoding == LegacyEncoding::TCVN3);
  CHECK(decode_legacy(tcvn3, LegacyEncoding::TCVN3) == lower);
}
