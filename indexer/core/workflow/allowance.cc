#include "allowance.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "files.h"
#include "text.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

Allowances::Allowances(fs::path inbox_dir) : file_(std::move(inbox_dir) / "allowances.json") {}

std::vector<Allowance> Allowances::list() const {
  std::error_code ec;
  if (!fs::exists(file_, ec)) return {};
  const json j = json::parse(read_file(file_), nullptr, false);
  if (!j.is_object() || !j.contains("allowances") || !j["allowances"].is_array()) {
    throw std::runtime_error(file_.string() + ": không phải tệp cho phép của sổ tay");
  }
  std::vector<Allowance> out;
  for (const json& a : j["allowances"]) {
    if (!a.is_object()) continue;
    out.push_back({a.value("document", ""), a.value("department", ""), a.value("owner", ""),
                   a.value("by", ""), a.value("time", "")});
  }
  return out;
}

void Allowances::save(const std::vector<Allowance>& all) const {
  json list = json::array();
  for (const Allowance& a : all) {
    list.push_back({{"document", a.document},
                    {"department", a.department},
                    {"owner", a.owner},
                    {"by", a.by},
                    {"time", a.time}});
  }
  write_file_atomic(file_, json{{"allowances", list}}.dump(2) + "\n", 0600);
}

void Allowances::grant(Allowance a) const {
  std::vector<Allowance> all = list();
  std::erase_if(all, [&](const Allowance& b) {
    return b.document == a.document && to_nfc(b.department) == to_nfc(a.department);
  });
  a.time = utc_now(UtcFormat::ISO);
  all.push_back(std::move(a));
  save(all);
}

std::size_t Allowances::revoke(const std::string& document, const std::string& department) const {
  std::vector<Allowance> all = list();
  const std::size_t removed = std::erase_if(all, [&](const Allowance& a) {
    return a.document == document &&
           (department.empty() || to_nfc(a.department) == to_nfc(department));
  });
  if (removed > 0) save(all);
  return removed;
}

bool Allowances::allows(const std::string& document, const std::string& department,
                        const std::string& owner) const {
  for (const Allowance& a : list()) {
    if (a.document == document && to_nfc(a.department) == to_nfc(department) &&
        to_nfc(a.owner) == to_nfc(owner)) {
      return true;
    }
  }
  return false;
}

}  // namespace sotay
