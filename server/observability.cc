#include "observability.h"

#include <cstdio>

#include "assets.h"
#include "hash.h"
#include "text.h"
#include "utc_time.h"

namespace sotay {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A Prometheus label value: backslash, quote and newline escaped.
std::string label(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    out += c == '\n' ? 'n' : c;
  }
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < BUCKETS.size(); ++i) {
    if (seconds <= BUCKETS[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const nlohmann::json& edition) const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out +=
        "# HELP sotay_http_requests_total HTTP requests answered, by route and status.\n"
        "# TYPE sotay_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      out += "sotay_http_requests_total{route=\"" + label(key.first) + "\",status=\"" +
             std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
    }
    out +=
        "# HELP sotay_http_request_duration_seconds Time to answer a request, by route.\n"
        "# TYPE sotay_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      const std::string r = label(route);
      for (std::size_t i = 0; i < BUCKETS.size(); ++i) {
        out += "sotay_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" +
               number(BUCKETS[i]) + "\"} " + std::to_string(h.buckets[i]) + "\n";
      }
      out += "sotay_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " +
             std::to_string(h.count) + "\n";
      out += "sotay_http_request_duration_seconds_sum{route=\"" + r + "\"} " + number(h.sum) + "\n";
      out += "sotay_http_request_duration_seconds_count{route=\"" + r + "\"} " +
             std::to_string(h.count) + "\n";
    }
  }
  const bool has = edition.is_object() && edition.contains("id");
  out +=
      "# HELP sotay_edition_info The edition being served (value 1; the id is a label).\n"
      "# TYPE sotay_edition_info gauge\n";
  if (has) {
    out += "sotay_edition_info{edition=\"" + label(edition.value("id", "")) + "\",built=\"" +
           label(edition.value("built", "")) + "\"} 1\n";
  }
  out +=
      "# HELP sotay_edition_documents Documents in the edition being served.\n"
      "# TYPE sotay_edition_documents gauge\n"
      "sotay_edition_documents " +
      std::to_string(has ? edition.value("documents", std::size_t{0}) : 0) + "\n";
  out +=
      "# HELP sotay_edition_sections Sections (Xapian documents) in the edition being served.\n"
      "# TYPE sotay_edition_sections gauge\n"
      "sotay_edition_sections " +
      std::to_string(has ? edition.value("sections", std::size_t{0}) : 0) + "\n";
  const double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  out +=
      "# HELP sotay_uptime_seconds Seconds since the server started.\n"
      "# TYPE sotay_uptime_seconds gauge\n"
      "sotay_uptime_seconds " +
      number(uptime) + "\n";
  return out;
}

std::string access_log_line(const httplib::Request& req, const httplib::Response& res,
                            double milliseconds) {
  char line[160];
  std::snprintf(line, sizeof line, "%s %s ", utc_now(UtcFormat::ISO_MILLIS).c_str(),
                req.method.c_str());
  std::string path = req.path;
  for (char& c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ') c = '_';  // one line, one field
  }
  char tail[96];
  std::snprintf(tail, sizeof tail, " %d %zu %.1fms", res.status, res.body.size(), milliseconds);
  return line + path + tail;
}

const std::string& asset_version() {
  static const std::string version = [] {
    std::string all;
    for (const Asset& a : embedded_assets()) {
      all += std::string(a.name) + "\t" + content_hash(a.bytes) + "\n";
    }
    return content_hash(all).substr(0, 8);
  }();
  return version;
}

std::string page_etag(const std::string& edition_id, const std::string& target) {
  return "\"" + edition_id + "-" + content_hash(asset_version() + " " + target).substr(0, 12) +
         "\"";
}

bool etag_matches(const httplib::Request& req, const std::string& etag) {
  if (!req.has_header("If-None-Match")) return false;
  const std::string v = req.get_header_value("If-None-Match");
  if (trim(v) == "*") return true;
  std::size_t start = 0;
  while (start < v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string::npos) end = v.size();
    std::string_view tag = trim(std::string_view(v).substr(start, end - start));
    if (starts_with(tag, "W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace sotay
