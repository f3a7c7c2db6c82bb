// Building the Xapian::Query for a parsed query with the Vietnamese analysis
// (docs/search.md): folded syllables decide what matches, exact forms of
// accented syllables, adjacent pairs, titles and own document numbers only
// add score.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common_words.h"
#include "dictionary.h"
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
  bool question = false;      // ranked OR (a natural question, or relaxed)
  // Questions only (else empty): the same matches as `query`, ranked by the
  // folded syllables and pairs alone. The Searcher takes its best few as the
  // candidates that `query` re-ranks (docs/search.md, "Two-stage ranking").
  Xapian::Query first_stage;
  // Words read as Telex/VNI keystrokes: "thur" -> "thủ" (rule 8).
  std::vector<std::pair<std::string, std::string>> decoded;
  // Keyword queries only (else empty): for each alternative ("a b OR c d"),
  // the parts a section must all hold, before exclusions and filters. The
  // Searcher also matches them across the sections of a document
  // (document_match.h).
  std::vector<std::vector<Xapian::Query>> required_parts;
};

struct QueryOptions {
  // Queries with more positive syllables than this are natural questions:
  // ranked OR instead of requiring every syllable.
  std::size_t long_query_syllables = 10;
  // Syllables beyond this are ignored (a pasted page is not a query).
  std::size_t max_syllables = 128;
  // Abbreviations (rule 10) and stopwords (rule 14); none when null.
  const Dictionary* dictionary = nullptr;
  // Whether a folded term is in the edition; enables the Telex/VNI fallback
  // (rule 8) for words that are not.
  std::function<bool(const std::string&)> term_exists;
  // The share of sections holding a term, for editions large enough that
  // common words slow questions down (common_words.h); none when null.
  TermShare term_share;
  // Ranked OR for every query: the second try when AND found nothing.
  bool relaxed = false;
  // Ranked OR queries (questions, relaxed) add a bonus for the sections of
  // documents whose title the query holds (title_share()).
  bool title_bonus = true;
  // The day `hieu-luc:` filters on ("YYYY-MM-DD"); "" is today_date().
  std::string today;
};

BuiltQuery build_query(const ParsedQuery& parsed, const QueryOptions& options = {});

// The boolean query of one filter (`hieu-luc:` on `today`, "YYYY-MM-DD"):
// what build_query() puts in BuiltQuery::filter for it.
Xapian::Query filter_query(const QueryFilter& f, const std::string& today);

}  // namespace sotay
