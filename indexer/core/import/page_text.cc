#include "page_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text.h"

namespace sotay {

namespace {

std::u32string decode(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::u32string out;
  out.reserve(static_cast<size_t>(s.length()));
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(s.char32At(i));
  return out;
}

std::string encode(const std::u32string& text) {
  icu::UnicodeString s;
  for (char32_t c : text) s.append(static_cast<UChar32>(c));
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string lower(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string out;
  s.toLower(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0xA0; }
bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }
bool is_combining(char32_t c) { return c >= 0x300 && c <= 0x36F; }
bool is_tone_mark(char32_t c) {
  return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}
bool is_pua(char32_t c) { return c >= 0xE000 && c <= 0xF8FF; }

// Every Vietnamese vowel with or without its tone, lower and upper case,
// mapped to its lower-case letter without tone ("Ấ" → "â").
const std::unordered_map<char32_t, char32_t>& vowel_bases() {
  static const auto* table = [] {
    static const std::array<std::u32string_view, 12> rows = {
        U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
        U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};
    auto* map = new std::unordered_map<char32_t, char32_t>();
    for (std::u32string_view row : rows) {
      for (char32_t c : row) {
        (*map)[c] = row[0];
        (*map)[static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)))] = row[0];
      }
    }
    return map;
  }();
  return *table;
}

// The lower-case letter without tone ("Ố" → "ô"); consonants lower-cased.
char32_t base_of(char32_t c) {
  const auto& bases = vowel_bases();
  const auto it = bases.find(c);
  return it != bases.end() ? it->second : static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}
bool is_vowel(char32_t c) { return vowel_bases().count(c) > 0; }
bool has_hat_or_horn(char32_t base) {
  return base == U'ă' || base == U'â' || base == U'ê' || base == U'ô' || base == U'ơ' ||
         base == U'ư';
}

// Onset consonants, longest first where one is the start of another.
constexpr std::array<std::u32string_view, 28> ONSETS = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x", U""};
constexpr std::array<std::u32string_view, 9> FINALS = {U"",   U"c",  U"ch", U"m", U"n",
                                                       U"ng", U"nh", U"p",  U"t"};

// True when `letters` spell one Vietnamese syllable (tones ignored).
bool is_syllable(const std::u32string& letters) {
  std::u32string s;
  for (char32_t c : letters) s.push_back(base_of(c));
  for (std::u32string_view onset : ONSETS) {
    if (s.compare(0, onset.size(), onset) != 0) continue;
    size_t v = onset.size();
    while (v < s.size() && is_vowel(s[v])) ++v;
    const size_t vowels = v - onset.size();
    if (vowels < 1 || vowels > 3) continue;
    const std::u32string_view rest = std::u32string_view(s).substr(v);
    if (std::find(FINALS.begin(), FINALS.end(), rest) != FINALS.end()) return true;
  }
  return false;
}

// Index in `syl` of the letter a tone mark belongs on.
size_t tone_position(std::u32string_view syl) {
  std::u32string base;
  for (char32_t c : syl) base.push_back(base_of(c));
  size_t a = 0;
  // "qu" and "gi" before another vowel are consonants: "quá", "già".
  if ((base.starts_with(U"qu") || base.starts_with(U"gi")) && base.size() > 2 && is_vowel(base[2]))
    a = 2;
  while (a < base.size() && !is_vowel(base[a])) ++a;
  size_t b = a;
  while (b < base.size() && is_vowel(base[b])) ++b;
  if (a == b) return syl.size() - 1;
  for (size_t k = b; k-- > a;) {
    if (has_hat_or_horn(base[k])) return k;
  }
  if (b < base.size()) return b - 1;  // a final consonant: the last vowel
  if (b - a == 3) return a + 1;       // "ngoài", "khuỷu"
  return a;                           // "của", "hòa", "mùa"
}

// Puts `mark` on the syllable that ends `out` and starts at `start`.
void place_mark(std::u32string& out, size_t start, char32_t mark) {
  if (!is_tone_mark(mark)) {
    out.push_back(mark);
    return;
  }
  const size_t pos = start + tone_position(std::u32string_view(out).substr(start));
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(pos + 1), mark);
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return text.starts_with(p); });
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (char c : trim(text)) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

// A token of a stamp's detail line: an e-mail address, a date
// ("16.04.2020", "07/02/2025"), a time ("07:37:07") or a time zone ("+07:00").
bool is_stamp_token(std::string_view token) {
  if (token.find('@') != std::string_view::npos && token.find('.') != std::string_view::npos)
    return true;
  size_t groups = 0, separators = 0;
  bool colon = false, in_digits = false;
  for (char c : token) {
    if (c >= '0' && c <= '9') {
      if (!in_digits) ++groups;
      in_digits = true;
      continue;
    }
    in_digits = false;
    if (c != '.' && c != ':' && c != '/' && c != '-' && c != '+') return false;
    ++separators;
    colon = colon || c == ':';
  }
  return groups >= 2 && (separators >= 2 || colon);
}

}  // namespace

