#include "snippet.h"

#include <algorithm>
#include <set>

#include "doc_number.h"
#include "snippet_parts.h"
#include "table_text.h"
#include "text.h"
#include "tokenizer.h"

namespace sotay {

namespace snippet_detail {

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
  m.pair_after.assign(tokens.size(), false);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    m.pair_after[i] = m.term_of[i] >= 0 && m.term_of[i + 1] >= 0 &&
                      m.term_of[i] != m.term_of[i + 1] && !tokens[i + 1].clause_start;
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

Score score_of(const Matches& m, std::size_t first, std::size_t end) {
  std::set<int> distinct;
  std::size_t pairs = 0, matches = 0;
  for (std::size_t i = first; i < end; ++i) {
    if (m.term_of[i] >= 0) {
      distinct.insert(m.term_of[i]);
      ++matches;
    }
    if (i + 1 < end && m.pair_after[i]) ++pairs;
  }
  return {distinct.size(), pairs, matches};
}

std::size_t best_window(const Matches& m, std::size_t from, std::size_t to, std::size_t window) {
  const std::vector<int>& term_of = m.term_of;
  std::size_t best_start = from;
  Score best_score{0, 0, 0};
  for (std::size_t start = from; start + window <= to; ++start) {
    const Score score = score_of(m, start, start + window);
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
    if (to - from > 4000 && start - from > 4000) break;  // long texts: the start is enough
  }
  std::size_t first_match = best_start;
  while (first_match < best_start + window && term_of[first_match] < 0) ++first_match;
  if (first_match < best_start + window && first_match > best_start + 4) {
    best_start += std::min(first_match - best_start - 4, to - window - best_start);
  }
  return best_start;
}

std::string render_span(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                        std::size_t first, std::size_t last, std::size_t from, std::size_t to) {
  std::string out;
  std::size_t cursor = from;
  const auto plain = [&](std::size_t b, std::size_t e) {
    out += html_escape(strip_table_marks(text.substr(b, e - b)));
  };
  for (std::size_t i = first; i < last; ++i) {
    if (m.term_of[i] < 0 || tokens[i].begin < cursor) continue;
    std::size_t b = tokens[i].begin, e = std::min(tokens[i].end, to);
    for (const auto& [nb, ne] : m.number_spans) {
      if (b >= nb && e <= ne) {
        b = std::max(nb, cursor);
        e = std::min(ne, to);
      }
    }
    plain(cursor, b);
    out += "<mark>";
    plain(b, e);
    out += "</mark>";
    cursor = e;
  }
  if (cursor < to) plain(cursor, to);
  return out;
}

// Tokens [first, first + window) of a passage whose tokens are
// [from_token, to_token) and bytes [from, to), as escaped HTML with "…"
// where text was cut.
std::string render_window(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                          std::size_t first, std::size_t window, TextSpan bytes) {
  const std::size_t last = first + window;  // one past
  const std::size_t from = first == 0 ? 0 : std::max(bytes.begin, tokens[first].begin);
  const bool to_end = last == tokens.size() || tokens[last].begin >= bytes.end;
  const std::size_t to = to_end ? bytes.end : tokens[last - 1].end;
  std::string out = first == 0 ? "" : "… ";
  out += std::string(trim(render_span(text, tokens, m, first, last, from, to)));
  if (to < text.size() && !trim(text.substr(to)).empty()) out += " …";
  return out;
}

}  // namespace snippet_detail

using namespace snippet_detail;

std::string make_snippet(std::string_view text, const std::vector<std::string>& highlight,
                         const std::vector<std::string>& number_keys,
                         const SnippetOptions& options) {
  const std::vector<Token> tokens = tokenize(text);
  if (tokens.empty()) {
    return html_escape(trim(strip_table_marks(utf8_prefix(text, 300))));
  }
  const Matches matches = find_matches(text, tokens, highlight, number_keys);
  const std::vector<TextTable> tables = find_text_tables(text);
  if (!tables.empty()) {
    if (std::string table = table_snippet(text, tokens, matches, tables, options.max_tokens);
        !table.empty()) {
      return table;
    }
  }
  const std::size_t window = std::min(options.max_tokens, tokens.size());
  const std::size_t first = best_window(matches, 0, tokens.size(), window);
  return render_window(text, tokens, matches, first, window, {0, text.size()});
}

}  // namespace sotay
