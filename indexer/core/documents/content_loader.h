// Reading content/: which files are documents, and one file into a Document.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace sotay {

// Every document file under `content_dir`, as paths relative to it with '/'
// separators, sorted. Files ending in ".md" count; directories and files
// whose name starts with '_' or '.' (content/_dictionary, content/.history)
// are not documents.
std::vector<std::string> list_content_files(const std::filesystem::path& content_dir);

// Parses and renders one content file. `path` is relative to content/.
// Problems are appended to `errors`; nullopt when the file is unusable.
std::optional<Document> load_document(std::string_view path, std::string_view bytes,
                                      std::vector<ContentError>& errors);

}  // namespace sotay
