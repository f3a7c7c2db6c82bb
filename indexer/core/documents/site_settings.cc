#include "site_settings.h"

#include <map>

#include <yaml-cpp/yaml.h>

#include "files.h"
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

}  // namespace

nlohmann::json SiteSettings::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const Field& f : FIELDS) j[f.key] = this->*f.member;
  return j;
}

SiteSettings SiteSettings::from_json(const nlohmann::json& j) {
  SiteSettings s;
  if (!j.is_object()) return s;
  for (const Field& f : FIELDS) {
    if (j.contains(f.key) && j[f.key].is_string()) s.*f.member = j[f.key].get<std::string>();
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
    add(e.mark.is_null() ? 1 : e.mark.line + 1, "lỗi cú pháp YAML: " + e.msg);
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
    if (!field) {
      add(line, "khóa không được hỗ trợ \"" + key +
                    "\" (các khóa hợp lệ: ward_name, handbook_title, editor, contact)");
      continue;
    }
    if (auto [it, inserted] = seen.emplace(key, line); !inserted) {
      add(line,
          "khóa \"" + key + "\" bị lặp lại (đã có ở dòng " + std::to_string(it->second) + ")");
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
