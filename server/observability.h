// Running the server in production: the access log line, Prometheus
// metrics, HTTP caching (ETag, Cache-Control, 304). Compression is
// cpp-httplib's (gzip or br by Content-Type and Accept-Encoding).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace sotay {

// Requests by route and status, and a latency histogram by route.
class Metrics {
 public:
  static constexpr std::array<double, 11> BUCKETS{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1,   0.25,   0.5,   1.0,  2.5};

  void record(const std::string& route, int status, double seconds);
  // The Prometheus text exposition (version 0.0.4). `edition` is the
  // edition summary (empty when none is published).
  std::string render(const nlohmann::json& edition) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, BUCKETS.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// One access log line: "2026-11-27T06:00:00.123Z GET /search 200 5120 3.2ms".
// The query string is never logged.
std::string access_log_line(const httplib::Request& req, const httplib::Response& res,
                            double milliseconds);

// Hash of the embedded templates and assets: part of every page's ETag, so a
// new server build never answers 304 with an old page.
const std::string& asset_version();

// The ETag of a page: the edition id and a hash of the request target.
std::string page_etag(const std::string& edition_id, const std::string& target);

// True when If-None-Match of `req` lists `etag` (or is "*").
bool etag_matches(const httplib::Request& req, const std::string& etag);

}  // namespace sotay
