// The "Văn bản liên quan" facet group of the results page (relation_facet.h):
// an entry per relation kind, linking to its relation filter.
#pragma once

#include <string>

#include <xapian.h>

#include <nlohmann/json.hpp>

namespace sotay {

// {"target", "doc_url", "values": [{"value", "count", "url", "selected"}]}
// for search.mustache, or null when the query names no document with
// related documents.
nlohmann::json relation_facet_view(Xapian::Database& db, const std::string& q);
// The same for /api/search: {"target", "id", "kinds": [{"kind": "huong_dan",
// "label": "Được hướng dẫn bởi", "filter": "huong-dan:30/2020/NĐ-CP",
// "count"}]}, or null.
nlohmann::json relation_facet_json(Xapian::Database& db, const std::string& q);
// Sets data["related"] for the results page of `q`; with it the facets are shown
// (data["has_facets"]) even when the filter found nothing.
void add_relation_facet(nlohmann::json& data, Xapian::Database& db, const std::string& q);

}  // namespace sotay
