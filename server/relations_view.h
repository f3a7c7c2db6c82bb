// The relations block of the document page (Lược đồ văn bản): the stored
// "relations" of a doc:<id> (relation_links.h) grouped by kind, what this
// document does on one side and what others do to it on the other, rendered
// by templates/relations.mustache into "relations_html"; and a note at each
// article heading another document amends or repeals.
#pragma once

#include <nlohmann/json.hpp>

namespace sotay {

// Adds "relations_html" (absent when the document has no relation) to
// `data`, the document page's data, and the article notes to its "html".
void add_relations_view(nlohmann::json& data);

}  // namespace sotay
