#include "relation_facet.h"

#include "index_contract.h"
#include "number_lookup.h"
#include "query_builder.h"
#include "query_parser.h"
#include "text.h"

namespace sotay {

namespace c = contract;

namespace {

// Longer text is not a number alone: no lookup.
constexpr std::size_t MAX_NUMBER_TEXT = 64;

std::size_t count_documents(Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_collapse_key(c::SLOT_DOC_ID);
  return enquire.get_mset(0, 10000).size();
}

// The one handbook document whose own number `text` is, in any spelling.
std::optional<DocumentEntry> numbered(Xapian::Database& db, std::string_view text) {
  if (text.size() > MAX_NUMBER_TEXT || text.find_first_of("0123456789") == std::string::npos) {
    return std::nullopt;
  }
  const NumberedDocuments found = find_numbered(db, text);
  if (!found.well_formed || found.documents.size() != 1) return std::nullopt;
  return found.documents.front();
}

// The document the query names, with the target its relation filters take.
std::optional<RelationFacet> named_document(Xapian::Database& db, std::string_view query) {
  const ParsedQuery parsed = parse_query(query);
  for (const QueryFilter& f : parsed.filters) {
    const std::size_t colon = f.value.find(':');
    if (f.key != FilterKey::RELATION || colon == std::string::npos) continue;
    // The target as the active filter has it, so the counts match its results.
    const std::string target(trim(std::string_view(f.value).substr(colon + 1)));
    std::string doc_id;
    if (db.term_exists(std::string(c::PREFIX_DOC_ID) + target)) doc_id = target;
    if (doc_id.empty()) {
      if (const auto e = numbered(db, target)) doc_id = e->id;
    }
    if (doc_id.empty()) return std::nullopt;
    return RelationFacet{target, doc_id, {}};
  }
  std::string text;  // a number alone, typed or as so:<number>
  if (parsed.filters.empty()) {
    text = std::string(trim(query));
  } else if (parsed.items.empty() && parsed.filters.size() == 1 &&
             parsed.filters.front().key == FilterKey::NUMBER) {
    text = parsed.filters.front().value;
  }
  const auto entry = numbered(db, text);
  if (!entry) return std::nullopt;
  return RelationFacet{entry->number.empty() ? entry->id : entry->number, entry->id, {}};
}

}  // namespace

std::optional<RelationFacet> relation_facet(Xapian::Database& db, std::string_view query) {
  std::optional<RelationFacet> facet = named_document(db, query);
  if (!facet) return std::nullopt;
  for (const RelationKind& kind : relation_kinds()) {
    const std::string filter = std::string(kind.slug) + ":" + facet->target;
    const std::size_t count = count_documents(db, filter_query({FilterKey::RELATION, filter}, {}));
    if (count > 0) facet->entries.push_back({&kind, filter, count});
  }
  if (facet->entries.empty()) return std::nullopt;
  return facet;
}

}  // namespace sotay
