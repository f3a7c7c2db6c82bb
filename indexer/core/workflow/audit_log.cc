#include "audit_log.h"

#include <mutex>

#include "files.h"
#include "utc_time.h"

namespace sotay {

void AuditLog::record(const std::string& event, const std::string& token_id,
                      const std::string& name, const nlohmann::json& fields) const {
  static std::mutex m;
  nlohmann::json line = {{"time", utc_now(UtcFormat::ISO)},
                         {"event", event},
                         {"by", {{"token", token_id}, {"name", name}}}};
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  }
  std::lock_guard lock(m);
  // O_APPEND: whole lines from concurrent writers do not interleave.
  append_line_durable(file_, line.dump(), 0600);
}

}  // namespace sotay
