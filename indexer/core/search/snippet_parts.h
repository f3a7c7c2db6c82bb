// The pieces of snippet.cc that snippet_table.cc shares: matching tokens
// against the query, scoring and choosing passages, rendering them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "table_text.h"
#include "tokenizer.h"

namespace sotay::snippet_detail {

// What the tokens of a text match: the distinct highlight term of each
// token (highlight.size() for a document number, -1 for none), and the byte
// spans of the document numbers, which are marked whole.
struct Matches {
  std::vector<int> term_of;
  // Whether token i and the next one in its clause match two different
  // terms: a pair of the query's words as typed ("chứng thực").
  std::vector<bool> pair_after;
  std::vector<std::pair<std::size_t, std::size_t>> number_spans;
};

Matches find_matches(std::string_view text, const std::vector<Token>& tokens,
                     const std::vector<std::string>& highlight,
                     const std::vector<std::string>& number_keys);

// A passage's worth: distinct terms, then pairs of words as typed, then
// matches.
using Score = std::tuple<std::size_t, std::size_t, std::size_t>;
Score score_of(const Matches& m, std::size_t first, std::size_t end);

// The first token of the best window of `window` tokens within tokens
// [from, to): most distinct terms, then most matches, earliest; started a
// little before its first match so that it reads in context.
std::size_t best_window(const Matches& m, std::size_t from, std::size_t to, std::size_t window);

// Bytes [from, to) of `text` as escaped HTML without table marks, tokens
// [first, last) that match in <mark>.
std::string render_span(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                        std::size_t first, std::size_t last, std::size_t from, std::size_t to);

// Tokens [first, first + window) of the passage at bytes `bytes`, as
// escaped HTML with "…" where text was cut.
std::string render_window(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                          std::size_t first, std::size_t window, TextSpan bytes);

// The snippet of a text with tables: the best passage of text outside the
// tables or the best table row, shown with its header cells ("Mức thu:
// 2.000 đồng/trang"), so that cells of different rows never run together.
std::string table_snippet(std::string_view text, const std::vector<Token>& tokens, const Matches& m,
                          const std::vector<TextTable>& tables, std::size_t max_tokens);

}  // namespace sotay::snippet_detail
