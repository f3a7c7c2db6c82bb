// The status on today of a document shown in a list (browse pages, /so-tay
// and its PDF, the documents citing this one, the choice between documents
// with one number): computed at request time from the stored status and
// dates, as the document page and the `hieu-luc:` filter do (validity.h),
// so a list follows the clock without a rebuild.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "catalog.h"
#include "validity.h"

namespace sotay {

// The status on `today` ("YYYY-MM-DD") of a catalog entry.
Validity entry_validity(const DocumentEntry& e, std::string_view today);
// The status on `today` of a stored document's metadata (doc:<id>).
Validity document_validity(const nlohmann::json& doc, std::string_view today);

// Adds to `view`: "status_label" ("Chưa có hiệu lực", …), "status_class"
// (the code, for the badge's CSS class), "expired", "not_yet", "in_force".
void add_list_status(nlohmann::json& view, Validity now);

// add_list_status() on every document of a compiled handbook
// (compile_handbook(), handbook.h), plus "effective_display" ("05/03/2020").
void add_handbook_status(nlohmann::json& book, std::string_view today);

}  // namespace sotay
