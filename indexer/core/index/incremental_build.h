// Incremental builds: which documents of the current edition a new edition
// can keep, and the database operations that turn a copy of the current
// edition into the new one.
//
// Every edition stores its sources (contract::META_SOURCES): each indexed
// file's path, content hash and document id, a hash of the settings files
// (everything under content/ whose name starts with '_': _dictionary/,
// _site.yaml) and the identity of the indexer that built it (the project
// version and contract::INDEX_FORMAT). A build compares
// the content it has just loaded with the current edition's sources:
//
//   - settings or indexer changed, no current edition, or no sources stored
//     -> a full build (the simplest correct answer: the dictionary and the
//        site settings can change how every section is indexed);
//   - otherwise the current edition's files are copied, the sections and
//     doc:<id> metadata of every removed or changed document are deleted
//     (boolean term XID<id>), the changed and added documents are written by
//     the same per-document code as a full build, and the edition-level
//     metadata (counts, recent documents, document list, dictionary) is
//     recomputed from ALL documents, which every build loads and parses.
//
// The result is compacted into the new edition directory: compaction gives
// it a fresh database UUID, which xapian-replicate needs to notice a
// rollback to an edition with a lower revision (docs/deploy/replication.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "document.h"
#include "facet_codes.h"

namespace sotay {

struct SourceFile {
  std::string hash;
  std::string id;
  // The file's size and modification time (ns) when it was read: a file
  // whose size and time are unchanged is taken as unchanged without reading
  // it (quick_publish.h; like make and git). 0: unknown.
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

// Size and modification time of `path` into `f`; false when it cannot be
// stat()ed.
bool stat_source(const std::filesystem::path& path, SourceFile& f);

struct Sources {
  std::string builder;                      // identity of the indexer executable
  std::string settings;                     // hash of content/_* (dictionary, site settings)
  std::map<std::string, SourceFile> files;  // path under content/ -> hash, id, stat

  std::string to_json() const;
  // nullopt when `text` is empty or not a sources record.
  static std::optional<Sources> from_json(std::string_view text);
};

// The sources of `docs` (the documents a build indexes) in `content_dir`.
Sources collect_sources(const std::filesystem::path& content_dir,
                        const std::vector<Document>& docs);

struct IncrementalPlan {
  std::filesystem::path base;           // the current edition, copied
  std::set<std::string> stale_ids;      // documents whose sections are deleted
  std::set<std::string> rewrite_paths;  // documents (by source path) to write
  std::size_t kept = 0;                 // documents kept as they are
  bool rewrite(const Document& doc) const { return rewrite_paths.count(doc.source_path) != 0; }
};

// The plan to build `now` from the current edition of `index_root`, or
// nullopt with the reason (in Vietnamese) when a full build is needed.
std::optional<IncrementalPlan> plan_incremental(const std::filesystem::path& index_root,
                                                const Sources& now, std::string& reason);

// Adds to `plan` the documents whose file is unchanged but whose derived
// replacement (relation_links.h apply_derived_replacements(), already
// applied to `docs`) appeared, went or changed since the current edition:
// their stored status and dates must be rewritten.
void add_derived_rewrites(IncrementalPlan& plan, const std::vector<Document>& docs);

// Copies the database directory `from` to `to` (plain file copy).
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

// Deletes every section and the doc:<id> metadata of the documents
// `stale_ids`, taking back their spellings, then writes every section of
// `docs` with its spellings and facet codes: what an incremental build and a
// quick publish (quick_publish.h) do to their copy of an edition. The
// caller writes the new doc:<id> metadata.
void rewrite_sections(Xapian::WritableDatabase& db, const std::set<std::string>& stale_ids,
                      const std::vector<const Document*>& docs, const FacetCodes& codes);

}  // namespace sotay
