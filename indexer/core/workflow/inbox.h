// The inbox of submissions (default data/inbox/, outside content/): per
// submission <id>.md (the file as submitted) and <id>.json (metadata). The
// .md is written first and the .json last, each atomically (temporary file,
// fsync, rename, fsync of the directory), so a submission exists exactly
// when its .json does.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sotay {

inline constexpr const char* STATUS_PENDING = "pending";
inline constexpr const char* STATUS_APPROVED = "approved";
inline constexpr const char* STATUS_REJECTED = "rejected";

struct Submission {
  std::string id;      // "20261127T070000123Z-1a2b3c4d" (time to the ms)
  std::string doc_id;  // the document's id
  std::string path;    // where it goes under content/
  std::string title;
  std::string department;
  std::string submitter;       // token id
  std::string submitter_name;  // token name
  std::string time;            // ISO UTC
  std::string status = STATUS_PENDING;
  std::string reason;  // why it was rejected
  std::string hash;    // SHA-256 of the .md
  std::string decided_by;
  std::string decided_at;
  bool replaces = false;  // a published document with this id existed
  // The department the document belonged to when this submission changes
  // it ("" when it does not: a new document, or the same department).
  std::string previous_department;
  // "dòng 12: …": what the submission check warned about (publish.h
  // SubmitResult::warnings), for the clerk's answer and the review page.
  std::vector<std::string> warnings;
  // An original file carried with the submission (<id>.original in the
  // inbox): its name beside the content file (front matter `original`),
  // the name the department's file had, and the SHA-256 of its bytes.
  std::string original;
  std::string original_source;
  std::string original_hash;
  // Set when a rollback took this approved version out of the handbook: the
  // edition gone back to and when (ISO UTC); cleared when a later rollback
  // brings the version back.
  std::string rolled_back_to;
  std::string rolled_back_at;

  // The stored record (<id>.json), read back by from_json().
  nlohmann::json to_json() const;
  static Submission from_json(const nlohmann::json& j);
};

// The submission as the API and the pages show it: {"id", "document",
// "path" (under content/), "title", "department", "submitter" (the name,
// never the token id), "time", "status", "reason", "decided_at", "hash",
// "previous_department" ("" unless it changes the document's department),
// "warnings" (strings "dòng N: …", possibly empty)}, plus "original" and
// "original_source" when an original file is carried, and "rolled_back_to"
// and "rolled_back_at" when a rollback undid the approval.
nlohmann::json submission_json(const Submission& s);

// "chờ duyệt", "đã duyệt", "bị từ chối", or "đã duyệt, đã gỡ khi quay về
// ấn bản trước" for an approval a rollback undid.
std::string submission_status_label(const Submission& s);

// True for a well-formed submission id (nothing a path could abuse).
bool is_submission_id(std::string_view id);

class Inbox {
 public:
  explicit Inbox(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Stores a new submission: assigns id, time, hash and pending status.
  // A non-empty `original` (meta.original set) is stored as <id>.original,
  // before the .md.
  Submission add(Submission meta, std::string_view markdown, std::string_view original = {}) const;
  // Every submission, newest first (unreadable entries are skipped).
  std::vector<Submission> list() const;
  std::optional<Submission> get(std::string_view id) const;
  // The submitted file; throws when missing.
  std::string markdown(std::string_view id) const;
  // The original file carried with a submission; throws when missing.
  std::string original(std::string_view id) const;
  // Rewrites the metadata of an existing submission.
  void update(const Submission& s) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace sotay
