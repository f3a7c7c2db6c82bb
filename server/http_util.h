// Small helpers shared by the request handlers: parameters, URLs, JSON
// responses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace sotay {

inline constexpr const char* HTML_TYPE = "text/html; charset=utf-8";
// No charset: JSON is UTF-8 by definition (RFC 8259), and cpp-httplib
// compresses "application/json" only without parameters.
inline constexpr const char* JSON_TYPE = "application/json";

// A non-negative integer parameter, `fallback` when absent; nullopt when
// present but not a number within [0, max].
std::optional<std::size_t> size_param(const httplib::Request& req, const char* name,
                                      std::size_t fallback, std::size_t max);

// The first value of a parameter, "" when absent (repeated parameters: the
// first one counts).
std::string first_param(const httplib::Request& req, const char* name);

// "2020-03-05" -> "05/03/2020"; anything else unchanged.
std::string format_date(const std::string& iso);

// A size as a person reads it: "2 MB", "30 MB", "64 KB", "8 KB", "1,5 MB"
// (binary units, as the limits are set; a decimal comma; rounded down, so
// a limit is never overstated).
std::string size_text(std::uint64_t bytes);

// 303 See Other to `to`, not cached: where a browser form lands after a POST.
void see_other(httplib::Response& res, const std::string& to);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"error":{"status","message"}}
void send_api_error(httplib::Response& res, int status, const std::string& message);

// "example.org:8080", or "" when the Host header is not a plain host name.
std::string safe_host(const std::string& host);
// "http://<Host>" of the request ("http://localhost" without a usable Host):
// the absolute URLs of /opensearch.xml and /van-ban-moi.atom.
std::string public_base_url(const httplib::Request& req);

}  // namespace sotay
