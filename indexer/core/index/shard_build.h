// Full builds on every core. The documents are cut into contiguous runs of
// a few megabytes of text; `jobs` threads take the runs in turn and analyse
// and write each run's sections into its own temporary database (a shard),
// while the calling thread writes the edition's metadata into one more. Xapian's compactor then
// merges the shards, in order, into the edition: document ids are the ones a single writer would
// give (shard i's sections follow shard i-1's) whatever the number of threads, spelling frequencies
// add up across shards, and the result is one compact database, as xapian-replicate needs.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "document.h"
#include "facet_codes.h"

namespace sotay {

// Words of a section for spelling suggestions, with their frequencies.
using Spellings = std::map<std::string, Xapian::termcount>;

// Adds the spelling words of an analysed section to `spellings`: its folded
// syllables of letters a-z only, the only words did_you_mean.h reads (numbers
// are never "corrected"; exact forms are shown from the XE terms instead).
void collect_spellings(const Xapian::Document& xdoc, Spellings& spellings);

// Writes every section of `docs` into a new database at `out_dir` on up to
// `jobs` threads; `write_metadata` runs meanwhile on the calling thread with
// a database of its own whose metadata (user metadata and nothing else)
// ends up in `out_dir`. Temporary shards live beside `out_dir` and are
// removed, also when an exception (rethrown here) stops the build.
// With `copy_dir`, a second compacted copy (the spare of quick_publish.h) is
// written there at the same time (compact_twice.h). Returns whether the copy
// was made; a failed copy does not fail the build.
bool write_sections_sharded(const std::filesystem::path& out_dir, const std::vector<Document>& docs,
                            const FacetCodes& codes, unsigned jobs,
                            const std::function<void(Xapian::WritableDatabase&)>& write_metadata,
                            const std::filesystem::path* copy_dir = nullptr);

}  // namespace sotay
