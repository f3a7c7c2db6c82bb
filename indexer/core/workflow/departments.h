// The departments the handbook knows, for `sotay-indexer token add`: a
// department token's name must be a department name exactly as documents
// write it, or it is refused on every submission (docs/submissions.md).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sotay {

// Every `department:` of the documents under `content_dir` and every name
// in the `departments:` list of content/_site.yaml when it has one (Unicode
// NFC, sorted, without duplicates). Unreadable files are skipped; throws
// when `content_dir` is not a directory.
std::vector<std::string> known_departments(const std::filesystem::path& content_dir);

// True when `name` is one of `known` (compared in NFC).
bool is_known_department(const std::string& name, const std::vector<std::string>& known);

// Up to `n` names of `known` near `name`, nearest first: the edit distance
// of their ASCII slugs is at most half the length of `name`'s ("van phong
// hdnd va ubnd" is near "Văn phòng HĐND và UBND"; "Phòng Tư pháp" is near
// none of the bundled departments).
std::vector<std::string> nearest_departments(const std::string& name,
                                             const std::vector<std::string>& known,
                                             std::size_t n = 3);

}  // namespace sotay
