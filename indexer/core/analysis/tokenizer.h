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
  // True when punctuation that ends a clause (is_clause_break(): . , ; : ! ?
  // ( ) – … newline between blocks, ...) stands between the previous token
  // and this one, or it is the first token: adjacent
  // syllable pairs (bigrams) are never formed across it.
  bool clause_start = false;
  // Extra folded forms indexed at the same position, for the edge cases of
  // rule 15: "TP.HCM" gives tokens "tp" "hcm" and the extra "tphcm" on "tp";
  // an e-mail address or URL gives its parts as tokens and the whole folded
  // address as an extra on its first part.
  std::vector<std::string> extra_folded;
};

// Whether code point `c` ends a clause (Token::clause_start): sentence and
// clause punctuation (Unicode Terminal_Punctuation: . , ; : ! ? and their
// equivalents in other scripts), brackets and quotation marks (general
// categories Ps Pe Pi Pf, and "), dashes but not the hyphen (Pd without
// U+002D U+2010 U+2011: "–" "—" break, "Covid-19" does not), the ellipsis
// "…" and line breaks. Symbols do not: "25.000₫/trang", "A → B", "/", "%".
bool is_clause_break(char32_t c);
// Whether UTF-8 `text` holds a clause break: the indexer asks it of the
// bytes between two tokens, the query side of the bytes around a query
// item's words, so that both pair the same adjacent syllables.
bool has_clause_break(std::string_view text);

// Tokenizes UTF-8 text (NFC or NFD; invalid UTF-8 never throws). Offsets
// refer to the bytes of `text` as given. Thread-safe.
std::vector<Token> tokenize(std::string_view text);

}  // namespace sotay
