// The compiled handbook (/so-tay): every document of an edition in one
// document, grouped by field (chapters "1", "2", …; documents without a
// field last, under "Lĩnh vực khác") and then by department (sections
// "1.1", …), documents in reading order (folded title) numbered "1.1.1".
//
// Each document's HTML is made unique within the book: its heading ids and
// in-page links get the prefix "<doc anchor>-", and citation links
// (/so/<number>, citation_links.h) to a document of the book point inside
// the book ("#vb-1-1-1", or the article's heading), so the printed and PDF
// handbook link to itself.
#pragma once

#include <functional>
#include <string>

#include <xapian.h>

#include <nlohmann/json.hpp>

namespace sotay {

// HTML shown before a document's body in the book (its procedure cards),
// from its metadata (doc:<id>); rewritten with the body, so its ids, in-page
// links and citation links work inside the book as the body's do.
using BeforeBody = std::function<std::string(const nlohmann::json& doc)>;

// {"chapters": [{"number", "title", "departments": [{"number", "title",
//   "documents": [{"number", "anchor", "id", <the document's metadata>,
//   "html": rewritten, with `before_body(doc)` first}]}]}], "documents": count}
nlohmann::json compile_handbook(Xapian::Database& db, const BeforeBody& before_body = {});

}  // namespace sotay
