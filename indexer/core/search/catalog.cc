#include "catalog.h"

#include <nlohmann/json.hpp>

#include "citation.h"
#include "doc_number.h"
#include "index_contract.h"
#include "json_util.h"

namespace sotay {

namespace c = contract;
using nlohmann::json;

namespace {

std::string prefixed(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  out += value;
  return out;
}

DocumentEntry entry_of(const Xapian::Document& doc) {
  const json data = json::parse(doc.get_data(), nullptr, false);
  DocumentEntry e;
  e.id = json_string(data, "id");
  e.title = json_string(data, "title");
  e.number = json_string(data, "number");
  e.anchor = json_string(data, "anchor");
  e.type = doc.get_value(c::SLOT_TYPE);
  e.department = doc.get_value(c::SLOT_DEPARTMENT);
  e.status = doc.get_value(c::SLOT_STATUS);
  e.issued = iso_date_from_slot(doc.get_value(c::SLOT_ISSUED));
  e.effective = iso_date_from_slot(doc.get_value(c::SLOT_EFFECTIVE));
  e.expires = iso_date_from_slot(doc.get_value(c::SLOT_EXPIRES));
  return e;
}

// One entry per document, by folded title; among a document's sections the
// first in document order (lowest docid: sections are added in order).
std::vector<DocumentEntry> run(Xapian::Database& db, const Xapian::Query& query,
                               std::size_t limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_collapse_key(c::SLOT_DOC_ID);
  enquire.set_sort_by_value_then_relevance(c::SLOT_TITLE_SORT, false);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  std::vector<DocumentEntry> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(entry_of(it.get_document()));
  return out;
}

std::string_view facet_prefix(BrowseFacet facet) {
  switch (facet) {
    case BrowseFacet::DEPARTMENT:
      return c::PREFIX_DEPARTMENT;
    case BrowseFacet::FIELD:
      return c::PREFIX_FIELD;
    case BrowseFacet::TYPE:
      return c::PREFIX_TYPE;
  }
  return c::PREFIX_DEPARTMENT;
}

// The last heading of a heading path "Chương I › Điều 5. Đối tượng".
std::string_view last_heading(std::string_view path) {
  static constexpr std::string_view SEPARATOR = " › ";
  const auto pos = path.rfind(SEPARATOR);
  return pos == std::string_view::npos ? path : path.substr(pos + SEPARATOR.size());
}

}  // namespace

std::vector<DocumentEntry> list_documents(Xapian::Database& db, BrowseFacet facet,
                                          std::string_view slug, std::size_t limit) {
  if (slug.empty()) return {};
  return run(db, Xapian::Query(prefixed(facet_prefix(facet), slug)), limit);
}

std::vector<DocumentEntry> cited_by(Xapian::Database& db, const std::string& id,
                                    std::string_view number, std::size_t limit) {
  const std::vector<DocNumber> found = find_doc_numbers(number);
  if (found.size() != 1) return {};
  const Xapian::Query query(Xapian::Query::OP_AND_NOT,
                            Xapian::Query(prefixed(c::PREFIX_CITED_NUMBER, found[0].key())),
                            Xapian::Query(prefixed(c::PREFIX_DOC_ID, id)));
  return run(db, query, limit);
}

NumberTarget resolve_number(Xapian::Database& db, std::string_view number,
                            std::string_view article) {
  NumberTarget target;
  const std::vector<DocNumber> found = find_doc_numbers(number, NumberContext::QUERY);
  if (found.size() != 1 || found[0].begin != 0 || found[0].end != number.size()) return target;
  const std::string key = found[0].query_key();
  const std::vector<DocumentEntry> owners =
      run(db, Xapian::Query(prefixed(c::PREFIX_OWN_NUMBER, key)), 2);
  if (owners.empty()) {
    target.kind = NumberTarget::Kind::ABSENT;
    return target;
  }
  if (owners.size() > 1) {
    target.kind = NumberTarget::Kind::AMBIGUOUS;
    return target;
  }
  target.kind = NumberTarget::Kind::FOUND;
  target.id = owners[0].id;
  if (article.empty()) return target;
  // The document's sections carrying the article term; the one headed
  // "Điều <article>" (not one that merely cites it) is the target.
  const Xapian::Query sections(
      Xapian::Query::OP_FILTER,
      Xapian::Query(prefixed(c::PREFIX_ARTICLE, key + "#" + std::string(article))),
      Xapian::Query(prefixed(c::PREFIX_DOC_ID, target.id)));
  Xapian::Enquire enquire(db);
  enquire.set_query(sections);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, 1000);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const json data = json::parse(it.get_document().get_data(), nullptr, false);
    if (heading_article(last_heading(json_string(data, "section_title"))) == article) {
      target.anchor = json_string(data, "anchor");
      break;
    }
  }
  return target;
}

}  // namespace sotay
