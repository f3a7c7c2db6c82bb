// sotay-bench-update: how long one changed document takes to become
// searchable in a large edition (bench/README.md), beside stock Xapian's
// floor for the same change (replace_document + commit + reopen).
//
// Each run appends a paragraph with a word found nowhere else to one content
// file, then times, from just before the build to the first search that
// finds the word (and, for Sổ tay, until the command returns: it goes on
// to prepare the spare for the next change, quick_publish.h):
//   - sotay: `sotay-indexer build` (an incremental build, a new edition, the
//     switch; run as a process, as editors run it, and so that the edition's
//     builder identity matches) and a Searcher on the new edition;
//   - xapian-stock: TermGenerator over the file's title and text plus the
//     word, replace_document("Q<id>") and commit on the stock baseline, and
//     a reopened Database.
// The file is restored and the edition rebuilt (untimed) at the end.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "bench_main.h"
#include "content_loader.h"
#include "edition.h"
#include "files.h"
#include "markdown.h"
#include "searcher.h"

namespace sotay {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void write_text(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out.flush()) throw std::runtime_error(path.string() + ": cannot write");
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs `indexer build` on content and index; throws when it fails.
void run_indexer(const std::string& indexer, const std::string& content, const std::string& index,
                 const std::string& log) {
  const std::string command = "'" + indexer + "' build --content '" + content + "' --index '" +
                              index + "' >>'" + log + "' 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error(command + " failed (see " + log + ")");
  }
}

bool sotay_finds(const fs::path& index, const std::string& word) {
  const auto edition = current_edition(index);
  if (!edition) return false;
  Searcher searcher{Xapian::Database(edition->string())};
  SearchRequest r;
  r.query = word;
  r.limit = 1;
  return !searcher.search(r).hits.empty();
}

bool stock_finds(const std::string& baseline, const std::string& word) {
  Xapian::Database db(baseline);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(word));
  return enquire.get_mset(0, 1).size() == 1;
}

struct Row {
  std::string system;
  std::vector<double> seconds;   // until searchable
  std::vector<double> finished;  // until the command returned
  std::string note;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct UpdateOptions {
  std::string content, index, baseline, file, indexer = "sotay-indexer", log = "/dev/null";
  std::size_t runs = 3;
};

// Sổ tay: the build, run while `current` is polled until an edition that
// finds `word` is switched in (when the server would see it), and until the
// command returns (it goes on to prepare the next spare).
void time_sotay(const UpdateOptions& o, const std::string& word, Row& row) {
  const auto before = current_edition(o.index);
  const auto t0 = Clock::now();
  std::exception_ptr failed;
  std::atomic<bool> build_done{false};
  std::thread build([&] {
    try {
      run_indexer(o.indexer, o.content, o.index, o.log);
    } catch (...) {
      failed = std::current_exception();
    }
    build_done = true;
  });
  double searchable = -1;
  for (;;) {
    const bool done = build_done.load();
    const auto now = current_edition(o.index);
    if (now && now != before && sotay_finds(o.index, word)) {
      searchable = seconds_since(t0);
      break;
    }
    if (done) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  build.join();
  const double finished = seconds_since(t0);
  if (failed) std::rethrow_exception(failed);
  if (searchable < 0) throw std::runtime_error("sotay: the changed document is not found");
  row.seconds.push_back(searchable);
  row.finished.push_back(finished);
  row.note = "sotay-indexer build (its report: " + o.log + ")";
}

// Stock Xapian: the document reindexed with `word`, replaced, committed, and
// found by a reopened database.
void time_stock(const std::string& baseline, const Document& doc, const std::string& id,
                const std::string& word, Row& row) {
  const auto t0 = Clock::now();
  {
    Xapian::WritableDatabase db(baseline, Xapian::DB_OPEN);
    Xapian::TermGenerator generator;
    Xapian::Document xdoc;
    generator.set_document(xdoc);
    generator.index_text(doc.meta.title);
    generator.increase_termpos();
    for (const Section& s : doc.sections) generator.index_text(s.text);
    generator.index_text(word);
    xdoc.set_data(id);
    xdoc.add_boolean_term("Q" + id);
    db.replace_document("Q" + id, xdoc);
    db.commit();
  }
  const bool found = stock_finds(baseline, word);
  row.seconds.push_back(seconds_since(t0));
  if (!found) throw std::runtime_error("xapian-stock: the changed document is not found");
  row.note = "replace_document + commit + reopen";
}

void print_rows(const Row& sotay, const Row& stock) {
  std::printf("%-13s %5s %9s %9s %9s %10s  %s\n", "system", "runs", "median s", "min s", "max s",
              "command s", "what ran");
  for (const Row& row : {sotay, stock}) {
    if (row.seconds.empty()) continue;
    const auto [lo, hi] = std::minmax_element(row.seconds.begin(), row.seconds.end());
    std::printf("%-13s %5zu %9.3f %9.3f %9.3f %10.3f  %s\n", row.system.c_str(), row.seconds.size(),
                median(row.seconds), *lo, *hi,
                row.finished.empty() ? median(row.seconds) : median(row.finished),
                row.note.c_str());
  }
  const double m = median(sotay.seconds);
  std::printf("target: one document searchable in < 1 s: median %.3f s [%s]\n", m,
              m < 1.0 ? "ok" : "MISS");
}

int run(int argc, char** argv) {
  CLI::App app{"sotay-bench-update: one changed document until searchable, beside stock Xapian"};
  UpdateOptions o;
  app.add_option("--content", o.content, "content directory of the edition")->required();
  app.add_option("--index", o.index, "Sổ tay index root built from --content")->required();
  app.add_option("--baseline-index", o.baseline, "stock Xapian index (sotay-bench-quality)");
  app.add_option("--file", o.file, "the content file to change, relative to --content")->required();
  app.add_option("--runs", o.runs, "changes timed")->check(CLI::Range(1, 100));
  app.add_option("--indexer", o.indexer, "the sotay-indexer executable")->capture_default_str();
  app.add_option("--log", o.log, "where the indexer's output goes")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  init_markdown();
  const fs::path path = fs::path(o.content) / o.file;
  const std::string original = read_file(path);
  std::vector<ContentError> errors;
  const auto doc = load_document(o.file, original, errors);
  if (!doc) throw std::runtime_error(o.file + ": not a valid content file");
  const std::string id = fs::path(o.file).stem().string();

  Row sotay{"sotay", {}, {}, {}};
  Row stock{"xapian-stock", {}, {}, {}};
  try {
    for (std::size_t r = 0; r < o.runs; ++r) {
      const std::string word = "capnhatthu" + std::to_string(r) + "x" +
                               std::to_string(Clock::now().time_since_epoch().count() % 100000);
      write_text(path, original + "\nĐoạn kiểm tra " + word + ".\n");
      time_sotay(o, word, sotay);
      if (!o.baseline.empty()) time_stock(o.baseline, *doc, id, word, stock);
    }
  } catch (...) {
    write_text(path, original);
    throw;
  }
  write_text(path, original);
  run_indexer(o.indexer, o.content, o.index, o.log);  // leave the edition as the content is
  print_rows(sotay, stock);
  return 0;
}

}  // namespace
}  // namespace sotay

int main(int argc, char** argv) {
  return sotay::bench::guarded_main("sotay-bench-update", sotay::run, argc, argv);
}
