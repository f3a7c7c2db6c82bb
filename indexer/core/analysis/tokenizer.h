// Splitting text into tokens with their forms and positions.
//
// Syllables come from ICU's word BreakIterator (one per thread); only tokens
// whose rule status is not UBRK_WORD_NONE are kept. Positions count tokens
// from 0, so the indexer and the query side agree on adjacency.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct Token {
  std::string exact;      // exact_form() of the token
  std::string folded;     // folded_form() of the token
  bool marked = false;    // has_marks() of the token as written
  std::size_t begin = 0;  // byte offsets of the token in the input text
  std::size_t end = 0;
  std::uint32_t pos = 0;  // position: 0, 1, 2, ...
  // True when punctuation that ends a clause (. , ; : ! ? ( ) newline between
  // blocks, ...) stands between the previous token and this one: adjacent
  // syllable pairs (bigrams) are never formed across it.
  bool clause_start = false;
  // Extra folded forms indexed at the same position, for the edge cases of
  // rule 15: "TP.HCM" gives tokens "tp" "hcm" and the extra "tphcm" on "tp";
  // an e-mail address or URL gives its parts as tokens and the whole folded
  // address as an extra on its first part.
  std::vector<std::string> extra_folded;
};

// Tokenizes UTF-8 text (NFC or NFD; invalid UTF-8 never throws). Offsets
// refer to the bytes of `text` as given. Thread-safe.
std::vector<Token> tokenize(std::string_view text);

}  // namespace sotay
