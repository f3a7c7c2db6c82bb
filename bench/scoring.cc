#include "scoring.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <set>

namespace sotay::bench {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

Scores evaluate(const std::vector<Query>& queries, const SearchFn& search) {
  using Clock = std::chrono::steady_clock;
  Scores s;
  for (const Query& q : queries) {
    std::vector<std::string> ranked;
    const auto start = Clock::now();
    try {
      ranked = search(q.text);
    } catch (const std::exception& e) {
      ++s.errors;
      std::fprintf(stderr, "query %s: %s\n", q.id.c_str(), e.what());
    }
    s.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (ranked.empty()) ++s.empty;
    const std::set<std::string> relevant(q.relevant.begin(), q.relevant.end());
    double rr = 0, dcg = 0, idcg = 0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < ranked.size() && i < TOP; ++i) {
      if (relevant.count(ranked[i]) == 0) continue;
      ++found;
      if (rr == 0) {
        rr = 1.0 / static_cast<double>(i + 1);
        s.ranks.push_back(i + 1);
      }
      dcg += 1.0 / std::log2(static_cast<double>(i + 2));
    }
    for (std::size_t i = 0; i < relevant.size() && i < TOP; ++i) {
      idcg += 1.0 / std::log2(static_cast<double>(i + 2));
    }
    if (rr == 0) s.ranks.push_back(0);
    s.mrr += rr;
    s.recall += relevant.empty() ? 0 : static_cast<double>(found) / relevant.size();
    s.ndcg += idcg > 0 ? dcg / idcg : 0;
  }
  s.n = queries.size();
  const double n = s.n > 0 ? static_cast<double>(s.n) : 1;
  s.mrr /= n;
  s.recall /= n;
  s.ndcg /= n;
  s.p50 = percentile(s.ms, 0.50);
  s.p95 = percentile(s.ms, 0.95);
  s.p99 = percentile(s.ms, 0.99);
  return s;
}

void add_unique(std::vector<std::string>& ids, std::string id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
}

nlohmann::json scores_json(const Scores& s) {
  return {{"system", s.system},   {"queries", s.queries}, {"n", s.n},          {"mrr10", s.mrr},
          {"recall10", s.recall}, {"ndcg10", s.ndcg},     {"p50_ms", s.p50},   {"p95_ms", s.p95},
          {"p99_ms", s.p99},      {"empty", s.empty},     {"errors", s.errors}};
}

}  // namespace sotay::bench
