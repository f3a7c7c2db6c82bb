// Word-level highlights inside a changed line of the review page's diff
// (/bien-tap): a removed line and the added line that replaces it, split
// into words, spaces and punctuation, compared as token sequences (longest
// common subsequence), so only the words that changed are marked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

// A run of a line: kept in both versions, or only in this one.
struct WordPiece {
  bool changed = false;
  std::string text;
};

// The tokens of a line: runs of letters, digits and combining marks (a
// Vietnamese word, in NFC or NFD), runs of white space, and every other
// character alone. UTF-8 safe: an invalid byte is a token of its own.
// The tokens concatenate back to `line`.
std::vector<std::string_view> diff_tokens(std::string_view line);

struct WordDiff {
  // False when the lines have too little in common for word marks to help
  // (less than a third of their words): show them as whole lines.
  bool similar = false;
  std::vector<WordPiece> before;  // the removed line (NFC), in pieces
  std::vector<WordPiece> after;   // the added line (NFC), in pieces
};

// The pieces of `before` and `after`, both taken to NFC first. Spaces and
// single punctuation marks between two changed words are marked with them,
// so a rewritten phrase is one mark, not one per word. Lines longer than
// a few thousand tokens are compared as whole lines (the table is
// tokens x tokens).
WordDiff word_diff(std::string_view before, std::string_view after);

}  // namespace sotay
