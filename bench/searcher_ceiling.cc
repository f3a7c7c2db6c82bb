// The in-process ceiling of /api/search (bench/run-http.sh): the Searcher
// calls the server makes for each request (Searcher::search as
// Handlers::api_search asks it, with facets, and relation_facet_json()),
// on the same URL-encoded queries, with `--threads` threads (as many as
// cores), each with its own Searcher on the current edition as the server's
// workers have, for `--seconds`. No HTTP, no JSON of the answer: what
// sotay-server could reach if HTTP cost nothing.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "bench_main.h"
#include "edition.h"
#include "relation_facet_view.h"
#include "searcher.h"
#include "url.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(sotay::percent_decode(line, true));
  }
  if (out.empty()) throw std::runtime_error("no queries in " + path);
  return out;
}

int run(int argc, char** argv) {
  CLI::App app{"In-process throughput of the Searcher calls behind /api/search"};
  std::string index, queries_file;
  std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  double seconds = 10;
  bool facets = true;
  bool related = true;
  app.add_option("--index", index, "Index root (sotay-indexer build --index)")->required();
  app.add_option("--queries", queries_file, "URL-encoded queries, one per line")->required();
  app.add_option("--threads", threads, "Threads (default: cores)");
  app.add_option("--seconds", seconds, "Duration");
  app.add_option("--facets", facets, "Count facets (as /api/search)");
  app.add_option("--related", related, "Look for related documents (as /api/search)");
  CLI11_PARSE(app, argc, argv);

  const auto edition = sotay::current_edition(index);
  if (!edition) throw std::runtime_error("no edition in " + index);
  const std::vector<std::string> queries = read_queries(queries_file);
  // One warm-up pass, as run-http.sh warms the server.
  {
    sotay::Searcher warm{Xapian::Database(edition->string())};
    for (const std::string& q : queries) {
      sotay::SearchRequest r;
      r.query = q;
      r.facets = facets;
      warm.search(r);
    }
  }
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Xapian::Database db(edition->string());
      sotay::Searcher searcher(db);
      for (std::size_t i = t * 7; !stop.load(std::memory_order_relaxed); ++i) {
        sotay::SearchRequest r;
        r.query = queries[i % queries.size()];
        r.facets = facets;
        try {
          searcher.search(r);
          if (related) sotay::relation_facet_json(db, r.query);
        } catch (const sotay::QueryError&) {
        }
        done.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  const auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("RESULT rps=%.1f threads=%zu queries=%zu requests=%zu\n", done / elapsed, threads,
              queries.size(), done.load());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sotay::bench::guarded_main("sotay-bench-searcher-ceiling", run, argc, argv);
}
