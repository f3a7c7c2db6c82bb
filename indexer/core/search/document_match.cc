#include "document_match.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "index_contract.h"

namespace sotay {

namespace c = contract;

namespace {

// The ids of at most `max` documents with a section matching `query`.
std::vector<std::string> documents_of(const Xapian::Database& db, const Xapian::Query& query,
                                      std::size_t max) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_collapse_key(c::SLOT_DOC_ID, 1);
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(max));
  std::vector<std::string> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_collapse_key());
  std::sort(out.begin(), out.end());
  return out;
}

// Documents holding every part, rarest part first: each further part is
// looked for only in the documents that hold the parts before it.
std::vector<std::string> holding_parts(const Xapian::Database& db,
                                       const std::vector<Xapian::Query>& parts,
                                       const Xapian::Query& filter, std::size_t max) {
  std::vector<std::pair<Xapian::doccount, Xapian::Query>> order;
  for (const Xapian::Query& part : parts) {
    const Xapian::Query q(Xapian::Query::OP_FILTER, part, filter);
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    order.emplace_back(enquire.get_mset(0, 0).get_matches_estimated(), q);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> ids;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (order[k].first == 0) return {};
    ids = k == 0 ? documents_of(db, order[k].second, max)
                 : documents_of(db, within_documents(order[k].second, ids), ids.size());
    if (ids.empty()) break;
  }
  return ids;
}

}  // namespace

Xapian::Query within_documents(const Xapian::Query& query, const std::vector<std::string>& ids) {
  std::vector<Xapian::Query> terms;
  terms.reserve(ids.size());
  for (const std::string& id : ids) terms.emplace_back(std::string(c::PREFIX_DOC_ID) + id);
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

std::vector<std::string> documents_holding_all(
    const Xapian::Database& db, const std::vector<std::vector<Xapian::Query>>& alternatives,
    const Xapian::Query& filter, std::size_t max_documents) {
  std::set<std::string> out;
  for (const std::vector<Xapian::Query>& parts : alternatives) {
    if (parts.empty()) continue;
    const std::vector<std::string> ids = holding_parts(db, parts, filter, max_documents);
    out.insert(ids.begin(), ids.end());
  }
  return {out.begin(), out.end()};
}

std::vector<std::string> documents_matching(const Xapian::Database& db, const Xapian::Query& query,
                                            const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return documents_of(db, within_documents(query, ids), ids.size());
}

}  // namespace sotay
