#include "feedback.h"

#include <algorithm>
#include <string>
#include <vector>

#include "index_contract.h"

namespace sotay {

namespace c = contract;

namespace {

// Folded syllables (no prefix: they begin with a lower-case letter or a
// digit) and, when asked, folded pairs; never numbers, stopwords or other
// prefixes.
class ExpansionTerms : public Xapian::ExpandDecider {
 public:
  ExpansionTerms(const Dictionary* dictionary, bool pairs) : dict_(dictionary), pairs_(pairs) {}

  bool operator()(const std::string& term) const override {
    std::string_view t(term);
    const bool pair = t.starts_with(c::PREFIX_BIGRAM);
    if (pair) {
      if (!pairs_) return false;
      t.remove_prefix(c::PREFIX_BIGRAM.size());
    }
    if (t.empty() || !(t[0] >= 'a' && t[0] <= 'z')) return false;
    if (t.find_first_of("0123456789") != std::string_view::npos) return false;
    if (pair) {
      const std::size_t space = t.find(' ');
      if (space == std::string_view::npos) return false;
      return !(stop(t.substr(0, space)) && stop(t.substr(space + 1)));
    }
    return !stop(t);
  }

 private:
  bool stop(std::string_view folded) const {
    return dict_ && dict_->is_stopword(folded, folded, false);
  }
  const Dictionary* dict_;
  bool pairs_;
};

}  // namespace

Xapian::Query feedback_expansion(const Xapian::Enquire& enquire, const Xapian::MSet& top,
                                 const FeedbackOptions& options, const Dictionary* dictionary) {
  if (!options.enabled()) return Xapian::Query();
  Xapian::RSet rset;
  std::size_t taken = 0;
  for (auto it = top.begin(); it != top.end() && taken < options.documents; ++it, ++taken) {
    rset.add_document(*it);
  }
  if (rset.empty()) return Xapian::Query();
  const ExpansionTerms decider(dictionary, options.pairs);
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(options.terms), rset, &decider);
  if (eset.empty()) return Xapian::Query();
  const double best = eset.begin().get_weight();
  std::vector<Xapian::Query> parts;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    const double share = best > 0 ? it.get_weight() / best : 1.0;
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), options.weight * share);
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace sotay
