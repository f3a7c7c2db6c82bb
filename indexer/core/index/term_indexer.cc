#include "term_indexer.h"

#include <nlohmann/json.hpp>

#include "citation.h"
#include "doc_number.h"
#include "index_contract.h"
#include "relation_links.h"
#include "slug.h"
#include "tokenizer.h"
#include "validity.h"

namespace sotay {

namespace c = contract;

namespace {

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string out(prefix);
  out += term;
  return out;
}

// Xapian rejects terms over 245 bytes; such tokens are noise anyway.
constexpr std::size_t MAX_TERM = 200;

void add_boolean(Xapian::Document& xdoc, std::string_view prefix, std::string_view value) {
  if (!value.empty() && value.size() < MAX_TERM) xdoc.add_boolean_term(prefixed(prefix, value));
}

}  // namespace

Xapian::termpos index_text(Xapian::Document& xdoc, std::string_view text, Xapian::termpos first_pos,
                           Xapian::termcount wdf_inc, bool title_zone) {
  const std::vector<Token> tokens = tokenize(text);
  const Token* prev = nullptr;
  Xapian::termpos last = first_pos;
  for (const Token& t : tokens) {
    if (t.folded.empty() || t.folded.size() > MAX_TERM || t.exact.size() > MAX_TERM) {
      prev = nullptr;
      continue;
    }
    const Xapian::termpos pos = first_pos + t.pos;
    last = pos + 1;
    // Only folded forms carry positions (index_contract.h): phrases match
    // on them, and the position table is the costliest part of indexing.
    xdoc.add_posting(t.folded, pos, wdf_inc);
    const bool distinct = t.exact != t.folded;
    if (distinct) xdoc.add_term(prefixed(c::PREFIX_EXACT, t.exact), wdf_inc);
    for (const std::string& extra : t.extra_folded) {
      if (!extra.empty() && extra.size() < MAX_TERM) xdoc.add_posting(extra, pos, wdf_inc);
    }
    if (title_zone) {
      xdoc.add_term(prefixed(c::PREFIX_TITLE, t.folded));
      if (distinct) xdoc.add_term(prefixed(c::PREFIX_TITLE_EXACT, t.exact));
    }
    if (prev && !t.clause_start) {
      std::string bigram = prefixed(c::PREFIX_BIGRAM, prev->folded);
      bigram += ' ';
      bigram += t.folded;
      if (bigram.size() < MAX_TERM) xdoc.add_term(bigram, wdf_inc);
    }
    prev = &t;
  }
  const std::vector<DocNumber> numbers = find_doc_numbers(text);
  for (const DocNumber& n : numbers) {
    for (const std::string& key : n.index_keys()) {
      if (key.size() < MAX_TERM) xdoc.add_term(prefixed(c::PREFIX_CITED_NUMBER, key), wdf_inc);
    }
  }
  for (const ArticleCitation& a : find_article_citations(tokens, numbers)) {
    for (const std::string& key : a.keys()) {
      if (key.size() < MAX_TERM) xdoc.add_term(prefixed(c::PREFIX_ARTICLE, key), wdf_inc);
    }
  }
  return last;
}

std::string heading_path(const Document& doc, std::size_t index) {
  const Section& s = doc.sections.at(index);
  if (s.level == 0) return {};
  std::string path = s.title;
  int level = s.level;
  for (std::size_t i = index; i-- > 0 && level > 1;) {
    const Section& parent = doc.sections[i];
    if (parent.level > 0 && parent.level < level) {
      path = parent.title + " › " + path;
      level = parent.level;
    }
  }
  return path;
}

Xapian::Document make_section_document(const Document& doc, std::size_t index,
                                       const FacetCodes* codes) {
  const FrontMatter& m = doc.meta;
  const Section& section = doc.sections.at(index);
  const std::string path = heading_path(doc, index);
  Xapian::Document xdoc;

  // Title zone: the document title and tags (every section carries them, so a
  // query mixing title and body words matches the section that has both),
  // then the heading path, then the body.
  Xapian::termpos pos = index_text(xdoc, m.title, 1, c::TITLE_WDF, true);
  for (const std::string& tag : m.tags) pos = index_text(xdoc, tag, pos + 1, 2, false);
  // "Nghị định 30/2020/NĐ-CP" finds the decree itself, not only its citations.
  if (!m.type.empty() || !m.number.empty()) {
    pos = index_text(xdoc, m.type + " " + m.number, pos + 1, 2, false);
  }
  if (!path.empty()) pos = index_text(xdoc, path, pos + c::POSITION_GAP, c::TITLE_WDF, true);
  index_text(xdoc, section.text, pos + c::POSITION_GAP, 1, false);

  if (!m.number.empty()) {
    const std::string article = heading_article(section.title);
    for (const DocNumber& n : find_doc_numbers(m.number)) {
      for (const std::string& key : n.index_keys()) {
        xdoc.add_term(prefixed(c::PREFIX_OWN_NUMBER, key));
        if (!article.empty()) xdoc.add_term(prefixed(c::PREFIX_ARTICLE, key + "#" + article));
      }
    }
  }

  add_boolean(xdoc, c::PREFIX_UNIQUE, m.id + "#" + section.anchor);
  add_boolean(xdoc, c::PREFIX_DOC_ID, m.id);
  add_boolean(xdoc, c::PREFIX_DEPARTMENT, filter_slug(m.department));
  add_boolean(xdoc, c::PREFIX_FIELD, filter_slug(m.field));
  add_boolean(xdoc, c::PREFIX_TYPE, filter_slug(m.type));
  const std::string status(validity_code(stored_validity(m)));
  add_boolean(xdoc, c::PREFIX_STATUS, status);
  const std::string year = m.issued.size() >= 4 ? m.issued.substr(0, 4) : "";
  add_boolean(xdoc, c::PREFIX_YEAR, year);
  for (const std::string& r : relation_term_values(m)) add_boolean(xdoc, c::PREFIX_RELATION, r);

  xdoc.add_value(c::SLOT_DOC_ID, m.id);
  xdoc.add_value(c::SLOT_ISSUED, date_slot(m.issued));
  xdoc.add_value(c::SLOT_TITLE_SORT, slugify(m.title));
  xdoc.add_value(c::SLOT_STATUS, status);
  xdoc.add_value(c::SLOT_EFFECTIVE, date_slot(m.effective));
  xdoc.add_value(c::SLOT_EXPIRES, date_slot(m.expires));
  xdoc.add_value(c::SLOT_DEPARTMENT, m.department);
  xdoc.add_value(c::SLOT_FIELD, m.field);
  xdoc.add_value(c::SLOT_TYPE, m.type);
  xdoc.add_value(c::SLOT_YEAR, year);
  xdoc.add_value(c::SLOT_SECTION_ORDER, Xapian::sortable_serialise(static_cast<double>(index)));
  if (codes) xdoc.add_value(c::SLOT_FACETS, pack_facets(index, codes->codes(m)));

  const nlohmann::json data = {{"id", m.id},
                               {"title", m.title},
                               {"number", m.number},
                               {"anchor", section.anchor},
                               {"section_title", path},
                               {"text", section.text}};
  xdoc.set_data(data.dump());
  return xdoc;
}

}  // namespace sotay
