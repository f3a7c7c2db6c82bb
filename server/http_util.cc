#include "http_util.h"
#include "url.h"

#include <charconv>

namespace sotay {

using nlohmann::json;

std::optional<std::size_t> size_param(const httplib::Request& req, const char* name,
                                      std::size_t fallback, std::size_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n > max) return std::nullopt;
  return n;
}

std::string first_param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string format_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string size_text(std::uint64_t bytes) {
  constexpr std::uint64_t KB = 1024;
  constexpr std::uint64_t MB = 1024 * KB;
  const std::uint64_t unit = bytes >= MB ? MB : KB;
  // One decimal, rounded down (a limit is never overstated), ",0" dropped.
  const std::uint64_t tenths = bytes * 10 / unit;
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) text += "," + std::to_string(tenths % 10);
  return text + (unit == MB ? " MB" : " KB");
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), JSON_TYPE);
}

void send_api_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", {{"status", status}, {"message", message}}}});
}

// "example.org:8080", or "" when the Host header is not a plain host name.
std::string safe_host(const std::string& host) {
  if (host.empty() || host.size() > 255) return {};
  for (const char ch : host) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
                    ch == ']';
    if (!ok) return {};
  }
  return host;
}

std::string public_base_url(const httplib::Request& req) {
  std::string host = safe_host(req.get_header_value("Host"));
  if (host.empty()) host = "localhost";
  return "http://" + host;
}

void see_other(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  res.set_header("Cache-Control", "no-store");
}

}  // namespace sotay
