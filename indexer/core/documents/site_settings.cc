#include "site_settings.h"

#include <functional>
#include <map>

#include <yaml-cpp/yaml.h>

#include "files.h"
#include "front_matter_messages.h"
#include "text.h"

namespace sotay {

namespace {

constexpr const char* SITE_FILE = "_site.yaml";

struct Field {
  const char* key;
  std::string SiteSettings::*member;
  bool required;
};

constexpr Field FIELDS[] = {{"ward_name", &SiteSettings::ward_name, true},
                            {"handbook_title", &SiteSettings::handbook_title, true},
                            {"editor", &SiteSettings::editor, false},
                            {"contact", &SiteSettings::contact, false}};

const Field* find_field(std::string_view key) {
  for (const Field& f : FIELDS) {
    if (key == f.key) return &f;
  }
  return nullptr;
}

constexpr const char* KNOWN_KEYS = "ward_name, handbook_title, editor, contact, departments";

// `departments:` is a list of names, one per line starting with "- ".
void read_departments(const YAML::Node& list, int line, SiteSettings& s,
                      const std::function<void(int, std::string)>& add) {
  if (!list.IsSequence()) {
    add(line,
        "trường \"departments\" phải là danh sách tên đơn vị, mỗi đơn vị một dòng bắt đầu "
        "bằng \"- \", ví dụ:\ndepartments:\n  - Phòng Tài chính - Kế hoạch");
    return;
  }
  for (const YAML::Node& n : list) {
    const int at = n.Mark().line + 1;
    const std::string name = n.IsScalar() ? to_nfc(trim(n.Scalar())) : std::string();
    if (name.empty()) {
      add(at, "trường \"departments\": mỗi mục phải là một tên đơn vị, không để trống");
      continue;
    }
    s.departments.push_back(name);
  }
}

}  // namespace

nlohmann::json SiteSettings::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const Field& f : FIELDS) j[f.key] = this->*f.member;
  j["departments"] = departments;
  return j;
}

SiteSettings SiteSettings::from_json(const nlohmann::json& j) {
  SiteSettings s;
  if (!j.is_object()) return s;
  for (const Field& f : FIELDS) {
    if (j.contains(f.key) && j[f.key].is_string()) s.*f.member = j[f.key].get<std::string>();
  }
  for (const auto& d : j.value("departments", nlohmann::json::array())) {
    if (d.is_string()) s.departments.push_back(d.get<std::string>());
  }
  return s;
}

SiteSettings SiteSettings::parse(std::string_view path, std::string_view text,
                                 std::vector<ContentError>& errors) {
  SiteSettings s;
  const auto add = [&](int line, std::string message) {
    errors.push_back({std::string(path), line, std::move(message)});
  };
  if (const auto bad = find_invalid_utf8(text)) {
    add(line_of(text, *bad), "tệp không phải UTF-8 hợp lệ");
    return s;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    const YamlHint hint = explain_yaml_error(text, e.mark.is_null() ? 0 : e.mark.line, e.msg);
    add(hint.line + 1, "sai cú pháp: " + hint.message);
    return s;
  }
  if (root.IsNull()) return s;
  if (!root.IsMap()) {
    add(1, "tệp thiết lập phải là các cặp \"khóa: giá trị\"");
    return s;
  }
  std::map<std::string, int> seen;
  for (const auto& item : root) {
    const int line = item.first.Mark().line + 1;
    const std::string key = item.first.IsScalar() ? item.first.Scalar() : std::string();
    const Field* field = find_field(key);
    if (!field && key != "departments") {
      add(line, "khóa không được hỗ trợ \"" + key + "\" (các khóa hợp lệ: " + KNOWN_KEYS + ")");
      continue;
    }
    if (auto [it, inserted] = seen.emplace(key, line); !inserted) {
      add(line,
          "khóa \"" + key + "\" bị lặp lại (đã có ở dòng " + std::to_string(it->second) + ")");
      continue;
    }
    if (!field) {
      read_departments(item.second, line, s, add);
      continue;
    }
    if (!item.second.IsScalar()) {
      add(line, "trường \"" + key + "\" phải là một chuỗi");
      continue;
    }
    const std::string value(trim(item.second.Scalar()));
    if (value.empty() && field->required) {
      add(line, "trường \"" + key + "\" không được để trống");
      continue;
    }
    s.*field->member = value;
  }
  return s;
}

SiteSettings SiteSettings::load(const std::filesystem::path& content_dir,
                                std::vector<ContentError>& errors) {
  const std::filesystem::path file = content_dir / SITE_FILE;
  if (!std::filesystem::exists(file)) return {};
  return parse(SITE_FILE, read_file(file), errors);
}

}  // namespace sotay
