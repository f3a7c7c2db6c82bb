// Snippets of text with tables (snippet_parts.h): a passage never runs
// across the cells of different rows.
#include <algorithm>
#include <set>

#include "snippet_parts.h"
#include "text.h"

namespace sotay::snippet_detail {

namespace {

constexpr std::size_t CELL_TOKENS = 24;  // tokens shown of one long cell

using TokenRange = std::pair<std::size_t, std::size_t>;  // [first, end)

// The tokens that start inside bytes [begin, end).
TokenRange tokens_in(const std::vector<Token>& tokens, TextSpan bytes) {
  const auto starts_before = [](const Token& t, std::size_t b) { return t.begin < b; };
  const auto first = std::lower_bound(tokens.begin(), tokens.end(), bytes.begin, starts_before);
  const auto end = std::lower_bound(first, tokens.end(), bytes.end, starts_before);
  return {static_cast<std::size_t>(first - tokens.begin()),
          static_cast<std::size_t>(end - tokens.begin())};
}

// A passage to show: a window of text outside the tables, or a table row.
struct Candidate {
  Score score{0, 0, 0};
  const TextTable* table = nullptr;  // a row of this table, else text
  std::size_t row = 0;
  std::size_t first = 0, window = 0;  // text: the window's tokens
  TextSpan bytes;                     // text: the passage between tables
};

// A row's worth: the distinct terms of its header and itself; then the
// pairs and matches of the header, and those of the row that bring a term
// the header lacks (a row that only repeats the header's words is worth no
// more than the first row).
Score row_score(const Matches& m, TokenRange header, TokenRange row) {
  std::set<int> header_terms, all;
  std::size_t pairs = 0, matches = 0;
  for (std::size_t i = header.first; i < header.second; ++i) {
    if (m.term_of[i] < 0) continue;
    header_terms.insert(m.term_of[i]);
    all.insert(m.term_of[i]);
    ++matches;
    if (i + 1 < header.second && m.pair_after[i]) ++pairs;
  }
  const auto is_new = [&](std::size_t i) { return !header_terms.contains(m.term_of[i]); };
  for (std::size_t i = row.first; i < row.second; ++i) {
    if (m.term_of[i] < 0) continue;
    all.insert(m.term_of[i]);
    if (is_new(i)) ++matches;
    if (i + 1 < row.second && m.pair_after[i] && (is_new(i) || is_new(i + 1))) ++pairs;
  }
  return {all.size(), pairs, matches};
}

// One cell as HTML; a long one cut to its best CELL_TOKENS tokens.
std::string render_cell(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                        TextSpan cell) {
  const auto [a, b] = tokens_in(tokens, cell);
  if (b - a <= CELL_TOKENS) {
    return std::string(trim(render_span(text, tokens, m, a, b, cell.begin, cell.end)));
  }
  const std::size_t first = best_window(m, a, b, CELL_TOKENS);
  const std::size_t last = first + CELL_TOKENS;
  const std::size_t from = first == a ? cell.begin : tokens[first].begin;
  const std::size_t to = last == b ? cell.end : tokens[last - 1].end;
  std::string out = first == a ? "" : "… ";
  out += trim(render_span(text, tokens, m, first, last, from, to));
  if (to < cell.end) out += " …";
  return out;
}

// "Header 1: cell 1 | Header 2: cell 2", without empty cells.
std::string render_row(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                       const TextTable& table, std::size_t r) {
  std::string out;
  const std::vector<TextSpan>& cells = table.rows[r].cells;
  const std::vector<TextSpan>& header = table.rows[0].cells;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string cell = render_cell(text, tokens, m, cells[c]);
    if (cell.empty()) continue;
    if (!out.empty()) out += " | ";
    if (r > 0 && c < header.size()) {
      if (const std::string head = render_cell(text, tokens, m, header[c]); !head.empty()) {
        out += head;
        out += ": ";
      }
    }
    out += cell;
  }
  if (!trim(text.substr(0, table.rows[r].span.begin)).empty()) out.insert(0, "… ");
  if (!trim(strip_table_marks(text.substr(table.rows[r].span.end))).empty()) out += " …";
  return out;
}

// The best window of the text at `bytes`, if it has tokens.
void add_text(std::vector<Candidate>& out, const std::vector<Token>& tokens, const Matches& m,
              TextSpan bytes, std::size_t max_tokens) {
  const auto [a, b] = tokens_in(tokens, bytes);
  if (a == b) return;
  Candidate c;
  c.bytes = bytes;
  c.window = std::min(max_tokens, b - a);
  c.first = best_window(m, a, b, c.window);
  c.score = score_of(m, c.first, c.first + c.window);
  out.push_back(c);
}

void add_rows(std::vector<Candidate>& out, const std::vector<Token>& tokens, const Matches& m,
              const TextTable& table) {
  const TokenRange header = tokens_in(tokens, table.rows[0].span);
  for (std::size_t r = table.rows.size() == 1 ? 0 : 1; r < table.rows.size(); ++r) {
    Candidate c;
    c.table = &table;
    c.row = r;
    c.score = r == 0 ? score_of(m, header.first, header.second)
                     : row_score(m, header, tokens_in(tokens, table.rows[r].span));
    out.push_back(c);
  }
}

}  // namespace

std::string table_snippet(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                          const std::vector<TextTable>& tables, std::size_t max_tokens) {
  std::vector<Candidate> candidates;  // in text order
  std::size_t cursor = 0;
  for (const TextTable& table : tables) {
    add_text(candidates, tokens, m, {cursor, table.span.begin}, max_tokens);
    add_rows(candidates, tokens, m, table);
    cursor = table.span.end;
  }
  add_text(candidates, tokens, m, {cursor, text.size()}, max_tokens);
  if (candidates.empty()) return {};
  const Candidate* best = &candidates.front();
  for (const Candidate& c : candidates) {
    if (c.score > best->score) best = &c;  // the earliest of the best
  }
  if (best->table) return render_row(text, tokens, m, *best->table, best->row);
  return render_window(text, tokens, m, best->first, best->window, best->bytes);
}

}  // namespace sotay::snippet_detail
