// Rolling back to an earlier edition together with the content it was built
// from, so the next build (the next approval) does not republish the newer
// text (docs/submissions.md, "Quay về ấn bản trước").
//
// Every edition stores its sources (incremental_build.h): each document's
// path, hash and id, and a hash of the settings files (content/_*). A
// rollback to edition E plans first and changes nothing unless every step
// can be done:
//   - each file of E: content/<path> when it has E's hash, else a file with
//     that hash from content/.history/<doc id>/ (newest first), else from
//     any other .history directory; its original (the PDF beside it, front
//     matter `original`) from content/ or from E's own copy (metadata
//     original:<sha256>);
//   - content/ files E did not have (documents added later) are moved into
//     content/.history/<doc id>/;
//   - refused, naming every file and why, when a source is found nowhere or
//     the settings (content/_site.yaml, content/_dictionary/) differ from
//     E's: the index would not match them.
// Applying: under the Publisher's mutex, <inbox>/.lock (approvals wait) and
// the IndexLock (a build cannot start): the versions being replaced are
// copied to content/.history/<doc id>/<time>-quay-ve-<token id>.md first,
// every write is atomic, then `current` is switched to E and the audit log
// records a "rollback" event {"edition","previous_edition","restored",
// "moved","originals"}. Interrupted half-way (a crash), running the same
// rollback again completes it: the replaced versions are in .history.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "publish.h"

namespace sotay {

// One file a rollback writes under content/.
struct RollbackFile {
  std::string path;   // under content/
  std::string bytes;  // what it gets (for a moved file: what it had)
  std::string from;   // where the bytes come from: ".history/…" or "ấn bản <id>"
  // What the file holds now (kept in .history first); nullopt: absent.
  std::optional<std::string> replaced;
  std::string history_id;  // the .history/<id>/ directory for `replaced`
};

struct RollbackPlan {
  std::string edition;                  // the edition rolled back to
  std::string previous;                 // the current edition
  std::vector<RollbackFile> restore;    // document files to write
  std::vector<RollbackFile> originals;  // originals and card forms to write beside them
  std::vector<RollbackFile> move;       // files the edition did not have
  std::vector<std::string> problems;    // why it cannot be done (Vietnamese)
  bool ok() const { return problems.empty(); }
  // One message naming every problem ("" when ok()).
  std::string refusal() const;
};

struct RollbackResult {
  std::string edition;
  std::string previous;
  std::vector<std::string> restored;   // document paths written
  std::vector<std::string> moved;      // document paths moved to .history
  std::vector<std::string> originals;  // originals and card forms written
};

// A rollback that cannot be done; what() names every file and why, and
// nothing was changed.
class RollbackRefused : public std::runtime_error {
 public:
  explicit RollbackRefused(const RollbackPlan& plan)
      : std::runtime_error(plan.refusal()), problems(plan.problems) {}
  std::vector<std::string> problems;  // as RollbackPlan::problems
};

// What a rollback to `edition` ("" = the one before the current edition)
// would do, without changing anything and without locks (a dry run for the
// confirmation page). Throws std::runtime_error when there is no such
// edition.
RollbackPlan plan_rollback(const PublishOptions& options, const std::string& edition);

// The last "rollback" event of the audit log `file`, or nullopt.
std::optional<nlohmann::json> last_rollback(const std::filesystem::path& file);

// What each edition published, from the last `tail` bytes of the audit log
// `file`: edition id -> the ids of the documents approved into it (the
// approvals before each "publication" event). Editions built from the
// command line have no entry.
std::map<std::string, std::vector<std::string>> edition_documents(const std::filesystem::path& file,
                                                                  std::size_t tail = 1 << 20);

}  // namespace sotay
