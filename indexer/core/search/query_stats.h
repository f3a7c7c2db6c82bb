// What people search for, for the editors (/bien-tap): how often each query
// was asked and which found nothing. Only the normalised query text is kept
// (each word NFC and case-folded by exact_form(), single spaces) — no IP
// addresses, tokens or times. Held in memory; save() writes it atomically
// (the server every minute and when it stops) and load() reads it back.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct QueryCount {
  std::string query;
  std::size_t count = 0;
};

class QueryStats {
 public:
  // `max_queries` distinct queries at most (new ones beyond are not counted).
  explicit QueryStats(std::filesystem::path file = {}, std::size_t max_queries = 20000);

  // Counts one search (empty queries are ignored); saves when the last save
  // is older than a minute and a file is set.
  void record(std::string_view query, std::size_t total);
  // The most frequent queries, and the most frequent that found nothing.
  std::vector<QueryCount> top(std::size_t n) const;
  std::vector<QueryCount> zero_results(std::size_t n) const;

  void save() const;
  void load();

 private:
  struct Counts {
    std::size_t asked = 0;
    std::size_t empty = 0;
  };
  std::filesystem::path file_;
  std::size_t max_queries_;
  mutable std::mutex mutex_;
  std::map<std::string, Counts> counts_;
  std::chrono::steady_clock::time_point last_save_ = std::chrono::steady_clock::now();
};

// "  Thủ tục   HOÀ giải " -> "thủ tục hòa giải"; '+' separates words too
// (a form-encoded space that httplib 0.11 does not decode).
std::string normalize_query(std::string_view query);

}  // namespace sotay
