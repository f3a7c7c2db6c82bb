// The append-only audit log of the submission workflow: one JSON object per
// line (data/audit.log), fsynced: {"time","event","by":{"token","name"},
// "submission","document","hash",...}. Events: submission, approval,
// rejection, publication, rollback (rollback.h).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace sotay {

class AuditLog {
 public:
  explicit AuditLog(std::filesystem::path file) : file_(std::move(file)) {}
  // Appends `event` with the actor and `fields` (merged in), stamped with
  // the current UTC time.
  void record(const std::string& event, const std::string& token_id, const std::string& name,
              const nlohmann::json& fields) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

}  // namespace sotay
