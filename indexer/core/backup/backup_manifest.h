// What a Sổ tay backup archive holds (backup.h): its parts, its first and
// last entries, and the rules an entry name must follow to be restored.
//
//   sotay-backup.json      first: {"format":"sotay-backup","version":1,…}
//   content/…              content/ with .history and originals
//   inbox/…                submissions waiting, decided, their files
//   auth.json              access tokens (hashes only)
//   audit.log              the audit log
//   query-stats.json       what people searched for
//   index/<edition id>/…   the current edition, with --with-index only
//   MANIFEST.json          last: every file above with size and SHA-256
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sotay {

inline constexpr const char* BACKUP_FORMAT = "sotay-backup";
inline constexpr int BACKUP_VERSION = 1;
inline constexpr const char* BACKUP_HEADER_ENTRY = "sotay-backup.json";
inline constexpr const char* BACKUP_MANIFEST_ENTRY = "MANIFEST.json";

// One part of a ward's data and its place in the archive.
struct BackupPart {
  const char* name;  // archive name: "content", "auth.json", …
  bool directory;
  const char* label;  // for messages (Vietnamese)
};
const std::vector<BackupPart>& backup_parts();
// The part called `name` ("content", "auth.json", …), or nullptr.
const BackupPart* part_named(std::string_view name);
// The part an entry name belongs to, or nullptr.
const BackupPart* part_of(std::string_view entry);

struct ManifestFile {
  std::string path;  // entry name
  std::uint64_t size = 0;
  std::string sha256;
  unsigned mode = 0644;
};

struct BackupManifest {
  std::string created;          // ISO UTC
  std::string sotay_version;    // of the writer
  std::string current_edition;  // the edition under index/, "" without one
  std::vector<std::string> parts;
  std::vector<ManifestFile> files;

  nlohmann::json to_json() const;
  // Throws std::runtime_error when `j` is not a manifest of this format.
  static BackupManifest from_json(const nlohmann::json& j);
};

// The header entry's JSON; throws std::runtime_error when `text` is not
// the header of a backup this version can read.
nlohmann::json backup_header();
void check_backup_header(std::string_view text);

// Why the entry `name` must not be restored ("" when it may): an absolute
// path, a ".." or empty part, a control character, or outside every part.
std::string unsafe_entry_reason(std::string_view name);

}  // namespace sotay
