// What a query finds beyond the words as typed (docs/search.md,
// "Vocabulary"): both spellings of kí/ký-type syllables, phrases spelling
// out an abbreviation, synonyms from the dictionary, and number shorthands
// ("ND30", "nđ 30" -> 30/…/NĐ-CP). query_builder.cc assembles the parts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "dictionary.h"
#include "tokenizer.h"

namespace sotay {

// A syllable matches by its folded form (rule 4), its extra forms and its
// other spelling (i/y, spelling_variants.h).
Xapian::Query syllable_query(const Token& t);
// The exact form of a syllable typed with accents, or its other spelling.
Xapian::Query exact_query(const Token& t);
// The folded pair term (bigram) of two adjacent syllables, any spelling.
Xapian::Query pair_query(const Token& a, const Token& b);

// Whether a phrase also requires the accents typed.
enum class Accents { FOLDED, STRICT };
// Phrase on folded forms (any spelling); with Accents::STRICT, the section
// must also hold the exact form of each syllable typed with accents (exact
// terms carry no positions, index_contract.h).
Xapian::Query phrase_query(const std::vector<Token>& tokens, Accents accents);

// What the syllables at the start of a run of plain query syllables stand
// for, beyond the words themselves.
struct Expansion {
  std::size_t span = 0;                     // syllables covered, 0: none
  std::vector<Xapian::Query> alternatives;  // each to OR with the typed words
  std::vector<std::string> highlight;       // forms to highlight in snippets
};

// Longest first: a number shorthand ("nd30", "nđ 30": the own and cited
// numbers 30/…/nđ-…), a phrase spelling out abbreviations ("ủy ban nhân
// dân" also finds "UBND"), synonyms ("xe máy" finds "xe mô tô" at the
// group's weight). A single syllable that is an abbreviation is left to
// the caller. `run` holds at most longest_run(dictionary) syllables.
Expansion expand(const Dictionary& dictionary, const std::vector<Token>& run);
std::size_t longest_run(const Dictionary& dictionary);

}  // namespace sotay
