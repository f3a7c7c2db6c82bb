#include "legacy_encoding.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "text.h"

namespace sotay {
namespace {

// Text as the old fonts saw it: a unit below 0x100 is a byte; a unit from
// 0x100 up is a character that has no byte and passes through unchanged.
using Units = std::vector<char32_t>;

// Windows-1252 at 0x80-0x9F; 0 where it defines nothing (read as Latin-1).
constexpr std::array<char16_t, 32> CP1252_80 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98
};

// TCVN3 (VN3) bytes 0xA0-0xFF, as glibc's TCVN5712-1 decodes them; 0 where
// the ABC fonts draw no letter, so the Windows-1252 character stays.
constexpr std::array<char16_t, 96> TCVN3_A0 = {
    0x0000, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  // A0
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x0000,  // A8
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x00E0, 0x1EA3, 0x00E3,  // B0
    0x00E1, 0x1EA1, 0x0000, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x0000,  // B8
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x1EB7, 0x1EA7,  // C0
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x0000, 0x1EBB, 0x1EBD,  // C8
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  // D0
    0x1EC9, 0x0000, 0x0000, 0x0000, 0x0129, 0x00ED, 0x1ECB, 0x00F2,  // D8
    0x0000, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  // E0
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  // E8
    0x0000, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  // F0
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x0000,  // F8
};

constexpr char32_t GRAVE = 0x300, ACUTE = 0x301, CIRCUMFLEX = 0x302, TILDE = 0x303, BREVE = 0x306,
                   HOOK = 0x309, HORN = 0x31B, DOT = 0x323;

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The character Word shows for a byte.
char32_t windows_1252(char32_t unit) {
  if (unit >= 0x80 && unit < 0xA0 && CP1252_80[unit - 0x80] != 0) return CP1252_80[unit - 0x80];
  return unit;
}

// The byte behind a shown character, or the character itself when it has none.
char32_t unit_of(char32_t c) {
  if (c < 0x100) return c;
  for (std::size_t i = 0; i < CP1252_80.size(); ++i) {
    if (CP1252_80[i] == c) return static_cast<char32_t>(0x80 + i);
  }
  return c;
}

Units units_of_text(std::string_view text) {
  // NFC first: a reader that split "é" into e + U+0301 would hide its byte.
  const std::string nfc = to_nfc(text);
  Units units;
  units.reserve(nfc.size());
  int32_t i = 0;
  const auto length = static_cast<int32_t>(nfc.size());
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(nfc.data(), i, length, c);
    units.push_back(unit_of(static_cast<char32_t>(c < 0 ? 0xFFFD : c)));
  }
  return units;
}

void decode_tcvn3(const Units& units, std::string& out) {
  for (const char32_t u : units) {
    const char32_t letter = (u >= 0xA0 && u < 0x100) ? TCVN3_A0[u - 0xA0] : 0;
    append_utf8(out, letter != 0 ? letter : windows_1252(u));
  }
}

