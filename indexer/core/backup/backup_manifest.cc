#include "backup_manifest.h"

#include <stdexcept>

#include "utc_time.h"
#include "version.h"

namespace sotay {

using nlohmann::json;

const std::vector<BackupPart>& backup_parts() {
  static const std::vector<BackupPart> parts = {
      {"content", true, "thư mục nội dung"},
      {"inbox", true, "bài nộp"},
      {"auth.json", false, "mã truy cập"},
      {"audit.log", false, "nhật ký kiểm toán"},
      {"query-stats.json", false, "thống kê tìm kiếm"},
      {"index", true, "ấn bản hiện hành"},
  };
  return parts;
}

const BackupPart* part_named(std::string_view name) {
  for (const BackupPart& p : backup_parts()) {
    if (name == p.name) return &p;
  }
  return nullptr;
}

const BackupPart* part_of(std::string_view entry) {
  for (const BackupPart& p : backup_parts()) {
    const std::string_view name = p.name;
    if (p.directory ? entry.size() > name.size() + 1 && entry.substr(0, name.size()) == name &&
                          entry[name.size()] == '/'
                    : entry == name) {
      return &p;
    }
  }
  return nullptr;
}

json BackupManifest::to_json() const {
  json list = json::array();
  for (const ManifestFile& f : files) {
    list.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}, {"mode", f.mode}});
  }
  return {{"format", BACKUP_FORMAT},
          {"version", BACKUP_VERSION},
          {"created", created},
          {"sotay", sotay_version},
          {"edition", current_edition},
          {"parts", parts},
          {"files", list}};
}

BackupManifest BackupManifest::from_json(const json& j) {
  BackupManifest m;
  try {
    if (j.at("format") != BACKUP_FORMAT || j.at("version") != BACKUP_VERSION) {
      throw std::runtime_error("không phải bản kê của bản sao lưu phiên bản này");
    }
    m.created = j.at("created").get<std::string>();
    m.sotay_version = j.at("sotay").get<std::string>();
    m.current_edition = j.at("edition").get<std::string>();
    m.parts = j.at("parts").get<std::vector<std::string>>();
    for (const json& f : j.at("files")) {
      m.files.push_back({f.at("path").get<std::string>(), f.at("size").get<std::uint64_t>(),
                         f.at("sha256").get<std::string>(), f.at("mode").get<unsigned>()});
    }
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("bản kê (MANIFEST.json) hỏng: ") + e.what());
  }
  return m;
}

json backup_header() {
  return {{"format", BACKUP_FORMAT},
          {"version", BACKUP_VERSION},
          {"sotay", sotay_version()},
          {"created", utc_now(UtcFormat::ISO)}};
}

void check_backup_header(std::string_view text) {
  // Any JSON may arrive here: look fields up, never assume them.
  const json j = json::parse(text, nullptr, false);
  const bool object = !j.is_discarded() && j.is_object();
  if (!object || !j.contains("format") || j["format"] != BACKUP_FORMAT) {
    throw std::runtime_error("không phải bản sao lưu của Sổ tay");
  }
  if (!j.contains("version") || j["version"] != BACKUP_VERSION) {
    throw std::runtime_error(
        "bản sao lưu định dạng " + (j.contains("version") ? j["version"].dump() : "không rõ") +
        ", phiên bản này chỉ đọc được định dạng " + std::to_string(BACKUP_VERSION));
  }
}

std::string unsafe_entry_reason(std::string_view name) {
  if (name.empty()) return "tên trống";
  if (name.front() == '/') return "đường dẫn tuyệt đối";
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return "ký tự không hợp lệ trong tên";
  }
  std::string_view rest = name;
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return "đường dẫn có \"..\" hoặc phần trống";
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (!part_of(name)) return "nằm ngoài các phần của bản sao lưu";
  return {};
}

}  // namespace sotay
