#include "assets.h"

namespace sotay {

std::optional<std::string_view> find_asset(std::string_view name) {
  for (const Asset& a : embedded_assets()) {
    if (a.name == name) return a.bytes;
  }
  return std::nullopt;
}

std::string_view mime_type(std::string_view name) {
  const auto ends_with = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  if (ends_with(".png")) return "image/png";
  if (ends_with(".ico")) return "image/x-icon";
  if (ends_with(".xml")) return "application/xml; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace sotay
