// Procedure cards in a loaded document: each card is a section of its own
// (so a search lands on the card and its snippet shows the matching row),
// and the form files the cards name must be beside the content file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace sotay {

// Gives each card of `doc.meta.procedures` its anchor ("thu-tuc-<slug>",
// unique within the document) and inserts one section per card after the
// lead section: heading "Thủ tục: <ten>", level 2, the card's line, text
// procedure_card_text().
void add_procedure_sections(Document& doc);

// The largest form file a card may name (`bieu_mau › tep`).
constexpr std::uintmax_t MAX_FORM_BYTES = 10u << 20;

// Checks every form file (`bieu_mau › tep`) of `doc`'s cards beside the
// content file `path` under `content_dir` (the name was checked when the
// card was read: is_original_name, attached_file.h) and records its SHA-256
// and size in the form, folding the hashes into `doc.content_hash` so a
// changed form re-indexes the document. False, with an error on the form's
// line, when one is missing or too large.
bool attach_procedure_forms(const std::filesystem::path& content_dir, std::string_view path,
                            Document& doc, std::vector<ContentError>& errors);

// `hash` with the SHA-256 of each form file of `cards` (beside the content
// file `path`) folded in as attach_procedure_forms() does; files missing or
// too large are left out (such a file has an error and is not indexed).
std::string fold_form_hashes(const std::filesystem::path& content_dir, std::string_view path,
                             const std::vector<ProcedureCard>& cards, std::string hash);

}  // namespace sotay
