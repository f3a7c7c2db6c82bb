#include "citation.h"

namespace sotay {

namespace {

constexpr std::size_t MAX_WORDS_BETWEEN = 8;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string strip_zeros(std::string_view digits) {
  std::size_t k = 0;
  while (k + 1 < digits.size() && digits[k] == '0') ++k;
  return std::string(digits.substr(k));
}

}  // namespace

std::vector<std::string> ArticleCitation::keys() const {
  std::vector<std::string> out;
  for (const std::string& k : number.index_keys()) out.push_back(k + "#" + article);
  return out;
}

std::vector<ArticleCitation> find_article_citations(const std::vector<Token>& tokens,
                                                    const std::vector<DocNumber>& numbers) {
  std::vector<ArticleCitation> out;
  if (numbers.empty()) return out;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].folded != "dieu" || !all_digits(tokens[i + 1].folded)) continue;
    // The first number after the article, with few words and no clause break between.
    std::size_t words = 0;
    for (std::size_t j = i + 2; j < tokens.size() && words <= MAX_WORDS_BETWEEN; ++j, ++words) {
      if (tokens[j].clause_start) break;
      const DocNumber* hit = nullptr;
      for (const DocNumber& n : numbers) {
        if (tokens[j].begin >= n.begin && tokens[j].end <= n.end) hit = &n;
      }
      if (hit) {
        out.push_back({strip_zeros(tokens[i + 1].folded), *hit, tokens[i].begin, hit->end});
        break;
      }
    }
  }
  return out;
}

std::string heading_article(std::string_view heading) {
  const std::vector<Token> tokens = tokenize(heading.substr(0, 40));
  if (tokens.size() >= 2 && tokens[0].folded == "dieu" && all_digits(tokens[1].folded)) {
    return strip_zeros(tokens[1].folded);
  }
  return {};
}

}  // namespace sotay
