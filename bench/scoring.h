// Scoring a search system on queries with known answers (bench/README.md):
// MRR@10, Recall@10/@20/@50, nDCG@10 with binary relevance, and the latency
// of each query, in one thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus.h"

namespace sotay::bench {

inline constexpr std::size_t TOP = 10;
// Recall@20 and @50 (what a second stage could reach) ask for this many.
inline constexpr std::size_t DEEP = 50;

// A system under test: the ids of its top TOP hits for a query, best first.
using SearchFn = std::function<std::vector<std::string>(const std::string&)>;

struct Scores {
  std::string system, queries;
  std::size_t n = 0, errors = 0, empty = 0;  // failed queries, queries without hits
  std::vector<std::size_t> ranks;            // rank of the first relevant hit, 0: none
  std::vector<double> ms;                    // latency of each query, in query order
  // Per query, in query order: reciprocal rank, Recall@10/@20/@50, nDCG@10.
  std::vector<double> q_rr, q_r10, q_r20, q_r50, q_ndcg;
  std::vector<bool> q_empty;
  double mrr = 0, recall = 0, ndcg = 0, p50 = 0, p95 = 0, p99 = 0;
  double recall20 = 0, recall50 = 0;  // 0 unless a deep search was given
};

// The nearest-rank percentile `p` (0..1) of `v`; 0 when empty.
double percentile(std::vector<double> v, double p);

// Runs every query once through `search`, timing each call. A query that
// throws counts as an error (reported on stderr) with no hits. With `deep`
// (the same system asked for DEEP hits), each query also runs through it,
// untimed, for Recall@20 and Recall@50.
Scores evaluate(const std::vector<Query>& queries, const SearchFn& search,
                const SearchFn& deep = nullptr);

// The scores of the queries for which keep[i] is true (same order as the
// queries `s` was evaluated on); latency percentiles of those too.
Scores subset(const Scores& s, const std::vector<bool>& keep);

// The fixed held-out split: questions whose id ends in an odd hex digit
// (about half). Tuning looks only at the others.
bool held_out(const std::string& id);

// Appends `id` unless already there: ids in rank order, each once (several
// sections of one article share an id).
void add_unique(std::vector<std::string>& ids, std::string id);

// One row of a benchmark's --json output: system, queries, n, scores and
// latency percentiles, empty and errors.
nlohmann::json scores_json(const Scores& s);

}  // namespace sotay::bench
