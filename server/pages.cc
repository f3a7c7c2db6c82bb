#include "pages.h"

#include <map>
#include <memory>
#include <stdexcept>

#include <kainjow/mustache.hpp>

#include "assets.h"

namespace sotay {

namespace mustache = kainjow::mustache;

namespace {

mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (const auto& [key, value] : j.items()) d.set(key, to_data(value));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& value : j) d.push_back(to_data(value));
      return d;
    }
    case nlohmann::json::value_t::string:
      // An empty string is false, as in other mustache implementations, so
      // {{#number}}…{{/number}} leaves out an empty field (kainjow treats
      // every string as true). It still renders as "".
      if (j.get_ref<const std::string&>().empty()) return mustache::data{false};
      return mustache::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return mustache::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data{false};
    default:
      return mustache::data{j.dump()};
  }
}

// Parsed templates, one set per thread (rendering mutates the template).
mustache::mustache& get_template(std::string_view name) {
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> cache;
  if (const auto it = cache.find(name); it != cache.end()) return *it->second;
  const std::string file = std::string(name) + ".mustache";
  const auto bytes = find_asset(file);
  if (!bytes) throw std::runtime_error("missing template " + file);
  auto tmpl = std::make_unique<mustache::mustache>(std::string(*bytes));
  if (!tmpl->is_valid()) {
    throw std::runtime_error("template " + file + ": " + tmpl->error_message());
  }
  return *cache.emplace(std::string(name), std::move(tmpl)).first->second;
}

}  // namespace

std::string render_template(std::string_view name, const nlohmann::json& data) {
  mustache::mustache& tmpl = get_template(name);
  std::string out = tmpl.render(to_data(data));
  if (!tmpl.is_valid()) {
    throw std::runtime_error("template " + std::string(name) + ": " + tmpl.error_message());
  }
  return out;
}

std::string render_page(std::string_view name, const nlohmann::json& data) {
  nlohmann::json with_body = data;
  with_body["body"] = render_template(name, data);
  return render_template("layout", with_body);
}

}  // namespace sotay
