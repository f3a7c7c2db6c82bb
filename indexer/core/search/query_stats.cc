#include "query_stats.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "files.h"
#include "text.h"
#include "vietnamese.h"

namespace sotay {

std::string normalize_query(std::string_view query) {
  std::string out;
  std::size_t i = 0;
  // '+' too: httplib 0.11 leaves the '+' of form-encoded spaces in parameters.
  const auto space = [](char c) {
    return c == ' ' || c == '+' || c == '\t' || c == '\n' || c == '\r';
  };
  while (i < query.size()) {
    while (i < query.size() && space(query[i])) ++i;
    const std::size_t start = i;
    while (i < query.size() && !space(query[i])) ++i;
    if (i == start) break;
    if (!out.empty()) out += ' ';
    out += exact_form(query.substr(start, i - start));
  }
  if (out.size() > 200) out.resize(200);  // may cut a letter: sanitized below
  return sanitize_utf8(out);
}

QueryStats::QueryStats(std::filesystem::path file, std::size_t max_queries)
    : file_(std::move(file)), max_queries_(max_queries) {}

void QueryStats::record(std::string_view query, std::size_t total) {
  const std::string q = normalize_query(query);
  if (q.empty()) return;
  bool save_now = false;
  {
    std::lock_guard lock(mutex_);
    auto it = counts_.find(q);
    if (it == counts_.end()) {
      if (counts_.size() >= max_queries_) return;
      it = counts_.emplace(q, Counts{}).first;
    }
    ++it->second.asked;
    if (total == 0) ++it->second.empty;
    const auto now = std::chrono::steady_clock::now();
    if (!file_.empty() && now - last_save_ > std::chrono::minutes(1)) {
      last_save_ = now;
      save_now = true;
    }
  }
  if (save_now) {
    try {
      save();
    } catch (const std::exception&) {
      // Statistics are best effort; the next save tries again.
    }
  }
}

namespace {

std::vector<QueryCount> best(std::vector<QueryCount> all, std::size_t n) {
  std::sort(all.begin(), all.end(), [](const QueryCount& a, const QueryCount& b) {
    return a.count != b.count ? a.count > b.count : a.query < b.query;
  });
  if (all.size() > n) all.resize(n);
  return all;
}

}  // namespace

std::vector<QueryCount> QueryStats::top(std::size_t n) const {
  std::vector<QueryCount> all;
  std::lock_guard lock(mutex_);
  for (const auto& [q, c] : counts_) all.push_back({q, c.asked});
  return best(std::move(all), n);
}

std::vector<QueryCount> QueryStats::zero_results(std::size_t n) const {
  std::vector<QueryCount> all;
  std::lock_guard lock(mutex_);
  for (const auto& [q, c] : counts_) {
    if (c.empty > 0) all.push_back({q, c.empty});
  }
  return best(std::move(all), n);
}

void QueryStats::save() const {
  if (file_.empty()) return;
  nlohmann::json queries = nlohmann::json::object();
  {
    std::lock_guard lock(mutex_);
    for (const auto& [q, c] : counts_) queries[q] = {{"asked", c.asked}, {"empty", c.empty}};
  }
  write_file_atomic(file_, nlohmann::json{{"queries", queries}}.dump() + "\n", 0600);
}

void QueryStats::load() {
  std::error_code ec;
  if (file_.empty() || !std::filesystem::exists(file_, ec)) return;
  const auto j = nlohmann::json::parse(read_file(file_), nullptr, false);
  if (!j.is_object() || !j.contains("queries") || !j["queries"].is_object()) return;
  std::lock_guard lock(mutex_);
  for (auto it = j["queries"].begin(); it != j["queries"].end(); ++it) {
    if (!it.value().is_object() || counts_.size() >= max_queries_) continue;
    counts_[it.key()] = {it.value().value("asked", std::size_t{0}),
                         it.value().value("empty", std::size_t{0})};
  }
}

}  // namespace sotay
