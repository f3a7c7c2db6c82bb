// Templates and static files compiled into the server (cmake/EmbedAssets.cmake).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct Asset {
  std::string_view name;  // path under templates/: "layout.mustache", "static/site.css"
  std::string_view bytes;
};

const std::vector<Asset>& embedded_assets();

// The asset of that name, or nullopt.
std::optional<std::string_view> find_asset(std::string_view name);

// MIME type from a file name's extension.
std::string_view mime_type(std::string_view name);

}  // namespace sotay
