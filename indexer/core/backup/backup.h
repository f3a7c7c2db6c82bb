// Backing up and restoring a ward's handbook as one archive (docs/backup.md).
//
// A backup holds everything that cannot be rebuilt: content/ with its
// history and originals, the inbox, the access tokens, the audit log and
// the query statistics; with `index` set, the current edition too. It is a
// tar archive compressed with zstd (libarchive), its parts and manifest as
// in backup_manifest.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "backup_manifest.h"

namespace sotay {

// Where each part lives: the source of a backup, the target of a restore.
// An empty path leaves the part out.
struct BackupPaths {
  std::filesystem::path content, inbox, auth, audit, query_stats;
  std::filesystem::path index;  // an index root; only with --with-index
  // The path of the part named `part` (BackupPart::name).
  const std::filesystem::path& of(const std::string& part) const;
};

struct BackupReport {
  std::size_t files = 0;
  std::uint64_t bytes = 0;           // of the files, before compression
  std::uint64_t archive_bytes = 0;   // of the archive
  std::string edition;               // the edition included, "" without
  std::vector<std::string> skipped;  // symlinks and special files left out
};

// Writes the backup of `from` to `to` and returns what it holds. Consistent
// while a server runs: the inbox lock (the one approvals take) is held while
// content/, the inbox and the audit log are read, files written by rename
// are read whole, and the audit log is cut after its last complete line.
// The archive is written to a temporary file beside `to`, fsynced and
// renamed: on any error (a full disk) it is removed, `to` and every other
// file are untouched, and std::runtime_error names the file and the cause.
BackupReport write_backup(const BackupPaths& from, const std::filesystem::path& to);

// Reads all of `archive` and checks it: a Sổ tay backup of a format this
// version reads, every entry a plain file or directory with a safe name,
// every file with the size and SHA-256 of the manifest, nothing missing.
// Throws std::runtime_error naming the archive and what is wrong.
BackupManifest verify_backup(const std::filesystem::path& archive);

struct RestoreReport {
  BackupManifest manifest;
  std::vector<std::filesystem::path> written;      // the targets restored
  std::vector<std::filesystem::path> moved_aside;  // old data kept, with --force
};

// Restores `archive` to `to`. Every part is extracted beside its target
// (a hidden ".restoring" name) while the archive is checked as by
// verify_backup(); only a whole, verified archive replaces anything.
// Without `force`, a target that exists and is not empty is refused
// (nothing is written); with it, the old one is renamed
// "<name>.truoc-khoi-phuc-<time>" and kept. Throws std::runtime_error.
RestoreReport restore_backup(const std::filesystem::path& archive, const BackupPaths& to,
                             bool force);

}  // namespace sotay
