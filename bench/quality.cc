// sotay-bench-quality: search quality of Sổ tay against stock Xapian on the
// Zalo legal questions over Bộ pháp điển (bench/README.md).
//
// Each question runs through Searcher::search (top 10 sections, ungrouped;
// one section per article, so a hit id is an article id) and, as a
// baseline, through Xapian::QueryParser on a stock index of the same
// articles (TermGenerator without stemmer over title and text). Scores:
// MRR@10, Recall@10, nDCG@10 (binary relevance), latency percentiles.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "edition.h"
#include "markdown.h"
#include "phapdien_import.h"
#include "searcher.h"

namespace sotay {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
constexpr std::size_t TOP = 10;

struct Query {
  std::string id, text;
  std::vector<std::string> relevant;
};

// Questions sorted by id (a fixed order), the first `limit` (0: all).
std::vector<Query> load_queries(const std::string& path, std::size_t limit) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::vector<Query> queries;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const json j = json::parse(line);
    queries.push_back({j.at("id").get<std::string>(), j.at("text").get<std::string>(),
                       j.at("relevant").get<std::vector<std::string>>()});
  }
  std::sort(queries.begin(), queries.end(),
            [](const Query& a, const Query& b) { return a.id < b.id; });
  if (limit > 0 && queries.size() > limit) queries.resize(limit);
  return queries;
}

struct Scores {
  std::string system, queries;
  std::size_t n = 0, errors = 0, empty = 0;  // failed queries, queries without hits
  std::vector<std::size_t> ranks;            // rank of the first relevant hit, 0: none
  double mrr = 0, recall = 0, ndcg = 0, p50 = 0, p95 = 0, p99 = 0;
};

using SearchFn = std::function<std::vector<std::string>(const std::string&)>;

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

