// Natural questions over a large edition (query_builder.h): the syllables
// most sections hold (có, của, quy định …) decide almost nothing in BM25,
// yet their posting lists were most of a question's matching time. When the
// Searcher knows the edition's statistics (QueryOptions::term_share), such
// syllables only add score instead of deciding what matches, and the first
// stage (Searcher::rerank) keeps only the rarer adjacent pairs. Measured on
// the 714 questions over 65k sections (docs/search.md, "Common words"):
// first-stage time 24 s → 5 s, MRR@10 and Recall@10 unchanged.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace sotay {

// The share of sections holding a term (0..1), from the edition.
using TermShare = std::function<double(const std::string&)>;

// A syllable held by more than this share of sections is common.
inline constexpr double COMMON_WORD_SHARE = 0.3;
// An adjacent pair held by more than this share of sections stays out of
// the first stage (it still scores in the second).
inline constexpr double COMMON_PAIR_SHARE = 0.1;
// Below this many sections every question is fast: the Searcher gives no
// TermShare and nothing here applies.
inline constexpr Xapian::doccount COMMON_WORDS_FROM_SECTIONS = 1000;

// The largest share of the terms `q` holds (a term, or a synonym of
// spellings: quy/qui, either maybe scaled); 0 for anything else (phrases,
// expansions, numbers).
double largest_share(const Xapian::Query& q, const TermShare& share);

// Removes repeated parts (a word asked twice scores once; its posting list
// is read once) and, when `share` is given and some part is rarer than
// `limit`, moves the parts above `limit` out of `parts`: returned, to be
// added as optional score.
std::vector<Xapian::Query> split_common(std::vector<Xapian::Query>& parts, const TermShare& share,
                                        double limit);

}  // namespace sotay
