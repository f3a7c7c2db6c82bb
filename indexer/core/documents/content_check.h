// `sotay-indexer check`: lints content/ without building an edition.
//
// Errors (the build would skip the file, or a reader would hit a dead end):
//   front matter and Markdown problems (the build's own checks), duplicate
//   ids, broken internal links "/doc/<id>" and anchors "/doc/<id>#<anchor>",
//   two documents with the same number, missing images (relative paths),
//   relations the build refuses (relation_check.h: an unknown id, a cycle of
//   replacements; a relation to itself is a front matter error).
// Warnings ("cảnh báo"): numbers cited in the text that no handbook document
//   has, sections with a heading and no text, raw HTML the page will not
//   show (html_blocks.h).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sotay {

struct CheckProblem {
  std::string path;  // under content/
  int line = 0;
  bool warning = false;
  std::string message;
  // "path:line: message", warnings as "path:line: cảnh báo: message".
  std::string to_string() const;
};

struct CheckReport {
  std::size_t files = 0;
  std::vector<CheckProblem> problems;  // by path, then line
  std::size_t errors() const;
  std::size_t warnings() const;
  nlohmann::json to_json() const;
};

// Throws std::runtime_error when `content_dir` is not a directory.
CheckReport check_content(const std::filesystem::path& content_dir);

}  // namespace sotay
