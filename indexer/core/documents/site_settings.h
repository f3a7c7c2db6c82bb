// Site settings of the handbook in content/_site.yaml: who publishes it and
// what it is called. Shown in the header, the footer and the cover of the
// compiled handbook (/so-tay); stored in the edition (index_contract.h,
// edition "site").
//
//   ward_name: UBND phường Việt Hưng
//   handbook_title: Sổ tay hướng dẫn công vụ
//   editor: Văn phòng HĐND và UBND phường Việt Hưng   (optional)
//   contact: "Văn phòng HĐND và UBND phường, điện thoại …"  (optional)
//   departments:                                       (optional)
//     - Phòng Tài chính - Kế hoạch
// `departments` names departments that have no document yet, so that
// `sotay-indexer token add` knows them (docs/submissions.md).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "document.h"

namespace sotay {

struct SiteSettings {
  std::string ward_name = "UBND phường";
  std::string handbook_title = "Sổ tay hướng dẫn công vụ";
  std::string editor;
  std::string contact;
  std::vector<std::string> departments;  // NFC, trimmed, in file order

  nlohmann::json to_json() const;
  // Missing keys keep their defaults.
  static SiteSettings from_json(const nlohmann::json& j);

  // Parses the YAML text of `path` (relative to content/). Problems go to
  // `errors` as path:line (YAML syntax, unknown or repeated keys, values
  // that are not strings, a departments entry that is not a name, a required key left empty); the
  // defaults stay for what could not be read.
  static SiteSettings parse(std::string_view path, std::string_view text,
                            std::vector<ContentError>& errors);
  // Reads content/_site.yaml when it exists, else the defaults.
  static SiteSettings load(const std::filesystem::path& content_dir,
                           std::vector<ContentError>& errors);
};

}  // namespace sotay
