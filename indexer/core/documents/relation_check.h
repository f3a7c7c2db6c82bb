// Resolving the typed relations of a set of documents (relations.h) against
// each other, and the problems that refuse a relation: a relation to an id no
// document has, a cycle of replacements (A replaces B, B replaces A).
// `sotay-indexer build` (relation_links.h) and `sotay-indexer check`
// (content_check.h) both use it, so they report the same problems in the
// same words. A relation to the document itself is refused earlier, by the
// front matter (check_own_relations).
#pragma once

#include <string>
#include <vector>

#include "content_error.h"
#include "document.h"

namespace sotay {

// A relation of `from` resolved against the documents.
struct ResolvedRelation {
  const Document* from = nullptr;
  const Relation* rel = nullptr;
  std::string key;               // number key, "" for an id
  const Document* to = nullptr;  // the one document it names, if any
  bool present = false;          // some document has the number
  bool dropped = false;          // refused (cycle, unknown id, itself)
};

// Every relation of `docs`, in content then front matter order; each refused
// one is `dropped` and reported in `errors` at the file and line of the
// relation. The pointers point into `docs`.
std::vector<ResolvedRelation> resolve_relations(const std::vector<Document>& docs,
                                                std::vector<ContentError>& errors);

// What a document is called in messages: its number, or its title.
std::string relation_label(const Document& d);

}  // namespace sotay
