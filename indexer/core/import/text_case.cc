#include "text_case.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "vietnamese.h"

namespace sotay {

namespace {

icu::UnicodeString from_utf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string lower_vi(std::string_view text) {
  icu::UnicodeString u = from_utf8(text);
  return to_utf8(u.toLower(icu::Locale("vi")));
}

std::string upper_vi(std::string_view text) {
  icu::UnicodeString u = from_utf8(text);
  return to_utf8(u.toUpper(icu::Locale("vi")));
}

std::string capitalize_first(std::string_view text) {
  const icu::UnicodeString u = from_utf8(text);
  if (u.isEmpty()) return std::string(text);
  const int32_t first_len = U16_LENGTH(u.char32At(0));
  icu::UnicodeString head(u, 0, first_len);
  icu::UnicodeString tail(u, first_len);
  return to_utf8(head.toUpper(icu::Locale("vi"))) + to_utf8(tail);
}

bool mostly_capitals(std::string_view text) {
  const icu::UnicodeString u = from_utf8(text);
  int upper = 0, letters = 0;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isalpha(c)) continue;
    ++letters;
    if (u_isupper(c)) ++upper;
  }
  return letters > 0 && upper * 5 >= letters * 4;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
      ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' &&
           text[j] != '\r')
      ++j;
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string fold_line(std::string_view text) {
  std::string out;
  for (const std::string& w : split_words(text)) {
    if (!out.empty()) out += ' ';
    out += folded_form(w);
  }
  return out;
}

bool is_name_word(std::string_view word) {
  const icu::UnicodeString u = from_utf8(word);
  if (u.isEmpty() || !u_isupper(u.char32At(0))) return false;
  for (int32_t i = u.moveIndex32(0, 1); i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isalpha(c) || u_isupper(c)) return false;
  }
  return true;
}

bool looks_like_name(std::string_view text) {
  const std::vector<std::string> words = split_words(text);
  if (words.size() < 2 || words.size() > 6) return false;
  for (const std::string& w : words) {
    if (!is_name_word(w)) return false;
  }
  return true;
}

}  // namespace sotay
