// sotay-bench-peers: Sổ tay beside what people would use instead — stock
// Xapian and SQLite FTS5 — on the same articles and queries (bench/README.md).
//
//   --build-fts5      an FTS5 table of the articles (unicode61, diacritics
//                     removed), in one transaction; prints articles/s
//   --write-keywords  short keyword queries (2–4 syllables) cut from the title
//                     of each question's first relevant article, with and
//                     without accents, so each has a known answer
//   --latency         in-process latency p50/p95/p99 and MRR@10/Recall@10 of
//                     the three systems on questions and keyword queries
//
// bench/run-peers.sh runs the indexers one after another under
// /usr/bin/time -v, then the latency benchmark.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>
#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bench_main.h"
#include "corpus.h"
#include "edition.h"
#include "markdown.h"
#include "scoring.h"
#include "searcher.h"
#include "systems.h"
#include "tokenizer.h"
#include "vietnamese.h"

namespace sotay {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using bench::Query;
using bench::Scores;
using bench::SearchFn;
namespace fs = std::filesystem;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- SQLite

struct SqliteClose {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct SqliteFinalize {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteClose>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, SqliteFinalize>;

SqliteDb open_sqlite(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error(path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  return db;
}

void sqlite_exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw std::runtime_error("sqlite: " + error + " (in: " + sql + ")");
  }
}

SqliteStmt sqlite_prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db)) + " (in: " + sql + ")");
  }
  return SqliteStmt(raw);
}

void bind_text(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

// The FTS5 baseline: one row per article, the id stored but not indexed,
// title and text tokenized by unicode61 with diacritics removed (đ stays đ).
void build_fts5(const std::string& corpus, const std::string& ids_file, const std::string& out) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(out + suffix);
  const auto start = Clock::now();
  SqliteDb db = open_sqlite(out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite_exec(db.get(),
              "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, text, "
              "tokenize = 'unicode61 remove_diacritics 2')");
  sqlite_exec(db.get(), "BEGIN");
  SqliteStmt insert =
      sqlite_prepare(db.get(), "INSERT INTO articles(id, title, text) VALUES (?, ?, ?)");
  Clock::duration in_sqlite{};  // inserting and committing, without reading the corpus
  const std::size_t n = bench::for_each_article(corpus, ids_file, [&](const PhapdienArticle& a) {
    const auto t0 = Clock::now();
    bind_text(insert.get(), 1, a.id);
    bind_text(insert.get(), 2, a.title);
    bind_text(insert.get(), 3, a.text);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) {
      throw std::runtime_error(out + ": " + sqlite3_errmsg(db.get()) + " (article " + a.id + ")");
    }
    sqlite3_reset(insert.get());
    in_sqlite += Clock::now() - t0;
    return true;
  });
  insert.reset();
  const auto t0 = Clock::now();
  sqlite_exec(db.get(), "COMMIT");
  in_sqlite += Clock::now() - t0;
  db.reset();
  const double total = seconds_since(start);
  const double sqlite_s = std::chrono::duration<double>(in_sqlite).count();
  std::printf(
      "fts5: %zu articles indexed into %s in %.1f s (%.0f articles/s; inserts and commit %.1f s, "
      "%.0f articles/s)\n",
      n, out.c_str(), total, static_cast<double>(n) / std::max(total, 1e-9), sqlite_s,
      static_cast<double>(n) / std::max(sqlite_s, 1e-9));
}