Scores evaluate(const std::vector<Query>& queries, const SearchFn& search) {
  Scores s;
  std::vector<double> ms;
  for (const Query& q : queries) {
    std::vector<std::string> ranked;
    const auto start = Clock::now();
    try {
      ranked = search(q.text);
    } catch (const std::exception& e) {
      ++s.errors;
      std::fprintf(stderr, "query %s: %s\n", q.id.c_str(), e.what());
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
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
  s.p50 = percentile(ms, 0.50);
  s.p95 = percentile(ms, 0.95);
  s.p99 = percentile(ms, 0.99);
  return s;
}

// Ids in rank order, each once (several sections of one article share an id).
void add_unique(std::vector<std::string>& ids, std::string id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
}

SearchFn sotay_search(Searcher& searcher) {
  return [&searcher](const std::string& q) {
    SearchRequest request;
    request.query = q;
    request.limit = TOP;
    request.group = false;
    std::vector<std::string> ids;
    for (SectionHit& h : searcher.search(request).hits) add_unique(ids, std::move(h.id));
    return ids;
  };
}

SearchFn stock_search(Xapian::Database& db) {
  return [&db](const std::string& q) {
    Xapian::QueryParser parser;  // no stemmer, OP_OR
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
    std::vector<std::string> ids;
    const Xapian::MSet mset = enquire.get_mset(0, TOP);
    for (auto it = mset.begin(); it != mset.end(); ++it)
      add_unique(ids, it.get_document().get_data());
    return ids;
  };
}

// The stock baseline: one document per article, title and text, no stemmer.
void build_baseline(const std::string& corpus, const std::string& ids_file,
                    const std::string& out) {
  std::set<std::string> wanted;
  if (!ids_file.empty()) wanted = read_id_list(ids_file);
  Xapian::WritableDatabase db(out, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  std::size_t n = 0;
  read_gzip_lines(corpus, [&](std::size_t, std::string_view line) {
    PhapdienArticle a;
    if (!parse_phapdien_article(line, a).empty()) return true;
    if (!wanted.empty() && wanted.count(a.id) == 0) return true;
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(a.title);
    generator.increase_termpos();
    generator.index_text(a.text);
    doc.set_data(a.id);
    doc.add_boolean_term("Q" + a.id);
    db.replace_document("Q" + a.id, doc);
    ++n;
    return true;
  });
  db.commit();
  std::printf("baseline: %zu articles indexed into %s\n", n, out.c_str());
}

// The slice: answers of the first `nq` questions (by id) and every `every`th
// other article id in file order, up to `sample` of them.
void write_slice(const std::string& corpus, const std::string& queries, std::size_t nq,
                 std::size_t every, std::size_t sample, const std::string& out) {
  std::set<std::string> ids;
  for (const Query& q : load_queries(queries, nq)) ids.insert(q.relevant.begin(), q.relevant.end());
  const std::size_t answers = ids.size();
  std::size_t index = 0, taken = 0;
  read_gzip_lines(corpus, [&](std::size_t, std::string_view line) {
    PhapdienArticle a;
    if (!parse_phapdien_article(line, a).empty()) return true;
    if (index++ % every == 0 && ids.insert(a.id).second) ++taken;
    return taken < sample;
  });
  std::ofstream file(out);
  for (const std::string& id : ids) file << id << '\n';
  if (!file) throw std::runtime_error(out + ": cannot write");
  std::printf("slice: %zu answers of %zu questions + %zu sampled articles -> %s\n", answers, nq,
              taken, out.c_str());
}

void print_table(const std::vector<Scores>& rows) {
  std::printf("\n%-13s %-11s %5s %7s %9s %8s %8s %8s %8s %5s %6s\n", "system", "queries", "n",
              "MRR@10", "Recall@10", "nDCG@10", "p50 ms", "p95 ms", "p99 ms", "empty", "errors");
  for (const Scores& s : rows) {
    std::printf("%-13s %-11s %5zu %7.3f %9.3f %8.3f %8.1f %8.1f %8.1f %5zu %6zu\n",
                s.system.c_str(), s.queries.c_str(), s.n, s.mrr, s.recall, s.ndcg, s.p50, s.p95,
                s.p99, s.empty, s.errors);
  }
  std::printf("\n");
  for (std::size_t i = 0; i + 1 < rows.size(); i += 2) {
    if (rows[i].mrr > 0) {
      std::printf("%-13s no-accent/accent ratio: MRR@10 %.3f, Recall@10 %.3f\n",
                  rows[i].system.c_str(), rows[i + 1].mrr / rows[i].mrr,
                  rows[i + 1].recall / std::max(rows[i].recall, 1e-9));
    }
  }
  const auto mark = [](bool ok) { return ok ? "ok" : "MISS"; };
  const Scores& a = rows.at(0);
  std::printf("targets (sotay): accents MRR@10 >= 0.66 [%s], Recall@10 >= 0.87 [%s]",
              mark(a.mrr >= 0.66), mark(a.recall >= 0.87));
  if (rows.size() > 1 && rows[1].system == a.system) {
    const Scores& b = rows[1];
    std::printf("; no accents >= 0.90 x targets: MRR@10 >= 0.594 [%s], Recall@10 >= 0.783 [%s]",
                mark(b.mrr >= 0.594), mark(b.recall >= 0.783));
  }
  std::printf("\n");
}

int run(int argc, char** argv) {
  CLI::App app{"sotay-bench-quality: MRR@10, Recall@10, nDCG@10 of Sổ tay and stock Xapian"};
  std::string index, queries, queries2, baseline, json_out, corpus, ids, slice;
  std::size_t limit = 0, slice_queries = 200, slice_every = 13, slice_sample = 5000;
  bool build = false;
  app.add_option("--index", index, "Sổ tay index root (sotay-indexer build --index)");
  app.add_option("--queries", queries, "questions with accents (queries.jsonl)");
  app.add_option("--queries2", queries2, "the same questions without accents");
  app.add_option("--baseline-index", baseline, "stock Xapian index (the baseline row)");
  app.add_option("--limit-queries", limit, "only the first N questions, sorted by id");
  app.add_option("--json", json_out, "write the scores as JSON");
  app.add_flag("--build-baseline", build, "build --baseline-index from --corpus first");
  app.add_option("--corpus", corpus, "pháp điển corpus.jsonl.gz (--build-baseline, --write-slice)");
  app.add_option("--ids", ids, "only these article ids (--build-baseline)");
  app.add_option("--write-slice", slice, "write the slice's article ids to this file first");
  app.add_option("--slice-queries", slice_queries, "slice: answers of the first N questions")
      ->capture_default_str();
  app.add_option("--slice-every", slice_every, "slice: every Nth other article")
      ->capture_default_str();
  app.add_option("--slice-sample", slice_sample, "slice: this many other articles")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (!slice.empty()) write_slice(corpus, queries, slice_queries, slice_every, slice_sample, slice);
  if (build) build_baseline(corpus, ids, baseline);
  if (index.empty()) return 0;

  init_markdown();
  const auto edition = current_edition(index);
  if (!edition) throw std::runtime_error(index + ": no published edition");
  Searcher searcher{Xapian::Database(edition->string())};
  std::vector<std::pair<std::string, SearchFn>> systems{{"sotay", sotay_search(searcher)}};
  Xapian::Database stock;
  if (!baseline.empty()) {
    stock = Xapian::Database(baseline);
    systems.emplace_back("xapian-stock", stock_search(stock));
  }
  std::vector<std::pair<std::string, std::vector<Query>>> sets{
      {"accents", load_queries(queries, limit)}};
  if (!queries2.empty()) sets.emplace_back("no accents", load_queries(queries2, limit));

  std::vector<Scores> rows;
  for (const auto& [name, fn] : systems) {
    evaluate(sets.front().second, fn);  // warm-up: latency is measured on warm caches
    for (const auto& [set_name, qs] : sets) {
      const auto start = Clock::now();
      Scores s = evaluate(qs, fn);
      s.system = name;
      s.queries = set_name;
      std::fprintf(stderr, "%s, %s: %zu questions in %.1f s\n", name.c_str(), set_name.c_str(),
                   qs.size(), std::chrono::duration<double>(Clock::now() - start).count());
      rows.push_back(std::move(s));
    }
  }
  print_table(rows);
  if (!json_out.empty()) {
    // first_relevant_rank[i] is for query_ids[i] (questions sorted by id).
    json j = {{"query_ids", json::array()}, {"results", json::array()}};
    for (const Query& q : sets.front().second) j["query_ids"].push_back(q.id);
    for (const Scores& s : rows) {
      j["results"].push_back({{"system", s.system},
                              {"queries", s.queries},
                              {"n", s.n},
                              {"mrr10", s.mrr},
                              {"recall10", s.recall},
                              {"ndcg10", s.ndcg},
                              {"p50_ms", s.p50},
                              {"p95_ms", s.p95},
                              {"p99_ms", s.p99},
                              {"empty", s.empty},
                              {"errors", s.errors},
                              {"first_relevant_rank", s.ranks}});
    }
    std::ofstream(json_out) << j.dump(2) << '\n';
  }
  return 0;
}

}  // namespace
}  // namespace sotay

int main(int argc, char** argv) {
  try {
    return sotay::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sotay-bench-quality: %s\n", e.what());
    return 2;
  }
}