// A VNI letter: its base letter, quality mark (circumflex, breve, horn) and
// tone, all as Unicode; base 0 when the byte is no letter.
struct VniLetter {
  char32_t base = 0;
  char32_t quality = 0;
  char32_t tone = 0;
};
// The letters VNI writes as one byte (lower case; capitals are 0x20 below).
struct VniSingle {
  char32_t byte;
  VniLetter letter;
};
constexpr VniSingle VNI_SINGLES[] = {
    {0xF1, {0x111, 0, 0}},   {0xF4, {'o', HORN, 0}},  {0xF6, {'u', HORN, 0}},  // ñ đ, ô ơ, ö ư
    {0xED, {'i', 0, ACUTE}}, {0xEC, {'i', 0, GRAVE}}, {0xE6, {'i', 0, HOOK}},  // í ì æ=ỉ
    {0xF3, {'i', 0, TILDE}}, {0xF2, {'i', 0, DOT}},   {0xEE, {'y', 0, DOT}},  // ó=ĩ ò=ị î=ỵ
};
// The mark bytes: what each adds to the letter before it.
struct VniMark {
  char32_t byte = 0;
  char32_t quality = 0;
  char32_t tone = 0;
};
// clang-format off
constexpr VniMark VNI_MARKS[] = {
    // ù ø û õ ï: a tone
    {0xF9, 0, ACUTE}, {0xF8, 0, GRAVE}, {0xFB, 0, HOOK}, {0xF5, 0, TILDE}, {0xEF, 0, DOT},
    // â á à å ã ä: circumflex, with a tone
    {0xE2, CIRCUMFLEX, 0},    {0xE1, CIRCUMFLEX, ACUTE}, {0xE0, CIRCUMFLEX, GRAVE},
    {0xE5, CIRCUMFLEX, HOOK}, {0xE3, CIRCUMFLEX, TILDE}, {0xE4, CIRCUMFLEX, DOT},
    // ê é è ú ü ë: breve, with a tone
    {0xEA, BREVE, 0},    {0xE9, BREVE, ACUTE}, {0xE8, BREVE, GRAVE},
    {0xFA, BREVE, HOOK}, {0xFC, BREVE, TILDE}, {0xEB, BREVE, DOT},
};
// clang-format on

// Latin-1 capitals sit 0x20 below their small letters; VNI uses both cases.
char32_t latin1_lower(char32_t u) { return (u >= 0xC0 && u <= 0xDE && u != 0xD7) ? u + 0x20 : u; }

VniLetter vni_letter(char32_t u) {
  if (u < 0x80) {
    const bool vowel = std::u32string_view(U"aeouyAEOUY").find(u) != std::u32string_view::npos;
    return vowel ? VniLetter{u, 0, 0} : VniLetter{};
  }
  const char32_t lower = latin1_lower(u);
  for (const VniSingle& s : VNI_SINGLES) {
    if (s.byte != lower) continue;
    VniLetter l = s.letter;
    if (lower != u) l.base = l.base == 0x111 ? char32_t{0x110} : l.base - 0x20;
    return l;
  }
  return {};
}

VniMark vni_mark(char32_t u) {
  const char32_t lower = latin1_lower(u);
  for (const VniMark& m : VNI_MARKS) {
    if (m.byte == lower) return m;
  }
  return {};
}

// Whether `mark` can go on `letter`: only the combinations VNI fonts draw,
// so a stray Latin-1 letter after a vowel is left alone.
bool vni_fits(const VniLetter& letter, const VniMark& mark) {
  if (mark.quality == 0 && mark.tone == 0) return false;
  if (letter.tone != 0 || letter.base >= 0x80) return false;
  const char32_t base = letter.base | 0x20;  // ASCII lower case
  if (mark.quality == CIRCUMFLEX)
    return letter.quality == 0 && (base == 'a' || base == 'e' || base == 'o');
  if (mark.quality == BREVE) return letter.quality == 0 && base == 'a';
  return !(base == 'y' && mark.tone == DOT);  // ỵ is its own byte
}

void decode_vni(const Units& units, std::string& out) {
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char32_t u = units[i];
    VniLetter letter = u < 0x100 ? vni_letter(u) : VniLetter{};
    if (letter.base == 0) {
      append_utf8(out, windows_1252(u));
      continue;
    }
    if (i + 1 < units.size() && units[i + 1] < 0x100) {
      const VniMark mark = vni_mark(units[i + 1]);
      if (vni_fits(letter, mark)) {
        if (mark.quality != 0) letter.quality = mark.quality;
        letter.tone = mark.tone;
        ++i;
      }
    }
    // Decomposed; the caller's NFC composes "ệ" from e + U+0302 + U+0323.
    append_utf8(out, letter.base);
    if (letter.quality != 0) append_utf8(out, letter.quality);
    if (letter.tone != 0) append_utf8(out, letter.tone);
  }
}

