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

namespace {

double recall_at(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                 std::size_t k) {
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) found += relevant.count(ranked[i]);
  return relevant.empty() ? 0 : static_cast<double>(found) / static_cast<double>(relevant.size());
}

std::vector<std::string> run_query(const Query& q, const SearchFn& search, Scores& s) {
  try {
    return search(q.text);
  } catch (const std::exception& e) {
    ++s.errors;
    std::fprintf(stderr, "query %s: %s\n", q.id.c_str(), e.what());
  }
  return {};
}

// The averages and percentiles from the per-query figures.
void summarise(Scores& s) {
  const auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (const double x : v) sum += x;
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
  };
  s.n = s.q_rr.size();
  s.mrr = mean(s.q_rr);
  s.recall = mean(s.q_r10);
  s.recall20 = mean(s.q_r20);
  s.recall50 = mean(s.q_r50);
  s.ndcg = mean(s.q_ndcg);
  s.p50 = percentile(s.ms, 0.50);
  s.p95 = percentile(s.ms, 0.95);
  s.p99 = percentile(s.ms, 0.99);
}

}  // namespace

Scores evaluate(const std::vector<Query>& queries, const SearchFn& search, const SearchFn& deep) {
  using Clock = std::chrono::steady_clock;
  Scores s;
  for (const Query& q : queries) {
    const auto start = Clock::now();
    const std::vector<std::string> ranked = run_query(q, search, s);
    s.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (ranked.empty()) ++s.empty;
    s.q_empty.push_back(ranked.empty());
    const std::set<std::string> relevant(q.relevant.begin(), q.relevant.end());
    double rr = 0, dcg = 0, idcg = 0;
    for (std::size_t i = 0; i < ranked.size() && i < TOP; ++i) {
      if (relevant.count(ranked[i]) == 0) continue;
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
    s.q_rr.push_back(rr);
    s.q_r10.push_back(recall_at(ranked, relevant, TOP));
    s.q_ndcg.push_back(idcg > 0 ? dcg / idcg : 0);
    if (deep) {
      Scores ignored;
      const std::vector<std::string> more = run_query(q, deep, ignored);
      s.q_r20.push_back(recall_at(more, relevant, 20));
      s.q_r50.push_back(recall_at(more, relevant, DEEP));
    }
  }
  summarise(s);
  return s;
}

Scores subset(const Scores& s, const std::vector<bool>& keep) {
  Scores out;
  out.system = s.system;
  out.queries = s.queries;
  for (std::size_t i = 0; i < s.q_rr.size() && i < keep.size(); ++i) {
    if (!keep[i]) continue;
    out.ranks.push_back(s.ranks[i]);
    out.empty += s.q_empty[i] ? 1 : 0;
    out.ms.push_back(s.ms[i]);
    out.q_rr.push_back(s.q_rr[i]);
    out.q_r10.push_back(s.q_r10[i]);
    out.q_ndcg.push_back(s.q_ndcg[i]);
    if (i < s.q_r20.size()) out.q_r20.push_back(s.q_r20[i]);
    if (i < s.q_r50.size()) out.q_r50.push_back(s.q_r50[i]);
  }
  summarise(out);
  return out;
}

bool held_out(const std::string& id) {
  if (id.empty()) return false;
  const char last = id.back();
  const int digit = last >= '0' && last <= '9' ? last - '0' : (last | 0x20) - 'a' + 10;
  return digit % 2 == 1;
}

void add_unique(std::vector<std::string>& ids, std::string id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
}

nlohmann::json scores_json(const Scores& s) {
  return {{"system", s.system},     {"queries", s.queries}, {"n", s.n},
          {"mrr10", s.mrr},         {"recall10", s.recall}, {"recall20", s.recall20},
          {"recall50", s.recall50}, {"ndcg10", s.ndcg},     {"p50_ms", s.p50},
          {"p95_ms", s.p95},        {"p99_ms", s.p99},      {"empty", s.empty},
          {"errors", s.errors}};
}

}  // namespace sotay::bench
