// Editors' allowances for a department to take over another department's
// document (docs/submissions.md, "Ownership"). A department token may
// replace only documents whose `department:` is its own; an editor runs
// `sotay-indexer inbox allow DOC_ID --department "Tên đơn vị"` to let that
// department submit the document under its own name once or more.
//
// Stored in <inbox>/allowances.json (written atomically, mode 0600):
//   {"allowances": [{"document", "department", "owner", "by", "time"}]}
// `owner` is the document's department when the allowance was given. An
// allowance holds while the document still belongs to `owner`: it ends
// when the document changes owner (the approval of the takeover removes
// it, Publisher::approve) and cannot come back to life later.
// Callers that change the file hold <inbox>/.lock.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sotay {

struct Allowance {
  std::string document;    // the document id
  std::string department;  // who may take it over
  std::string owner;       // its department when allowed
  std::string by;          // the editor who allowed it
  std::string time;        // ISO UTC
};

class Allowances {
 public:
  explicit Allowances(std::filesystem::path inbox_dir);

  // Every allowance; an absent file is none. Throws on an unreadable file.
  std::vector<Allowance> list() const;
  // Adds `a` (time set now), replacing one for the same document and
  // department.
  void grant(Allowance a) const;
  // Removes the allowances for `document` (of every department when
  // `department` is empty); how many were removed.
  std::size_t revoke(const std::string& document, const std::string& department = {}) const;
  // True when `department` may replace `document`, which `owner` holds now
  // (names compared in Unicode NFC).
  bool allows(const std::string& document, const std::string& department,
              const std::string& owner) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  void save(const std::vector<Allowance>& all) const;
  std::filesystem::path file_;
};

}  // namespace sotay