std::string decode_units(const Units& units, LegacyEncoding encoding) {
  std::string out;
  out.reserve(units.size() * 2);
  switch (encoding) {
    case LegacyEncoding::TCVN3:
      decode_tcvn3(units, out);
      break;
    case LegacyEncoding::VNI:
      decode_vni(units, out);
      break;
    case LegacyEncoding::NONE:
      for (const char32_t u : units) append_utf8(out, windows_1252(u));
      break;
  }
  return out;
}

std::string upper_vietnamese(const std::string& text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(text);
  s.toUpper(icu::Locale("vi"));
  std::string out;
  s.toUTF8String(out);
  return out;
}

// ---- Recognising Vietnamese syllables

bool is_vowel(char32_t c) {
  return std::u32string_view(U"aăâeêioôơuưy").find(c) != std::u32string_view::npos;
}

// Vowel clusters and whether a final consonant is forbidden (0), optional
// (1) or required (2): "ai" (hai), "oa"/"oan", "iê" only in "iên", "iêt"…
struct Nucleus {
  std::u32string_view vowels;
  int coda;
};
constexpr Nucleus NUCLEI[] = {
    {U"a", 1},   {U"ă", 2},   {U"â", 2},   {U"e", 1},   {U"ê", 1},   {U"i", 1},   {U"o", 1},
    {U"ô", 1},   {U"ơ", 1},   {U"u", 1},   {U"ư", 1},   {U"y", 1},   {U"ai", 0},  {U"ao", 0},
    {U"au", 0},  {U"ay", 0},  {U"âu", 0},  {U"ây", 0},  {U"eo", 0},  {U"êu", 0},  {U"ia", 0},
    {U"iê", 2},  {U"iu", 0},  {U"oa", 1},  {U"oă", 2},  {U"oe", 1},  {U"oi", 0},  {U"oo", 2},
    {U"ôi", 0},  {U"ơi", 0},  {U"ua", 0},  {U"uâ", 2},  {U"uê", 1},  {U"ui", 0},  {U"uô", 2},
    {U"uơ", 0},  {U"uy", 1},  {U"ưa", 0},  {U"ưi", 0},  {U"ưu", 0},  {U"ươ", 2},  {U"yê", 2},
    {U"iêu", 0}, {U"oai", 0}, {U"oay", 0}, {U"oao", 0}, {U"oeo", 0}, {U"uây", 0}, {U"uôi", 0},
    {U"ươi", 0}, {U"ươu", 0}, {U"uya", 0}, {U"uyê", 2}, {U"uyu", 0}, {U"yêu", 0},
};
// Longest first, so "ngh" is tried before "ng" and "n".
constexpr std::u32string_view ONSETS[] = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"th", U"tr", U"qu", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x"};
constexpr std::u32string_view CODAS[] = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

// Lower-case letters with their quality marks (ă â ê ô ơ ư) composed and
// the one tone mark apart; nullopt for anything else (digits, a second tone,
// a mark Vietnamese does not use, a letter outside its alphabet).
struct Letters {
  std::u32string letters;
  char32_t tone = 0;
};

std::optional<Letters> vietnamese_letters(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString s = nfd->normalize(icu::UnicodeString::fromUTF8(word), status);
  if (U_FAILURE(status)) return std::nullopt;
  Letters out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    const auto c = static_cast<char32_t>(u_tolower(s.char32At(i)));
    if (c == GRAVE || c == ACUTE || c == TILDE || c == HOOK || c == DOT) {
      if (out.tone != 0 || out.letters.empty() || !is_vowel(out.letters.back()))
        return std::nullopt;
      out.tone = c;
      continue;
    }
    if (c == CIRCUMFLEX || c == BREVE || c == HORN) {
      if (out.letters.empty()) return std::nullopt;
      char32_t& last = out.letters.back();
      if (c == CIRCUMFLEX && last == U'a')
        last = U'â';
      else if (c == CIRCUMFLEX && last == U'e')
        last = U'ê';
      else if (c == CIRCUMFLEX && last == U'o')
        last = U'ô';
      else if (c == BREVE && last == U'a')
        last = U'ă';
      else if (c == HORN && last == U'o')
        last = U'ơ';
      else if (c == HORN && last == U'u')
        last = U'ư';
      else
        return std::nullopt;
      continue;
    }
    const bool latin = c >= U'a' && c <= U'z' && c != U'f' && c != U'j' && c != U'w' && c != U'z';
    if (!latin && c != U'đ') return std::nullopt;
    out.letters += c;
  }
  return out;
}