std::string repair_separate_tone_marks(std::string_view text) {
  const std::u32string in = decode(to_nfc(text));
  std::u32string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    if (!is_combining(c) || out.empty() || !is_space(out.back())) {
      out.push_back(c);
      continue;
    }
    size_t end = out.size();
    while (end > 0 && is_space(out[end - 1])) --end;
    size_t start = end;
    while (start > 0 && is_letter(out[start - 1])) --start;
    if (start == end) {  // no word before the mark: leave it where it is
      out.push_back(c);
      continue;
    }
    out.resize(end);
    size_t next = i + 1;
    while (next < in.size() && is_letter(in[next])) ++next;
    // The letters after the mark finish the word before it ("du ̣ng") only
    // when together they are one syllable; else they are the next word.
    std::u32string joined = out.substr(start);
    joined.append(in, i + 1, next - i - 1);
    const bool join = next > i + 1 && is_syllable(joined);
    if (join) {
      out.append(in, i + 1, next - i - 1);
      i = next - 1;
    }
    place_mark(out, start, c);
    if (!join && i + 1 < in.size() && is_letter(in[i + 1])) out.push_back(U' ');
  }
  return to_nfc(encode(out));
}

std::string map_bullet_glyphs(std::string_view line, bool symbol_font_first) {
  static const std::u32string BULLETS = U"•●○◦▪■□◘➢►▶❖♦◆✓✔⁃‣∙";
  std::u32string s = decode(line);
  size_t first = 0;
  while (first < s.size() && is_space(s[first])) ++first;
  if (first < s.size()) {
    const char32_t c = s[first];
    const bool lone = first + 1 == s.size() || is_space(s[first + 1]);
    if (is_pua(c) || BULLETS.find(c) != std::u32string::npos || (symbol_font_first && lone)) {
      s[first] = U'-';
      if (!lone) s.insert(s.begin() + static_cast<std::ptrdiff_t>(first + 1), U' ');
    }
  }
  for (char32_t& c : s) {
    if (is_pua(c)) c = U'□';
  }
  return encode(s);
}

bool is_symbol_font(std::string_view font) {
  const std::string f = lower(font);
  return f.find("symbol") != std::string::npos || f.find("wingding") != std::string::npos ||
         f.find("webding") != std::string::npos || f.find("dingbat") != std::string::npos;
}

bool is_signature_stamp_line(std::string_view line) {
  const std::string l = lower(trim(line));
  if (starts_with_any(l, {"ký bởi", "người ký", "thời gian ký", "ngày ký", "cơ quan:", "email:",
                          "e-mail:", "chức vụ:", "được ký bởi", "signed by", "signature"}))
    return true;
  return is_stamp_detail_line(line);
}

bool is_stamp_detail_line(std::string_view line) {
  std::string_view rest = trim(line);
  if (rest.empty()) return false;
  while (!rest.empty()) {
    const size_t space = rest.find(' ');
    if (!is_stamp_token(rest.substr(0, space))) return false;
    rest = space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
  }
  return true;
}

bool is_gazette_running_header(std::string_view line) {
  const std::string s = collapse_spaces(line);
  const size_t at = s.find("CÔNG BÁO");
  if (at == std::string::npos) return false;
  const std::string_view after = std::string_view(s).substr(at);
  return after.find('/') != std::string_view::npos &&
         (after.find("Ngày") != std::string_view::npos ||
          after.find("NGÀY") != std::string_view::npos);
}

