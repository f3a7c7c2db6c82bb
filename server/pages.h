// HTML pages from the mustache templates in templates/ (embedded).
// {{x}} is escaped; {{{x}}} is used only for HTML the core already escaped
// (snippets, rendered Markdown).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sotay {

// Renders templates/<name>.mustache with `data`, then layout.mustache with
// `data` plus {"body": the page}. Throws std::runtime_error for a missing or
// broken template.
std::string render_page(std::string_view name, const nlohmann::json& data);

// Renders one template without the layout.
std::string render_template(std::string_view name, const nlohmann::json& data);

}  // namespace sotay