bool is_vietnamese_syllable(std::string_view word) {
  const std::optional<Letters> l = vietnamese_letters(word);
  if (!l) return false;
  const std::u32string_view w = l->letters;
  std::size_t onset = 0;
  for (const std::u32string_view o : ONSETS) {
    if (w.starts_with(o)) {
      onset = o.size();
      break;
    }
  }
  // "gì", "gìn": the i of "gi" is the vowel when no other follows.
  if (w.substr(0, onset) == U"gi" && (w.size() == 2 || !is_vowel(w[2]))) onset = 1;
  std::size_t end = onset;
  while (end < w.size() && is_vowel(w[end])) ++end;
  const std::u32string_view vowels = w.substr(onset, end - onset);
  const std::u32string_view coda = w.substr(end);
  bool coda_ok = false;
  for (const std::u32string_view c : CODAS) coda_ok = coda_ok || c == coda;
  if (vowels.empty() || !coda_ok) return false;
  // Syllables closed by c, ch, p, t carry only sắc or nặng (or none, typed without marks).
  const bool stop = coda == U"c" || coda == U"ch" || coda == U"p" || coda == U"t";
  if (stop && l->tone != 0 && l->tone != ACUTE && l->tone != DOT) return false;
  for (const Nucleus& n : NUCLEI) {
    if (n.vowels == vowels) return n.coda == 1 || (n.coda == 0) == coda.empty();
  }
  return false;
}

// Splits at what neither old encoding uses for letters: ASCII spaces and
// punctuation, Windows-1252 punctuation (0x80-0x9F), no-break spaces and
// Unicode punctuation, symbols and spaces that have no byte.
bool is_separator(char32_t u) {
  if (u < 0x80) return !u_isalnum(static_cast<UChar32>(u));
  if (u <= 0xA0) return true;
  if (u < 0x100) return false;
  const auto c = static_cast<UChar32>(u);
  return u_isUWhiteSpace(c) || u_ispunct(c) || (U_GET_GC_MASK(c) & U_GC_S_MASK) != 0;
}

std::vector<Units> words_of(const Units& units) {
  std::vector<Units> words;
  Units word;
  for (const char32_t u : units) {
    if (!is_separator(u)) {
      word.push_back(u);
      continue;
    }
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool starts_with_ascii_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if ((s[i] | 0x20) != prefix[i]) return false;
  }
  return true;
}

bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

// ".VnTimeH" out of "ABCDEF+.VnTimeH,Bold" or ".VnTimeH-BoldItalic".
std::string_view font_family(std::string_view font) {
  font = trim(font);
  const bool subset =
      font.size() > 7 && font[6] == '+' && std::all_of(font.begin(), font.begin() + 6, ascii_upper);
  if (subset) font.remove_prefix(7);
  font = font.substr(0, font.find(','));
  constexpr std::string_view STYLES[] = {"BoldItalic", "BoldOblique", "Bold",  "Italic",
                                         "Oblique",    "Regular",     "Normal"};
  for (bool again = true; again;) {
    again = false;
    for (const std::string_view style : STYLES) {
      const std::size_t n = style.size() + 1;
      if (font.size() > n && font.ends_with(style) &&
          (font[font.size() - n] == '-' || font[font.size() - n] == ' ')) {
        font.remove_suffix(n);
        again = true;
      }
    }
  }
  return font;
}

}  // namespace

