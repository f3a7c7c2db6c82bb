// Turning one section of a Document into a Xapian::Document following the
// index contract (index_contract.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "document.h"
#include "facet_codes.h"

namespace sotay {

// Adds the terms of `text` at positions from `first_pos`: folded syllables
// (wdf `wdf_inc`), exact forms where they differ, extra forms (rule 15),
// bigrams within clauses and cited document numbers. With `title_zone` the
// folded and exact forms are added under the title prefixes too. Returns the
// position after the last token.
Xapian::termpos index_text(Xapian::Document& xdoc, std::string_view text, Xapian::termpos first_pos,
                           Xapian::termcount wdf_inc, bool title_zone);

// The heading path of section `index` ("Chương I › Điều 5. Đối tượng"),
// from the levels of the sections before it.
std::string heading_path(const Document& doc, std::size_t index);

// The complete Xapian document for section `index` of `doc`: terms, boolean
// filter terms, values and data; SLOT_FACETS from `codes` when given (the
// edition's codes must include the document's values).
Xapian::Document make_section_document(const Document& doc, std::size_t index,
                                       const FacetCodes* codes = nullptr);

}  // namespace sotay
