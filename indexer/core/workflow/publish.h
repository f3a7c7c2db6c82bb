// The submission workflow (docs/submissions.md): validating a submission with
// the indexer's own code, keeping it in the inbox, and approving it into
// content/ and a new edition — in an order a crash cannot break.
//
// Approval, under a process mutex and an flock() on <inbox>/.lock (so the
// server and `sotay-indexer inbox approve` never interleave):
//   1. the submission must still be pending (else SubmissionConflict);
//   2. <inbox>/.unpublished is created (a build is owed);
//   3. the published version, when there is one and it differs, is copied
//      to content/.history/<doc id>/<time>-<submitter>.md;
//   4. the file is written to content/<path> atomically;
//   5. the submission is marked approved; the audit log records it;
//   6. an incremental build publishes it; the audit log records the
//      publication and .unpublished is removed.
// reconcile() (server start, `inbox list`) finishes what a crash left: a
// pending submission whose content file already equals it is marked
// approved (step 5), and when .unpublished exists a build runs (step 6).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "audit_log.h"
#include "auth.h"
#include "document.h"
#include "inbox.h"
#include "index_writer.h"

namespace sotay {

struct RollbackPlan;    // rollback.h
struct RollbackResult;  // rollback.h

struct PublishOptions {
  std::filesystem::path content_dir = "content";
  std::filesystem::path index_root = "data/index";
  std::filesystem::path inbox_dir = "data/inbox";
  std::filesystem::path audit_file = "data/audit.log";
  std::size_t keep_editions = 5;
  // Called between approval steps with the step's name ("history",
  // "content", "status", "build"): tests pause or kill the process there.
  std::function<void(const char*)> step_hook;
};

// The submission is no longer pending (approved or rejected meanwhile).
class SubmissionConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class SubmissionNotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SubmitResult {
  std::vector<ContentError> errors;  // validation problems, with lines
  // Accepted, but worth a look (html_blocks.h): HTML tables converted,
  // <script> removed, raw HTML that will not show; lines of the text as
  // submitted. Also in the stored Submission::warnings.
  std::vector<ContentError> warnings;
  bool forbidden = false;  // another department's document
  std::string message;     // why, when forbidden
  std::optional<Submission> submission;
};

// An original file sent with a submission (a PDF or Word file uploaded at
// /nop, the `original` part of a multipart POST /api/submissions): stored in
// the inbox beside the Markdown and written beside the content file, under
// the front matter's `original:` name, when the submission is approved.
struct CarriedOriginal {
  std::string source_name;  // the department's own file name, shown to people
  std::string bytes;
};

struct ApproveResult {
  Submission submission;
  bool published = false;  // false: approved, the next build publishes it
  std::string edition_id;
  std::string publish_error;
};

class Publisher {
 public:
  explicit Publisher(PublishOptions options);

  // Validates `markdown` as the indexer would and stores it in the inbox.
  // With `original`, the front matter's `original:` names the carried file
  // (checked as the build checks one in content/); without, it must name
  // one already beside the content file.
  SubmitResult submit(const Principal& who, std::string_view markdown,
                      const CarriedOriginal* original = nullptr);
  // An id for a new document of `department` titled `title`: the
  // department's folder (as for target paths) and the title's slug, with
  // "-2", "-3", … when a document or a pending submission has it already.
  std::string propose_id(const std::string& department, const std::string& title);
  ApproveResult approve(const std::string& submission_id, const Principal& editor);
  Submission reject(const std::string& submission_id, const Principal& editor,
                    const std::string& reason);
  // Finishes approvals a crash interrupted; returns the submissions completed.
  std::vector<Submission> reconcile();
  // The published file for `s` ("" when the document is new).
  std::string published_text(const Submission& s) const;
  // rollback.h (defined in rollback.cc): restores content/ to what
  // `edition` ("" = the one before the current edition) was built from and
  // serves it; throws RollbackRefused, changing nothing, when it cannot.
  RollbackResult rollback(const std::string& edition, const Principal& who);

  const Inbox& inbox() const { return inbox_; }
  const PublishOptions& options() const { return options_; }

 private:
  void step(const char* name) const;
  // Runs an incremental build and records the publication; "" or the error.
  std::string publish(const Principal& who, std::string& edition_id);
  // rollback.cc: marks the approvals in `live_before` whose version the
  // rollback took out of content/, and clears the mark of those it brought back.
  void mark_rolled_back(const RollbackPlan& plan, const std::vector<Submission>& live_before);

  PublishOptions options_;
  Inbox inbox_;
  AuditLog audit_;
  std::mutex mutex_;
};

}  // namespace sotay
