#include "common_words.h"

#include <algorithm>
#include <set>

namespace sotay {

double largest_share(const Xapian::Query& q, const TermShare& share) {
  const auto op = q.get_type();
  if (op == Xapian::Query::OP_SCALE_WEIGHT) return largest_share(q.get_subquery(0), share);
  if (op != Xapian::Query::LEAF_TERM && op != Xapian::Query::OP_SYNONYM) return 0;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {  // a synonym of terms only
    if (q.get_subquery(i).get_type() != Xapian::Query::LEAF_TERM) return 0;
  }
  double largest = 0;
  for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
    largest = std::max(largest, share(*t));
  }
  return largest;
}

std::vector<Xapian::Query> split_common(std::vector<Xapian::Query>& parts, const TermShare& share,
                                        double limit) {
  std::set<std::string> seen;
  std::erase_if(parts,
                [&](const Xapian::Query& q) { return !seen.insert(q.get_description()).second; });
  if (!share) return {};
  std::vector<Xapian::Query> rare, common;
  for (Xapian::Query& q : parts) {
    (largest_share(q, share) > limit ? common : rare).push_back(std::move(q));
  }
  if (rare.empty()) {  // nothing else decides: the common words do
    parts = std::move(common);
    return {};
  }
  parts = std::move(rare);
  return common;
}

}  // namespace sotay
