#include "relation_facet_view.h"

#include "relation_facet.h"
#include "text.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

json relation_facet_view(Xapian::Database& db, const std::string& q) {
  const auto facet = relation_facet(db, q);
  if (!facet) return nullptr;
  const std::string typed(trim(q));
  json values = json::array();
  for (const RelationFacetEntry& e : facet->entries) {
    const bool selected = e.filter == typed;  // the link followed
    values.push_back({{"value", std::string(e.kind->in_label)},
                      {"count", std::to_string(e.count)},
                      {"url", "/search?q=" + percent_encode(e.filter)},
                      {"selected", selected}});
  }
  return {{"target", facet->target}, {"doc_url", doc_url(facet->id)}, {"values", values}};
}

json relation_facet_json(Xapian::Database& db, const std::string& q) {
  const auto facet = relation_facet(db, q);
  if (!facet) return nullptr;
  json kinds = json::array();
  for (const RelationFacetEntry& e : facet->entries) {
    kinds.push_back({{"kind", std::string(e.kind->key)},
                     {"label", std::string(e.kind->in_label)},
                     {"filter", e.filter},
                     {"count", e.count}});
  }
  return {{"target", facet->target}, {"id", facet->id}, {"kinds", kinds}};
}

void add_relation_facet(json& data, Xapian::Database& db, const std::string& q) {
  json related = relation_facet_view(db, q);
  if (related.is_null()) return;
  data["related"] = std::move(related);
  data["has_facets"] = true;
}

}  // namespace sotay