// A MATCH expression for FTS5: every token of `text` (the project's
// tokenizer, so punctuation never reaches FTS5) as a quoted string, "" inside
// doubled, joined by OR (`any`) or by FTS5's implicit AND. A token that
// unicode61 reads as no token at all is an empty phrase, which FTS5 ignores.
std::string fts5_match(std::string_view text, bool any) {
  std::string out;
  for (const Token& token : tokenize(text)) {
    if (!out.empty()) out += any ? " OR " : " ";
    out += '"';
    for (char c : text.substr(token.begin, token.end - token.begin)) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

SearchFn fts5_search(sqlite3* db, sqlite3_stmt* stmt, bool any) {
  return [db, stmt, any](const std::string& q) {
    std::vector<std::string> ids;
    const std::string match = fts5_match(q, any);
    if (match.empty()) return ids;
    sqlite3_reset(stmt);
    bind_text(stmt, 1, match);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      bench::add_unique(ids, id ? id : "");
    }
    if (rc != SQLITE_DONE) {
      const std::string error = sqlite3_errmsg(db);
      sqlite3_reset(stmt);
      throw std::runtime_error("fts5: " + error + " (MATCH " + match + ")");
    }
    sqlite3_reset(stmt);
    return ids;
  };
}

// ---- Keyword queries

// "Điều 36.3.LQ.1. Thanh niên" -> "Thanh niên": the heading without the
// article number.
std::string_view article_heading(std::string_view title) {
  constexpr std::string_view prefix = "Điều ";
  if (title.starts_with(prefix)) {
    const auto space = title.find(' ', prefix.size());
    if (space != std::string_view::npos) return title.substr(space + 1);
  }
  return title;
}

// A syllable (or a word of letters): its folded form is a–z only.
bool is_syllable(const Token& token) {
  return !token.folded.empty() && std::all_of(token.folded.begin(), token.folded.end(),
                                              [](char c) { return c >= 'a' && c <= 'z'; });
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

struct Keyword {
  std::string accents, folded;
};

// Function words that make a poor first or last word of a keyword query
// ("quy định về", "của doanh nghiệp"): exact forms.
bool is_function_word(std::string_view exact) {
  static const std::set<std::string_view> words{
      "các", "cho", "có",  "của", "do",    "đến", "để",   "đó",    "đối", "được", "hoặc", "khi",
      "là",  "một", "này", "như", "những", "tại", "theo", "trong", "từ",  "và",   "về",   "với"};
  return words.count(exact) > 0;
}

// A window of 2–4 consecutive syllables of `heading`, with no digits or
// clause punctuation inside, preferably not starting or ending with a
// function word. The length (2, 3 or 4) and the window are drawn from a
// generator seeded with `seed`; when no window of that length exists a
// shorter one is taken. Empty when the heading has no two adjacent syllables.
Keyword keyword_window(std::string_view heading, std::uint64_t seed) {
  const std::vector<Token> tokens = tokenize(heading);
  std::mt19937_64 rng(seed);
  const std::size_t drawn = 2 + rng() % 3;
  for (const bool strict : {true, false}) {
    for (std::size_t length = drawn; length >= 2; --length) {
      std::vector<std::size_t> starts;  // windows tokens[i, i + length)
      for (std::size_t i = 0; i + length <= tokens.size(); ++i) {
        bool ok = !strict || (!is_function_word(tokens[i].exact) &&
                              !is_function_word(tokens[i + length - 1].exact));
        for (std::size_t j = i; j < i + length && ok; ++j)
          ok = is_syllable(tokens[j]) && (j == i || !tokens[j].clause_start);
        if (ok) starts.push_back(i);
      }
      if (starts.empty()) continue;
      const std::size_t first = starts[rng() % starts.size()];
      const std::size_t last = first + length - 1;
      Keyword k;
      k.accents =
          std::string(heading.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
      for (std::size_t j = first; j <= last; ++j) {
        if (!k.folded.empty()) k.folded += ' ';
        k.folded += folded_form(tokens[j].exact);
      }
      return k;
    }
  }
  return {};
}

// One keyword query per question (id = the question's id), cut from the title
// of its first relevant article, which is its known answer.
void write_keywords(const std::string& corpus, const std::string& queries, std::size_t limit,
                    const std::string& out, const std::string& out_folded) {
  const std::vector<Query> questions = bench::load_queries(queries, limit);
  std::map<std::string, std::string> titles;  // article id -> title
  for (const Query& q : questions)
    if (!q.relevant.empty()) titles.emplace(q.relevant.front(), std::string());
  std::size_t found = 0;
  bench::for_each_article(corpus, "", [&](const PhapdienArticle& a) {
    const auto it = titles.find(a.id);
    if (it != titles.end() && it->second.empty()) {
      it->second = a.title;
      ++found;
    }
    return found < titles.size();
  });
  std::ofstream file(out), file_folded(out_folded);
  std::size_t written = 0, skipped = 0;
  for (const Query& q : questions) {
    const std::string title = q.relevant.empty() ? std::string() : titles[q.relevant.front()];
    const Keyword k = keyword_window(article_heading(title), fnv1a(q.id));
    if (k.accents.empty()) {
      ++skipped;
      std::fprintf(stderr, "keywords: question %s skipped: no two adjacent syllables in \"%s\"\n",
                   q.id.c_str(), title.c_str());
      continue;
    }
    const json relevant = json::array({q.relevant.front()});
    file << json{{"id", q.id}, {"text", k.accents}, {"relevant", relevant}, {"title", title}}.dump()
         << '\n';
    file_folded
        << json{{"id", q.id}, {"text", k.folded}, {"relevant", relevant}, {"title", title}}.dump()
        << '\n';
    ++written;
  }
  if (!file) throw std::runtime_error(out + ": cannot write");
  if (!file_folded) throw std::runtime_error(out_folded + ": cannot write");
  std::printf("keywords: %zu queries from %zu questions (%zu skipped) -> %s, %s\n", written,
              questions.size(), skipped, out.c_str(), out_folded.c_str());
}

// ---- Latency

struct QuerySet {
  std::string name;
  std::vector<Query> queries;
  bool keywords = false;  // FTS5: implicit AND of the tokens; questions: OR
};

struct System {
  std::string name;
  SearchFn questions, keywords;
};

// One warm-up pass over every set, then `passes` timed passes; the scores are
// those of the first timed pass, the latencies those of all timed passes.
std::vector<Scores> run_system(const System& system, const std::vector<QuerySet>& sets,
                               std::size_t passes) {
  const auto fn = [&](const QuerySet& set) -> const SearchFn& {
    return set.keywords ? system.keywords : system.questions;
  };
  for (const QuerySet& set : sets) bench::evaluate(set.queries, fn(set));
  std::vector<Scores> rows;
  for (const QuerySet& set : sets) {
    const auto start = Clock::now();
    Scores s = bench::evaluate(set.queries, fn(set));
    for (std::size_t pass = 1; pass < passes; ++pass) {
      const Scores again = bench::evaluate(set.queries, fn(set));
      s.ms.insert(s.ms.end(), again.ms.begin(), again.ms.end());
    }
    s.p50 = bench::percentile(s.ms, 0.50);
    s.p95 = bench::percentile(s.ms, 0.95);
    s.p99 = bench::percentile(s.ms, 0.99);
    s.system = system.name;
    s.queries = set.name;
    std::fprintf(stderr, "%s, %s: %zu queries x %zu passes in %.1f s\n", system.name.c_str(),
                 set.name.c_str(), set.queries.size(), passes, seconds_since(start));
    rows.push_back(std::move(s));
  }
  return rows;
}

const Scores* find_row(const std::vector<Scores>& rows, const std::string& system,
                       const std::string& queries) {
  for (const Scores& s : rows)
    if (s.system == system && s.queries == queries) return &s;
  return nullptr;
}

void print_table(const std::vector<Scores>& rows, const std::vector<QuerySet>& sets,
                 const std::vector<System>& systems) {
  std::printf("\n%-13s %-18s %5s %7s %9s %8s %8s %8s %5s %6s\n", "system", "queries", "n", "MRR@10",
              "Recall@10", "p50 ms", "p95 ms", "p99 ms", "empty", "errors");
  for (const QuerySet& set : sets) {
    for (const System& system : systems) {
      const Scores* s = find_row(rows, system.name, set.name);
      if (s == nullptr) continue;
      std::printf("%-13s %-18s %5zu %7.3f %9.3f %8.2f %8.2f %8.2f %5zu %6zu\n", s->system.c_str(),
                  s->queries.c_str(), s->n, s->mrr, s->recall, s->p50, s->p95, s->p99, s->empty,
                  s->errors);
    }
  }
  std::printf("\n");
  const auto mark = [](bool ok) { return ok ? "ok" : "MISS"; };
  for (const QuerySet& set : sets) {
    const Scores* own = find_row(rows, "sotay", set.name);
    const std::string peer = set.keywords ? "fts5" : "xapian-stock";
    const Scores* other = find_row(rows, peer, set.name);
    if (own == nullptr || other == nullptr) continue;
    if (set.keywords) {
      std::printf(
          "target %-18s sotay as fast as fts5: p50 %.2f vs %.2f [%s], p95 %.2f vs %.2f [%s]\n",
          set.name.c_str(), own->p50, other->p50, mark(own->p50 <= other->p50), own->p95,
          other->p95, mark(own->p95 <= other->p95));
    } else {
      std::printf("target %-18s sotay p95 <= xapian-stock p95: %.2f vs %.2f [%s]\n",
                  set.name.c_str(), own->p95, other->p95, mark(own->p95 <= other->p95));
    }
  }
}

void write_json(const std::string& path, const std::vector<Scores>& rows, std::size_t passes) {
  json j = {{"passes", passes}, {"results", json::array()}};
  for (const Scores& s : rows) j["results"].push_back(bench::scores_json(s));
  std::ofstream file(path);
  file << j.dump(2) << '\n';
  if (!file) throw std::runtime_error(path + ": cannot write");
}

void require(bool ok, const std::string& message) {
  if (!ok) throw std::runtime_error(message);
}

int run(int argc, char** argv) {
  CLI::App app{"sotay-bench-peers: Sổ tay beside stock Xapian and SQLite FTS5"};
  std::string corpus, ids, fts5, index, baseline, queries, queries2, keywords, keywords2, json_out;
  std::size_t limit = 0, passes = 1;
  bool build = false, write = false, latency = false;
  app.add_flag("--build-fts5", build, "build the FTS5 table --fts5 from --corpus [--ids]");
  app.add_flag("--write-keywords", write,
               "write keyword queries to --keywords and --keywords2 from --corpus and --queries");
  app.add_flag("--latency", latency, "measure latency and scores of the three systems");
  app.add_option("--corpus", corpus, "pháp điển corpus.jsonl.gz");
  app.add_option("--ids", ids, "only these article ids (--build-fts5)");
  app.add_option("--fts5", fts5, "SQLite database of the FTS5 baseline");
  app.add_option("--index", index, "Sổ tay index root (sotay-indexer build --index)");
  app.add_option("--baseline-index", baseline, "stock Xapian index (sotay-bench-quality)");
  app.add_option("--queries", queries, "questions with accents (queries.jsonl)");
  app.add_option("--queries2", queries2, "the same questions without accents");
  app.add_option("--keywords", keywords, "keyword queries with accents (JSONL)");
  app.add_option("--keywords2", keywords2, "the same keyword queries without accents");
  app.add_option("--limit-queries", limit, "only the first N questions, sorted by id");
  app.add_option("--passes", passes, "timed passes over each query set (after one warm-up)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  app.add_option("--json", json_out, "write the latency table as JSON");
  CLI11_PARSE(app, argc, argv);
  require(build || write || latency,
          "nothing to do: give --build-fts5, --write-keywords or --latency");

  if (build) {
    require(!corpus.empty() && !fts5.empty(), "--build-fts5 needs --corpus and --fts5");
    build_fts5(corpus, ids, fts5);
  }
  if (write) {
    require(!corpus.empty() && !queries.empty() && !keywords.empty() && !keywords2.empty(),
            "--write-keywords needs --corpus, --queries, --keywords and --keywords2");
    write_keywords(corpus, queries, limit, keywords, keywords2);
  }
  if (!latency) return 0;
  require(!index.empty() && !queries.empty(), "--latency needs --index and --queries");

  std::vector<QuerySet> sets{{"questions", bench::load_queries(queries, limit), false}};
  if (!queries2.empty())
    sets.push_back({"questions no-acc", bench::load_queries(queries2, limit), false});
  // The keyword files are the fixed set --write-keywords made (already limited).
  if (!keywords.empty()) sets.push_back({"keywords", bench::load_queries(keywords, 0), true});
  if (!keywords2.empty())
    sets.push_back({"keywords no-acc", bench::load_queries(keywords2, 0), true});

  init_markdown();
  const auto edition = current_edition(index);
  require(edition.has_value(), index + ": no published edition");
  Searcher searcher{Xapian::Database(edition->string())};
  const SearchFn own = bench::sotay_search(searcher);
  std::vector<System> systems{{"sotay", own, own}};
  Xapian::Database stock;
  if (!baseline.empty()) {
    stock = Xapian::Database(baseline);
    const SearchFn fn = bench::stock_search(stock);
    systems.push_back({"xapian-stock", fn, fn});
  }
  SqliteDb fts5_db;
  SqliteStmt fts5_query;
  if (!fts5.empty()) {
    require(fs::is_regular_file(fts5), fts5 + ": not found (--build-fts5 first)");
    fts5_db = open_sqlite(fts5, SQLITE_OPEN_READONLY);
    fts5_query = sqlite_prepare(
        fts5_db.get(),
        "SELECT id FROM articles WHERE articles MATCH ? ORDER BY bm25(articles) LIMIT " +
            std::to_string(bench::TOP));
    systems.push_back({"fts5", fts5_search(fts5_db.get(), fts5_query.get(), true),
                       fts5_search(fts5_db.get(), fts5_query.get(), false)});
  }

  std::vector<Scores> rows;
  for (const System& system : systems) {
    std::vector<Scores> r = run_system(system, sets, passes);
    rows.insert(rows.end(), r.begin(), r.end());
  }
  print_table(rows, sets, systems);
  if (!json_out.empty()) write_json(json_out, rows, passes);
  return 0;
}

}  // namespace
}  // namespace sotay

int main(int argc, char** argv) {
  return sotay::bench::guarded_main("sotay-bench-peers", sotay::run, argc, argv);
}
