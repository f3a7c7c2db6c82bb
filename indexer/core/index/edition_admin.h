// Managing published editions from the command line: listing them and
// rolling back (edition.h has the layout on disk).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sotay {

struct EditionInfo {
  std::string id;
  std::string built;  // "2026-11-27T06:00:00Z", "" when unreadable
  std::size_t documents = 0;
  std::size_t sections = 0;
  bool current = false;
  std::string problem;  // why the edition could not be read, else ""
};

// Published editions under `index_root`, oldest first.
std::vector<EditionInfo> describe_editions(const std::filesystem::path& index_root);

// Switches `current` to edition `id`, or, when `id` is empty, to the newest
// edition older than the current one. Holds the build lock while switching.
// Returns the edition switched to; throws std::runtime_error (in
// Vietnamese) when there is no such edition. The index alone: content/ is
// left as it is (workflow/rollback.h restores it too).
std::string rollback_edition(const std::filesystem::path& index_root, const std::string& id);

// The edition a rollback to `id` goes to: `id` when it exists, or, when
// `id` is empty, the newest edition older than the current one. Throws
// std::runtime_error (in Vietnamese) as rollback_edition() does.
std::string rollback_target(const std::filesystem::path& index_root, const std::string& id);

// Switches `current` to the existing edition `id` once it opens; the caller
// holds the IndexLock (edition.h). Throws std::runtime_error when it does
// not open.
void switch_to_edition(const std::filesystem::path& index_root, const std::string& id);

}  // namespace sotay
