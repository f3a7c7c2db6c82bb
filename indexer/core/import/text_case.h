// Case and matching helpers for Vietnamese header text (ICU, locale "vi"):
// what header_fields and structure need to compare lines typed in capitals,
// with or without accents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

std::string lower_vi(std::string_view text);
std::string upper_vi(std::string_view text);
// The first letter upper-cased, the rest kept.
std::string capitalize_first(std::string_view text);
// True when the text has letters and at least 80 % of them are capitals.
bool mostly_capitals(std::string_view text);
// Every word folded (no marks, đ → d, lower case), single spaces, punctuation
// kept: "Số: 11/TB-UBND" → "so: 11/tb-ubnd".
std::string fold_line(std::string_view text);
// Words split on ASCII whitespace.
std::vector<std::string> split_words(std::string_view text);
// True for a personal name: 2–6 words, each a capital then lower-case
// letters ("Phạm Minh Chính").
bool looks_like_name(std::string_view text);
// One word of a name: a capital, then lower-case letters ("Chính").
bool is_name_word(std::string_view word);

}  // namespace sotay
