// Pseudo-relevance feedback for natural questions (docs/search.md,
// "Feedback"): the best few sections of the ranking lend their most
// telling other words (Xapian's Enquire::get_eset, an RM3-like expansion)
// to the query, at a low weight, and the candidates are ranked again.
// Off unless FeedbackOptions::documents > 0; keyword and number queries
// never use it.
#pragma once

#include <cstddef>

#include <xapian.h>

#include "dictionary.h"

namespace sotay {

struct FeedbackOptions {
  std::size_t documents = 0;  // k: sections of the first ranking used; 0 = off
  std::size_t terms = 10;     // m: expansion terms added
  double weight = 0.2;        // of the expansion, relative to the query
  bool pairs = true;          // folded pairs as well as folded syllables
  // Also re-run the first stage with the expansion, so that it can bring
  // new candidates (costs one more first-stage match).
  bool widen = false;
  bool enabled() const { return documents > 0 && terms > 0 && weight > 0; }
};

// The expansion of `enquire`'s query from the best `options.documents`
// sections of `top` (a ranking of that query): OP_OR of at most
// `options.terms` folded syllables (and pairs) not in the query, none a
// stopword or a number, each scaled by `options.weight` times its share of
// the best expansion weight. Empty when nothing qualifies.
Xapian::Query feedback_expansion(const Xapian::Enquire& enquire, const Xapian::MSet& top,
                                 const FeedbackOptions& options, const Dictionary* dictionary);

}  // namespace sotay
