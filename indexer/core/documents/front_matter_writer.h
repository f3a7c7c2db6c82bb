// Writing a content file from fields a person typed into a form: the front
// matter is emitted by yaml-cpp (YAML::Emitter), so a colon, a quote, a '#'
// or a leading '-' in a title is quoted as YAML requires and reads back as
// typed (parse_content_file). Empty fields are left out.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace sotay {

struct ComposedFile {
  std::string text;   // "---\n<front matter>---\n<body>"
  int body_line = 1;  // the file line of the body's first line
  // The file line of each key written ("title" -> 3), for errors on a field.
  std::map<std::string, int> key_lines;
};

// `meta.id` is written when not empty; `status` when not "in-force"'s
// default is wanted explicitly too (it is always written). The body is
// kept as given, with Windows line ends made "\n" and a final newline.
ComposedFile compose_content_file(const FrontMatter& meta, std::string_view body);

// Tags typed in one box, "a, b ,c" -> {"a", "b", "c"}; empty parts dropped,
// a tag repeated kept once.
std::vector<std::string> split_tags(std::string_view typed);

// The body line `file_line` of a composed file is line N of the body box:
// N, or 0 when `file_line` is in the front matter.
int body_box_line(const ComposedFile& file, int file_line);

}  // namespace sotay
