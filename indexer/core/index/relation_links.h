// Typed relations between the documents of an edition (relations.h),
// resolved when it is built and stored in each document's metadata
// (index_contract.h, "doc:<id>"), in both directions:
//
//   "relations": [{"kind": "thay_the", "dir": "out" | "in",
//                  "number": as written, "key": number key or "",
//                  "present": the other document is in this edition,
//                  "id"/"title"/"effective": of that document when known,
//                  "articles": ["5", "7"],
//                  "anchors": [{"article": "5", "anchor": "dieu-5-…"}]  (in, with articles:
//                             the sections of THIS document the articles are)}]
//   "out" is what the document's own front matter says; "in" is derived from
//   the other document's front matter and never written twice.
//
// A document replaced by another (the other has `thay_the: <it>`) whose own
// `superseded_by` is empty gets "superseded_by" (the other's number, or its
// title when it has none), "superseded_id" and "superseded_derived": true.
//
// Refused, reported and left out (nothing wrong is published): a relation to
// an id no document has, a cycle of replacements (A replaces B, B replaces
// A). A number no document has is no error: "present": false, shown as
// "chưa có trong sổ tay".
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content_error.h"
#include "document.h"

namespace sotay {

struct RelationLinks {
  std::map<std::string, nlohmann::json> by_id;  // id -> {"relations", "superseded_*"?}
  std::vector<ContentError> errors;             // at the file and line of the relation
};

RelationLinks relation_links(const std::vector<Document>& docs);

// Writes each derived replacement into the replaced document's own front
// matter, so that everything indexed from it (the stored status XSTAT, the
// SLOT_EXPIRES date, facet codes, doc:<id>, the edition's changes) agrees
// with its page: `superseded_by` as above and, when it has no `expires` and
// the replacing document's `effective` date is after its own, `expires` =
// that date (in force until the replacement takes effect, then expired,
// without a rebuild). `links` gets "expires_derived": true for the latter,
// so a quick publish of the replaced document's body keeps both
// (quick_publish.h).
void apply_derived_replacements(std::vector<Document>& docs, RelationLinks& links);

// Applies to `doc`, reloaded from its file, the derived replacement its
// published doc:<id> records (superseded_derived, expires_derived).
void keep_derived_replacement(Document& doc, const nlohmann::json& published);

// Refreshes the "anchors" of the "in" relations in `doc_json` (a doc:<id>)
// from the sections of `doc`, after its body changed (quick_publish.h).
void refresh_article_anchors(const Document& doc, nlohmann::json& doc_json);

// The XREL filter terms of a document (index_contract.h) without the prefix:
// "<kind slug>:<key>" for each relation it declares, every key form of a
// number ("huong-dan:30/2020/nd-cp", "huong-dan:30/nd-cp", …) or the id.
std::vector<std::string> relation_term_values(const FrontMatter& meta);

}  // namespace sotay
