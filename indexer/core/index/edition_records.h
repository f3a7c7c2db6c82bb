// Records every way of publishing an edition writes the same way: a
// document's doc:<id> JSON (without its reading links) and the edition id
// and build time.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "document.h"
#include "utc_time.h"

namespace sotay {

// The doc:<id> metadata of `doc` (index_contract.h) before its reading
// links (reading_links.h) are added.
nlohmann::json document_json(const Document& doc);

struct EditionName {
  std::string id;     // "<compact stamp>-<content hash>"
  std::string built;  // the build time, ISO 8601
};

// A new edition id under `index_root` for `content_hash`: ids sort by time,
// and a build within the same millisecond as the newest edition waits for
// the next one.
EditionName new_edition_name(const std::filesystem::path& index_root,
                             const std::string& content_hash);

}  // namespace sotay
