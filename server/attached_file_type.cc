#include "attached_file_type.h"

#include <cstdio>

namespace sotay {

namespace {

constexpr AttachedFileType TYPES[] = {
    {"pdf", "application/pdf", "PDF"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "Word (.docx)"},
    {"doc", "application/msword", "Word (.doc)"},
    {"odt", "application/vnd.oasis.opendocument.text", "OpenDocument (.odt)"},
    {"rtf", "application/rtf", "RTF"},
    {"txt", "text/plain; charset=utf-8", "văn bản (.txt)"},
    {"png", "image/png", "ảnh PNG"},
    {"jpg", "image/jpeg", "ảnh JPEG"},
    {"jpeg", "image/jpeg", "ảnh JPEG"},
    {"tif", "image/tiff", "ảnh TIFF"},
    {"tiff", "image/tiff", "ảnh TIFF"},
};

}  // namespace

const AttachedFileType& attached_file_type(const std::string& name) {
  const std::string ext = name.substr(name.rfind('.') + 1);
  for (const AttachedFileType& t : TYPES) {
    if (ext == t.extension) return t;
  }
  static constexpr AttachedFileType OTHER{"", "application/octet-stream", "tệp"};
  return OTHER;
}

std::string size_display(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0 + 0.5);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  std::string s = buf;
  for (char& c : s) c = c == '.' ? ',' : c;  // Vietnamese decimal comma
  return s;
}

}  // namespace sotay
