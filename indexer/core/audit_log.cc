#include "audit_log.h"

#include <ctime>
#include <mutex>

#include "secure_file.h"

namespace sotay {

std::string utc_now_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void AuditLog::record(const std::string& event, const std::string& token_id,
                      const std::string& name, const nlohmann::json& fields) const {
  static std::mutex m;
  nlohmann::json line = {
      {"time", utc_now_iso()}, {"event", event}, {"by", {{"token", token_id}, {"name", name}}}};
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  }
  std::lock_guard lock(m);
  // O_APPEND: whole lines from concurrent writers do not interleave.
  append_line_durable(file_, line.dump(), 0600);
}

}  // namespace sotay
