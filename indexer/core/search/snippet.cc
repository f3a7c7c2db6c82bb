#include "snippet.h"

#include <algorithm>
#include <set>

#include "doc_number.h"
#include "text.h"
#include "tokenizer.h"

namespace sotay {

namespace {

// What the tokens of a text match: the distinct highlight term of each
// token (highlight.size() for a document number, -1 for none), and the byte
// spans of the document numbers, which are marked whole.
struct Matches {
  std::vector<int> term_of;
  std::vector<std::pair<std::size_t, std::size_t>> number_spans;
};

Matches find_matches(std::string_view text, const std::vector<Token>& tokens,
                     const std::vector<std::string>& highlight,
                     const std::vector<std::string>& number_keys) {
  Matches m;
  m.term_of.assign(tokens.size(), -1);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (std::size_t k = 0; k < highlight.size(); ++k) {
      const Token& t = tokens[i];
      if (t.folded == highlight[k] || t.exact == highlight[k] ||
          std::find(t.extra_folded.begin(), t.extra_folded.end(), highlight[k]) !=
              t.extra_folded.end()) {
        m.term_of[i] = static_cast<int>(k);
        break;
      }
    }
  }
  if (number_keys.empty()) return m;
  for (const DocNumber& n : find_doc_numbers(text)) {
    const auto keys = n.index_keys();
    for (const std::string& k : number_keys) {
      if (std::find(keys.begin(), keys.end(), k) != keys.end()) {
        m.number_spans.emplace_back(n.begin, n.end);
        for (std::size_t i = 0; i < tokens.size(); ++i) {
          if (tokens[i].begin >= n.begin && tokens[i].end <= n.end) {
            m.term_of[i] = static_cast<int>(highlight.size());
          }
        }
        break;
      }
    }
  }
  return m;
}

// The first token of the best window of `window` tokens: most distinct
// terms, then most matches, earliest; started a little before its first
// match so that it reads in context.
std::size_t best_window(const std::vector<int>& term_of, std::size_t window) {
  const std::size_t count = term_of.size();
  std::size_t best_start = 0;
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  for (std::size_t start = 0; start + window <= count; ++start) {
    std::set<int> distinct;
    std::size_t matches = 0;
    for (std::size_t i = start; i < start + window; ++i) {
      if (term_of[i] >= 0) {
        distinct.insert(term_of[i]);
        ++matches;
      }
    }
    const std::pair<std::size_t, std::size_t> score{distinct.size(), matches};
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
    if (count > 4000 && start > 4000) break;  // long texts: the start is enough
  }
  std::size_t first_match = best_start;
  while (first_match < best_start + window && term_of[first_match] < 0) ++first_match;
  if (first_match < best_start + window && first_match > best_start + 4) {
    best_start += std::min(first_match - best_start - 4, count - window - best_start);
  }
  return best_start;
}

// Tokens [first, last] of `text` as escaped HTML, matches in <mark>, with
// "…" where text was cut.
std::string render(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                   std::size_t first, std::size_t last) {
  const std::size_t from = first == 0 ? 0 : tokens[first].begin;
  const std::size_t to = last + 1 == tokens.size() ? text.size() : tokens[last].end;
  std::string out;
  if (from > 0) out += "… ";
  std::size_t cursor = from;
  for (std::size_t i = first; i <= last; ++i) {
    if (m.term_of[i] < 0 || tokens[i].begin < cursor) continue;
    std::size_t b = tokens[i].begin, e = tokens[i].end;
    for (const auto& [nb, ne] : m.number_spans) {
      if (b >= nb && e <= ne) {
        b = std::max(nb, cursor);
        e = std::min(ne, to);
      }
    }
    out += html_escape(text.substr(cursor, b - cursor));
    out += "<mark>";
    out += html_escape(text.substr(b, e - b));
    out += "</mark>";
    cursor = e;
  }
  out += html_escape(text.substr(cursor, to - cursor));
  if (to < text.size()) out += " …";
  return out;
}

}  // namespace

std::string make_snippet(std::string_view text, const std::vector<std::string>& highlight,
                         const std::vector<std::string>& number_keys,
                         const SnippetOptions& options) {
  const std::vector<Token> tokens = tokenize(text);
  if (tokens.empty()) return html_escape(text.substr(0, 300));
  const Matches matches = find_matches(text, tokens, highlight, number_keys);
  const std::size_t window = std::min(options.max_tokens, tokens.size());
  const std::size_t first = best_window(matches.term_of, window);
  return std::string(trim(render(text, tokens, matches, first, first + window - 1)));
}

}  // namespace sotay
