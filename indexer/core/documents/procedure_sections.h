// Procedure cards in a loaded document: each card is a section of its own
// (so a search lands on the card and its snippet shows the matching row),
// and the form files the cards name must be beside the content file.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "document.h"

namespace sotay {

// Gives each card of `doc.meta.procedures` its anchor ("thu-tuc-<slug>",
// unique within the document) and inserts one section per card after the
// lead section: heading "Thủ tục: <ten>", level 2, the card's line, text
// procedure_card_text().
void add_procedure_sections(Document& doc);

// Checks that every form file (`bieu_mau › tep`) of `doc`'s cards exists
// beside the content file `path` under `content_dir`; false, with an error
// on the form's line, when one is missing.
bool check_procedure_forms(const std::filesystem::path& content_dir, std::string_view path,
                           const Document& doc, std::vector<ContentError>& errors);

}  // namespace sotay
