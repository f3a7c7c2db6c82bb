// Editions on disk: how an index root holds published editions and how the
// current one is switched atomically.
//
//   <index root>/
//     current -> editions/<edition id>     relative symlink, replaced by rename()
//     editions/<edition id>/               one Xapian database each
//     editions/.building-<id>/             a build in progress (never served)
//     editions/.spare/                     a compacted copy of the current edition,
//                                          for the next quick publish (quick_publish.h)
//     .lock                                flock()ed by a running build
//
// An edition id is the build time and the content hash:
// "20261127T060000Z-1a2b3c4d".
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "files.h"

namespace sotay {

// The directory of the current edition, or nullopt when none is published.
// When `index_root` is itself a Xapian database or a replica directory made
// by xapian-replicate, that directory (the database changes in place).
std::optional<std::filesystem::path> current_edition(const std::filesystem::path& index_root);

// Points `current` at `edition_dir` (a directory under editions/) atomically.
void switch_current(const std::filesystem::path& index_root,
                    const std::filesystem::path& edition_dir);

// Published editions, oldest first (ids sort by time).
std::vector<std::string> list_editions(const std::filesystem::path& index_root);

// Removes all but the newest `keep` editions, never the current one nor
// `also_keep` (the edition a build just replaced, so it can be rolled back
// to), and stale .building-* directories.
void prune_editions(const std::filesystem::path& index_root, std::size_t keep,
                    const std::string& also_keep = {});

// True when `dir` is a Xapian database the server reads in place: a
// database directory, or a replica made by xapian-replicate (a stub file
// XAPIANDB pointing at replica_0 or replica_1).
bool is_in_place_database(const std::filesystem::path& dir);

// Thrown when another build, approval or rollback holds the index lock: the
// caller changed nothing and may try again later.
class IndexBusyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An exclusive lock on the index root, held while building; throws
// IndexBusyError when another build holds it.
class IndexLock {
 public:
  explicit IndexLock(const std::filesystem::path& index_root);

 private:
  FileLock lock_;
};

}  // namespace sotay
