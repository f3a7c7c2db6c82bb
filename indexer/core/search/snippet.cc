#include "snippet.h"

#include <algorithm>
#include <set>

#include "doc_number.h"
#include "text.h"
#include "tokenizer.h"

namespace sotay {

namespace {

struct Span {
  std::size_t begin, end;
  std::size_t term;  // index into the distinct terms, for scoring windows
};

}  // namespace

std::string make_snippet(std::string_view text, const std::vector<std::string>& highlight,
                         const std::vector<std::string>& number_keys,
                         const SnippetOptions& options) {
  const std::vector<Token> tokens = tokenize(text);
  if (tokens.empty()) return html_escape(text.substr(0, 300));

  // Which tokens are highlighted, and by which distinct term.
  std::vector<int> term_of(tokens.size(), -1);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (std::size_t k = 0; k < highlight.size(); ++k) {
      const Token& t = tokens[i];
      if (t.folded == highlight[k] || t.exact == highlight[k] ||
          std::find(t.extra_folded.begin(), t.extra_folded.end(), highlight[k]) !=
              t.extra_folded.end()) {
        term_of[i] = static_cast<int>(k);
        break;
      }
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> number_spans;
  if (!number_keys.empty()) {
    for (const DocNumber& n : find_doc_numbers(text)) {
      const auto keys = n.index_keys();
      for (const std::string& k : number_keys) {
        if (std::find(keys.begin(), keys.end(), k) != keys.end()) {
          number_spans.emplace_back(n.begin, n.end);
          for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i].begin >= n.begin && tokens[i].end <= n.end) {
              term_of[i] = static_cast<int>(highlight.size());
            }
          }
          break;
        }
      }
    }
  }

  // Best window: most distinct terms, then most matches, earliest.
  const std::size_t window = std::min(options.max_tokens, tokens.size());
  std::size_t best_start = 0;
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  for (std::size_t start = 0; start + window <= tokens.size(); ++start) {
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
    if (tokens.size() > 4000 && start > 4000) break;  // long texts: the start is enough
  }
  // Start a little before the first match so it reads in context.
  std::size_t first_match = best_start;
  while (first_match < best_start + window && term_of[first_match] < 0) ++first_match;
  if (first_match < best_start + window && first_match > best_start + 4) {
    const std::size_t shift =
        std::min(first_match - best_start - 4, tokens.size() - window - best_start);
    best_start += shift;
  }
  const std::size_t last = best_start + window - 1;

  std::size_t from = best_start == 0 ? 0 : tokens[best_start].begin;
  std::size_t to = last + 1 == tokens.size() ? text.size() : tokens[last].end;
  std::string out;
  if (from > 0) out += "… ";
  std::size_t cursor = from;
  const auto emit_marked = [&](std::size_t b, std::size_t e) {
    out += html_escape(text.substr(cursor, b - cursor));
    out += "<mark>";
    out += html_escape(text.substr(b, e - b));
    out += "</mark>";
    cursor = e;
  };
  for (std::size_t i = best_start; i <= last; ++i) {
    if (term_of[i] < 0 || tokens[i].begin < cursor) continue;
    std::size_t b = tokens[i].begin, e = tokens[i].end;
    for (const auto& [nb, ne] : number_spans) {
      if (b >= nb && e <= ne) {
        b = std::max(nb, cursor);
        e = std::min(ne, to);
      }
    }
    emit_marked(b, e);
  }
  out += html_escape(text.substr(cursor, to - cursor));
  if (to < text.size()) out += " …";
  return std::string(trim(out));
}

}  // namespace sotay
