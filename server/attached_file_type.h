// What a file beside a document is, for its download and its link text: the
// original ("Bản gốc") and the forms of procedure cards ("Biểu mẫu").
#pragma once

#include <cstdint>
#include <string>

namespace sotay {

struct AttachedFileType {
  const char* extension;  // "pdf", "" when unknown
  const char* mime;       // Content-Type of the download
  const char* name;       // what a clerk calls it: "Word (.docx)"
};

// The type of the file `name` by its extension (application/octet-stream
// when unknown).
const AttachedFileType& attached_file_type(const std::string& name);

// "12 KB", "1,5 MB": a size as the page shows it (Vietnamese decimal comma).
std::string size_display(std::uint64_t bytes);

}  // namespace sotay
