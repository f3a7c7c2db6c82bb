// Records every way of publishing an edition writes the same way: a
// document's doc:<id> JSON (without its reading links), the edition's
// content hash, and the edition id and build time.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dictionary.h"
#include "document.h"
#include "site_settings.h"

namespace sotay {

// The doc:<id> metadata of `doc` (index_contract.h) before its reading
// links (reading_links.h) are added.
nlohmann::json document_json(const Document& doc);

// A content file and the hash of its bytes.
struct FileHash {
  std::string_view path;  // under content/
  std::string_view hash;
};

// The content hash of an edition (8 hex digits, the end of its id): of the
// dictionary, the site settings and every content file's hash, `files` in
// path order (bad files too). Built by the regular build and by the quick
// path, the same content gives the same hash.
std::string edition_content_hash(const Dictionary& dictionary, const SiteSettings& site,
                                 const std::vector<FileHash>& files);

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
