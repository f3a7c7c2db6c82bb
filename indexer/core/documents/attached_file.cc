#include "attached_file.h"

namespace sotay {

bool is_original_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name[0] == '.' || name[0] == '_') return false;
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view ext = name.substr(dot + 1);
  for (const std::string_view e :
       {"pdf", "docx", "doc", "odt", "rtf", "txt", "png", "jpg", "jpeg", "tif", "tiff"}) {
    if (ext == e) return true;
  }
  return false;
}

}  // namespace sotay
