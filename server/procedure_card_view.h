// The procedure cards of a document page (templates/procedure_card.mustache):
// a block a clerk at the one-stop desk can read aloud.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sotay {

// HTML of every card in `doc["procedures"]` (doc:<id> JSON after
// add_reading_view, whose "cites" tell which legal bases are in the
// handbook), or "" when the document has none.
std::string procedure_cards_html(const nlohmann::json& doc);

}  // namespace sotay
