// Splitting a content file into front matter and body, and validating the
// front matter with yaml-cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attached_file.h"  // is_original_name: the `original:` rule
#include "document.h"

namespace sotay {

struct ParsedFile {
  FrontMatter meta;
  std::string body;   // Markdown after the closing "---"
  int body_line = 1;  // 1-based line of the first body line in the file
};

// Parses `bytes` (a whole content file). `path` is the file's path under
// content/ and gives the default id. Problems are appended to `errors` with
// their line numbers (missing or unterminated front matter, YAML syntax,
// unknown keys, wrong types, missing title or department, bad dates or
// status, invalid UTF-8, empty body); the result is valid only when no
// error was added.
ParsedFile parse_content_file(std::string_view path, std::string_view bytes,
                              std::vector<ContentError>& errors);

// True for a valid ISO calendar date "YYYY-MM-DD".
bool is_iso_date(std::string_view text);

}  // namespace sotay