bool is_page_number(std::string_view line) {
  std::string_view s = trim(line);
  if (s.starts_with("Trang ") || s.starts_with("trang ")) s = trim(s.substr(6));
  while (!s.empty() && (s.front() == '-' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '-' || s.back() == ' ')) s.remove_suffix(1);
  if (s.empty() || s.size() > 9) return false;
  size_t slashes = 0;
  for (char c : s) {
    if (c == '/') {
      ++slashes;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return slashes <= 1 && s.front() != '/' && s.back() != '/';
}

bool is_rule_line(std::string_view line) {
  static const std::u32string RULE = U"_-=*.…─━–—·";
  size_t marks = 0;
  for (char32_t c : decode(line)) {
    if (is_space(c)) continue;
    if (RULE.find(c) == std::u32string::npos) return false;
    ++marks;
  }
  return marks >= 3;
}

bool is_gazette_section_line(std::string_view line) {
  const std::string s = collapse_spaces(line);
  return s.find("VĂN BẢN QUY PHẠM PHÁP LUẬT") != std::string::npos ||
         starts_with_any(s, {"VĂN BẢN PHÁP LUẬT KHÁC", "VĂN BẢN HỢP NHẤT", "VĂN BẢN KHÁC"});
}

bool is_document_type_line(std::string_view line) {
  static const std::array<std::string_view, 27> TYPES = {"LUẬT",
                                                         "BỘ LUẬT",
                                                         "PHÁP LỆNH",
                                                         "LỆNH",
                                                         "NGHỊ ĐỊNH",
                                                         "NGHỊ QUYẾT",
                                                         "QUYẾT ĐỊNH",
                                                         "THÔNG TƯ",
                                                         "CHỈ THỊ",
                                                         "THÔNG BÁO",
                                                         "TỜ TRÌNH",
                                                         "BÁO CÁO",
                                                         "KẾ HOẠCH",
                                                         "CÔNG VĂN",
                                                         "HƯỚNG DẪN",
                                                         "QUY CHẾ",
                                                         "QUY ĐỊNH",
                                                         "ĐỀ ÁN",
                                                         "BIÊN BẢN",
                                                         "GIẤY MỜI",
                                                         "CÔNG ĐIỆN",
                                                         "HIẾN PHÁP",
                                                         "CHƯƠNG TRÌNH",
                                                         "PHƯƠNG ÁN",
                                                         "NGHỊ QUYẾT LIÊN TỊCH",
                                                         "THÔNG TƯ LIÊN TỊCH",
                                                         "SẮC LỆNH"};
  std::string s = collapse_spaces(line);
  while (!s.empty() && ((s.back() >= '0' && s.back() <= '9') || s.back() == '*' || s.back() == ' '))
    s.pop_back();
  return std::find(TYPES.begin(), TYPES.end(), s) != TYPES.end();
}

bool is_upper_case(std::string_view text) {
  bool letters = false;
  for (char32_t c : decode(text)) {
    if (u_islower(static_cast<UChar32>(c))) return false;
    letters = letters || is_letter(c);
  }
  return letters;
}

bool has_quoc_hieu(std::string_view line) {
  const std::string s = collapse_spaces(line);
  return s.find("CHỦ NGHĨA VIỆT NAM") != std::string::npos ||
         s.find("XÃ HỘI CHỦ NGHĨA") != std::string::npos;
}

bool starts_structural_unit(std::string_view line) {
  const std::string_view s = trim(line);
  // "Điều 5." / "Điều 12a:"; "Chương II", "Mục 1.", "Phần I -" (the number
  // ends the line or is followed by punctuation: "Mục 2 của Chương này" is
  // a wrapped sentence).
  const auto numbered = [&](std::string_view word, bool needs_period) {
    if (!s.starts_with(word)) return false;
    size_t i = word.size();
    const size_t from = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) ||
                            std::string_view("IVXL").find(s[i]) != std::string_view::npos))
      ++i;
    if (i == from) return false;
    if (i < s.size() && s[i] >= 'a' && s[i] <= 'z' &&
        std::isdigit(static_cast<unsigned char>(s[i - 1])))
      ++i;  // "Điều 12a."
    if (i == s.size()) return !needs_period;
    return s[i] == '.' || s[i] == ':' || (!needs_period && s.substr(i).starts_with(" -")) ||
           (!needs_period && s.substr(i).starts_with(" –"));
  };
  if (numbered("Điều ", true)) return true;
  for (std::string_view word : {"Chương ", "CHƯƠNG ", "Mục ", "MỤC ", "Phần ", "PHẦN "}) {
    if (numbered(word, false)) return true;
  }
  if (starts_with_any(s, {"Phần thứ", "PHẦN THỨ", "Phụ lục", "PHỤ LỤC"})) return true;
  size_t roman = 0;
  while (roman < s.size() && roman < 6 &&
         std::string_view("IVXL").find(s[roman]) != std::string_view::npos)
    ++roman;
  return roman > 0 && s.size() > roman + 1 && s[roman] == '.' && s[roman + 1] == ' ';
}

std::string list_marker_of(std::string_view line) {
  const std::string_view s = trim(line);
  size_t i = 0;
  while (i < s.size() && i < 12 && ((s[i] >= '0' && s[i] <= '9') || (i > 0 && s[i] == '.'))) ++i;
  const auto spaced = [&](size_t end) { return end < s.size() && s[end] == ' '; };
  if (i > 0 && s[0] != '.') {
    if (s[i - 1] == '.' && spaced(i) && i <= 8) return std::string(s.substr(0, i));
    if (i < s.size() && s[i] == ')' && spaced(i + 1) && i <= 3)
      return std::string(s.substr(0, i + 1));
  }
  if (s.size() >= 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ')
    return std::string(s.substr(0, 2));
  if (s.starts_with("đ) ")) return "đ)";
  for (std::string_view dash : {"- ", "– ", "— ", "• "}) {
    if (s.starts_with(dash)) return "-";
  }
  if (s.starts_with("+ ")) return "+";
  return "";
}

}  // namespace sotay
