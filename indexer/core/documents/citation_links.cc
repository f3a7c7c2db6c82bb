#include "citation_links.h"

#include <algorithm>

#include "citation.h"
#include "doc_number.h"
#include "tokenizer.h"
#include "url.h"

namespace sotay {

std::string number_url(std::string_view number, std::string_view article) {
  std::string url = "/so/";
  url += percent_encode(number, Encode::Path);
  if (!article.empty()) {
    url += "?dieu=";
    url += percent_encode(article, Encode::Path);
  }
  return url;
}

std::vector<CitationLink> find_citation_links(std::string_view text) {
  std::vector<CitationLink> out;
  const std::vector<DocNumber> numbers = find_doc_numbers(text);
  if (numbers.empty()) return out;
  for (const DocNumber& n : numbers) {
    const std::string_view written = text.substr(n.begin, n.end - n.begin);
    out.push_back({n.begin, n.end, number_url(written), n.key(), {}});
  }
  // "Điều 8" links to the article; the number after it keeps its own link.
  const std::vector<Token> tokens = tokenize(text);
  for (const ArticleCitation& a : find_article_citations(tokens, numbers)) {
    const auto word = std::find_if(tokens.begin(), tokens.end(),
                                   [&](const Token& t) { return t.begin == a.begin; });
    if (word == tokens.end() || word + 1 == tokens.end()) continue;
    const std::size_t end = (word + 1)->end;
    const bool overlaps = std::any_of(numbers.begin(), numbers.end(), [&](const DocNumber& n) {
      return n.begin < end && a.begin < n.end;
    });
    if (overlaps) continue;
    const std::string_view written = text.substr(a.number.begin, a.number.end - a.number.begin);
    out.push_back({a.begin, end, number_url(written, a.article), a.number.key(), a.article});
  }
  std::sort(out.begin(), out.end(),
            [](const CitationLink& x, const CitationLink& y) { return x.begin < y.begin; });
  return out;
}

}  // namespace sotay
