// Suggestion benchmark: server time of one /api/suggest lookup (suggest() in
// suggester.h, what the handler calls) on an edition, for what people type:
// every prefix, character by character, of the first words of real
// questions, with and without accents, and partial document numbers.
//
//   sotay-bench-suggest --index bench/out/full/index
//       --queries ../shared/data/zalo/queries.jsonl
//       --queries ../shared/data/zalo/queries-nodiacritics.jsonl
//
// Prints the number of lookups, how many suggested something, and the
// latency percentiles in one thread after one untimed warm-up pass.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "edition.h"
#include "suggester.h"

namespace {

// Prefixes of the first `max_bytes` of `text`, cut at character boundaries,
// from two characters on.
void add_prefixes(const std::string& text, std::size_t max_bytes, std::vector<std::string>& out) {
  const std::size_t end = std::min(text.size(), max_bytes);
  for (std::size_t i = 2; i <= end; ++i) {
    if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    out.push_back(text.substr(0, i));
  }
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

// Keys and bytes (key + value) of the suggestion metadata, per kind
// ("suggest:p:", "suggest:t:", ...): what suggestions cost an edition.
void print_metadata_size(const Xapian::Database& db) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> kinds;
  const std::string all = "suggest:";
  for (auto it = db.metadata_keys_begin(all); it != db.metadata_keys_end(all); ++it) {
    const std::string key = *it;
    auto& [keys, bytes] = kinds[key.substr(0, std::min<std::size_t>(key.size(), 10))];
    ++keys;
    bytes += key.size() + db.get_metadata(key).size();
  }
  std::size_t keys = 0;
  std::size_t bytes = 0;
  for (const auto& [kind, size] : kinds) {
    std::printf("metadata     %-12s %8zu keys %10zu bytes\n", kind.c_str(), size.first,
                size.second);
    keys += size.first;
    bytes += size.second;
  }
  std::printf("metadata     %-12s %8zu keys %10zu bytes\n", "suggest:*", keys, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sổ tay suggestion benchmark"};
  std::string index;
  std::vector<std::string> query_files;
  std::size_t prefix_bytes = 24;
  std::size_t limit_queries = 0;
  app.add_option("--index", index, "index root (with current) or an edition directory")->required();
  app.add_option("--queries", query_files, "JSONL files with a \"text\" per line")->required();
  app.add_option("--prefix-bytes", prefix_bytes, "bytes of each question typed (default 24)");
  app.add_option("--limit-queries", limit_queries, "questions per file (0: all)");
  CLI11_PARSE(app, argc, argv);

  std::string path = index;
  if (const auto current = sotay::current_edition(index)) path = current->string();
  Xapian::Database db(path);

  std::vector<std::string> typed;
  for (const std::string& file : query_files) {
    std::ifstream in(file);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read\n", file.c_str());
      return 2;
    }
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line) && (limit_queries == 0 || n < limit_queries)) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
      add_prefixes(j["text"].get<std::string>(), prefix_bytes, typed);
      ++n;
    }
  }
  for (const char* number : {"30/2020/NĐ-CP", "91/2015/QH13", "01/2021/TT-BTP", "100/2015/QH13"}) {
    add_prefixes(number, 64, typed);
  }

  for (const std::string& t : typed) sotay::suggest(db, t);  // warm-up
  std::vector<double> ms;
  ms.reserve(typed.size());
  std::size_t answered = 0;
  std::size_t suggestions = 0;
  for (const std::string& t : typed) {
    const auto start = std::chrono::steady_clock::now();
    const auto s = sotay::suggest(db, t);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    answered += s.empty() ? 0 : 1;
    suggestions += s.size();
  }
  double total = 0;
  for (const double m : ms) total += m;
  std::printf("edition      %s (%u sections)\n", path.c_str(), db.get_doccount());
  std::printf("lookups      %zu (prefixes of %zu bytes of each question, and numbers)\n",
              typed.size(), prefix_bytes);
  std::printf(
      "answered     %zu (%.1f%%), %.1f suggestions on average\n", answered,
      typed.empty() ? 0.0
                    : 100.0 * static_cast<double>(answered) / static_cast<double>(typed.size()),
      typed.empty() ? 0.0 : static_cast<double>(suggestions) / static_cast<double>(typed.size()));
  std::printf("latency ms   mean %.3f  p50 %.3f  p95 %.3f  p99 %.3f  max %.3f\n",
              typed.empty() ? 0.0 : total / static_cast<double>(typed.size()), percentile(ms, 0.50),
              percentile(ms, 0.95), percentile(ms, 0.99), percentile(ms, 1.0));
  print_metadata_size(db);
  return 0;
}
