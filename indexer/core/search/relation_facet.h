// The facet group "Văn bản liên quan": when a search names one document of
// the handbook — the query is its number in any spelling the search accepts
// ("30/2020/NĐ-CP", "ND 30", "so:30/2020"), or a relation filter
// ("huong-dan:30/2020/NĐ-CP") is active — the documents related to it, one
// entry per relation kind that has some, each counted as the relation filter
// "<kind slug>:<target>" finds them (query_parser.h), so the count is what
// the entry's link shows.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "relations.h"

namespace sotay {

struct RelationFacetEntry {
  const RelationKind* kind = nullptr;  // in_label: "Được hướng dẫn bởi"
  std::string filter;                  // "huong-dan:30/2020/NĐ-CP", to search for
  std::size_t count = 0;               // documents
};

struct RelationFacet {
  std::string target;                       // the document's number, or the target the filter names
  std::string id;                           // the document's id
  std::vector<RelationFacetEntry> entries;  // relation_kinds() order, count > 0
};

// nullopt when `query` names no single handbook document, or none relates to it.
std::optional<RelationFacet> relation_facet(Xapian::Database& db, std::string_view query);

}  // namespace sotay
