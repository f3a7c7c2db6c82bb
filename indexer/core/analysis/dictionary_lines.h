// Reading the line-based files of the dictionary (abbreviations.txt,
// stopwords.txt, synonyms.txt): comments, UTF-8 checks, weights. Shared by
// dictionary.cc and synonyms.cc so both report the same errors.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content_error.h"
#include "text.h"

namespace sotay::dictionary_lines {

inline std::string_view strip_comment(std::string_view line) {
  const std::size_t hash = line.find('#');
  return trim(hash == std::string_view::npos ? line : line.substr(0, hash));
}

// Calls f(line_number, line) for every line of `text` that is not blank or a comment.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  int number = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++number;
    const std::string_view content = strip_comment(line);
    if (!content.empty()) f(number, content);
  }
}

inline bool check_utf8(std::string_view path, std::string_view text,
                       std::vector<ContentError>& errors) {
  if (const auto bad = find_invalid_utf8(text)) {
    errors.push_back({std::string(path), line_of(text, *bad), "tệp không phải UTF-8 hợp lệ"});
    return false;
  }
  return true;
}

// Splits "… ; 0.5" off `rest`: the weight, or nullopt (and an error message)
// when it is not a number in (0, 1]. Without ";" the weight is `fallback`.
inline std::optional<double> take_weight(std::string_view& rest, double fallback,
                                         std::string& error) {
  const std::size_t semi = rest.find(';');
  if (semi == std::string_view::npos) return fallback;
  const std::string_view w = trim(rest.substr(semi + 1));
  double weight = 0;
  const auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), weight);
  if (ec != std::errc() || ptr != w.data() + w.size() || !(weight > 0 && weight <= 1)) {
    error = "trọng số \"" + std::string(w) + "\" không hợp lệ: cần một số trong (0, 1]";
    return std::nullopt;
  }
  rest = rest.substr(0, semi);
  return weight;
}

// A line "- X" removes X from the default dictionary: X, else "".
inline std::string_view removal(std::string_view content) {
  if (content.empty() || content.front() != '-' || content.find('=') != std::string_view::npos) {
    return {};
  }
  return trim(content.substr(1));
}

}  // namespace sotay::dictionary_lines
