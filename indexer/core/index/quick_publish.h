// Quick publish: an edit to the body of a few documents becomes a new
// edition in a fraction of a second, whatever the size of the edition.
//
// A regular incremental build (incremental_build.h) reads every file and
// recomputes every edition-level record, then copies and compacts the
// edition: seconds on a large edition. When the only changes are edits to
// the bodies of at most QUICK_LIMIT documents (same files, same id, title,
// department, field, type, number, dates and status), no other document's
// reading links, no count, facet code or list can change, so:
//
//   - changes are found by size and modification time (Sources), only
//     changed files are read and parsed;
//   - the changed sections, the documents' doc:<id> (numbers they cite are
//     looked up in the index), spellings, sources and the edition summary
//     are written into the spare: editions/.spare, a compacted copy of the
//     current edition made right after it was published (so with a fresh
//     UUID, as xapian-replicate needs); the spare is then renamed into a
//     new edition and switched to, and the previous edition stays intact
//     for rollback;
//   - the suggestion statistics (suggester.h) keep the previous edition's
//     phrases until the next regular build.
//
// Anything else — another kind of change, no valid spare, a file with an
// error — falls back to the regular build.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "build_options.h"

namespace sotay {

inline constexpr std::size_t QUICK_LIMIT = 16;

// Publishes the content by the quick path, or returns nullopt with the
// reason (in Vietnamese) when it does not apply; the current edition is
// untouched then. The caller holds the IndexLock. Throws on I/O and Xapian
// errors after the spare was touched (the spare is then no longer valid;
// the current edition is still untouched).
std::optional<BuildReport> quick_publish(const BuildOptions& options, std::string& why_not);

// Makes editions/.spare a compacted copy of the current edition (replacing
// an older spare); does nothing without a current edition.
void prepare_spare(const std::filesystem::path& index_root);

// Where a full build compacts its spare, beside the edition, while it
// compacts the edition itself (shard_build.h).
std::filesystem::path spare_building_dir(const std::filesystem::path& index_root);

// Makes the database in spare_building_dir(), a compacted copy of edition
// `edition_id` with its own UUID, the spare (replacing an older spare).
void install_spare(const std::filesystem::path& index_root, const std::string& edition_id);

}  // namespace sotay
