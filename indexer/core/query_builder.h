// Building the Xapian::Query for a parsed query with the Vietnamese analysis
// (docs/search.md): folded syllables decide what matches, exact forms of
// accented syllables, adjacent pairs, titles and own document numbers only
// add score.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query_parser.h"

namespace sotay {

struct BuiltQuery {
  Xapian::Query query;    // empty when nothing is searchable
  Xapian::Query filter;   // boolean filters, match-all when none
  bool has_text = false;  // some positive word or phrase was given
  // Forms to highlight in snippets and pages (the exact form of a syllable
  // typed with accents, else the folded form), and number keys.
  std::vector<std::string> highlight;
  std::vector<std::string> number_keys;
  std::size_t syllables = 0;  // positive syllables, to tell keywords from questions
};

struct QueryOptions {
  // Queries with more positive syllables than this are natural questions:
  // ranked OR instead of requiring every syllable.
  std::size_t long_query_syllables = 10;
  // Syllables beyond this are ignored (a pasted page is not a query).
  std::size_t max_syllables = 128;
};

BuiltQuery build_query(const ParsedQuery& parsed, const QueryOptions& options = {});

}  // namespace sotay