LegacyEncoding encoding_of_font(std::string_view font) {
  const std::string_view f = font_family(font);
  // "VNI-Times", "VNI Times", "VNI_Times", and "VNITimes" as PDFs shorten it.
  if (f.size() > 3 && starts_with_ascii_ci(f, "vni") && (f[3] == '-' || f[3] == '_' || f[3] == ' '))
    return LegacyEncoding::VNI;
  if (f.size() > 3 && f.starts_with("VNI") && ascii_upper(f[3])) return LegacyEncoding::VNI;
  // ".VnTime", ".VNTIME", and "VnTime" without the dot.
  if (f.size() > 3 && f[0] == '.' && starts_with_ascii_ci(f.substr(1), "vn") &&
      u_isalpha(static_cast<unsigned char>(f[3])))
    return LegacyEncoding::TCVN3;
  if (f.size() > 2 && f.starts_with("Vn") && ascii_upper(f[2])) return LegacyEncoding::TCVN3;
  return LegacyEncoding::NONE;
}

bool is_tcvn3_capital_font(std::string_view font) {
  return encoding_of_font(font) == LegacyEncoding::TCVN3 && font_family(font).ends_with('H');
}

std::string decode_legacy(std::string_view text, LegacyEncoding encoding, bool capital_font) {
  std::string out = to_nfc(decode_units(units_of_text(text), encoding));
  if (capital_font && encoding == LegacyEncoding::TCVN3) out = to_nfc(upper_vietnamese(out));
  return out;
}

std::string decode_legacy_bytes(std::string_view bytes, LegacyEncoding encoding) {
  Units units(bytes.begin(), bytes.end());
  for (char32_t& u : units) u &= 0xFF;  // char may be signed
  return to_nfc(decode_units(units, encoding));
}

const char* legacy_encoding_name(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::TCVN3:
      return "TCVN3";
    case LegacyEncoding::VNI:
      return "VNI";
    case LegacyEncoding::NONE:
      break;
  }
  return "";
}

LegacyGuess guess_legacy_encoding(std::string_view text) {
  constexpr std::size_t MIN_LETTERS = 20;
  // Syllables among the words read as they are, as TCVN3, as VNI.
  std::array<std::size_t, 3> valid{};
  std::size_t words = 0, letters = 0;
  constexpr std::array<LegacyEncoding, 3> READINGS = {LegacyEncoding::NONE, LegacyEncoding::TCVN3,
                                                      LegacyEncoding::VNI};
  for (const Units& word : words_of(units_of_text(text))) {
    bool has_letter = false, has_high = false;
    std::size_t non_digits = 0;
    for (const char32_t u : word) {
      has_letter = has_letter || u >= 0x80 || u_isalpha(static_cast<UChar32>(u));
      has_high = has_high || u >= 0x80;
      non_digits += (u >= '0' && u <= '9') ? 0 : 1;
    }
    if (!has_letter) continue;
    ++words;
    letters += non_digits;
    if (!has_high) {  // plain ASCII reads the same in every encoding
      const bool ok = is_vietnamese_syllable(decode_units(word, LegacyEncoding::NONE));
      for (std::size_t& v : valid) v += ok ? 1 : 0;
      continue;
    }
    for (std::size_t r = 0; r < READINGS.size(); ++r)
      valid[r] += is_vietnamese_syllable(decode_units(word, READINGS[r])) ? 1 : 0;
  }
  if (words == 0) return {};
  const std::size_t as_is = valid[0];
  const std::size_t best_index = valid[1] >= valid[2] ? 1 : 2;
  const std::size_t best = valid[best_index], other = valid[3 - best_index];
  // Integer arithmetic, so that 0.7 - 0.4 is not "less than 0.3".
  const bool clear = letters >= MIN_LETTERS && best * 10 >= words * 6 &&
                     (best - std::min(best, as_is)) * 10 >= words * 3 &&
                     (best - other) * 10 >= words * 1;
  if (!clear)
    return {LegacyEncoding::NONE, static_cast<double>(as_is) / static_cast<double>(words)};
  return {READINGS[best_index], static_cast<double>(best) / static_cast<double>(words)};
}

}  // namespace sotay
