#include "shard_build.h"

#include <sys/resource.h>

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>

#include "compact_twice.h"
#include "index_contract.h"
#include "parallel.h"
#include "term_indexer.h"

namespace sotay {

namespace fs = std::filesystem;
namespace c = contract;

namespace {

// Text per shard. Xapian's writer gets slower as its buffered changes and
// the database it flushes them into grow: on the 65k-article corpus (290 MB
// of text) shards of 1 MB merged by the compactor took 30 s, of 4 MB 34 s,
// of 16 MB 40 s, and one shard per thread 43 s. Each shard is one flush.
constexpr std::size_t SHARD_BYTES = 1 << 20;

// The compactor opens every shard at once: a few files each (index tables,
// version file), within the process's limit on open files.
std::size_t max_shards(unsigned jobs) {
  rlimit limit{};
  std::size_t files = 1024;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    files = static_cast<std::size_t>(limit.rlim_cur);
  }
  constexpr std::size_t FILES_PER_SHARD = 8, SPARE_FILES = 128;
  return std::max<std::size_t>(jobs,
                               files > SPARE_FILES ? (files - SPARE_FILES) / FILES_PER_SHARD : 1);
}

// [begin, end) runs of `docs` of about SHARD_BYTES of text each, at least
// `jobs` of them (when there are that many documents), at most max_shards().
std::vector<std::pair<std::size_t, std::size_t>> split_runs(const std::vector<Document>& docs,
                                                            unsigned jobs) {
  std::vector<std::size_t> weight(docs.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::size_t w = docs[i].meta.title.size() + 1;
    for (const Section& s : docs[i].sections) w += s.text.size() + s.title.size();
    weight[i] = w;
    total += w;
  }
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  const std::size_t wanted = std::max<std::size_t>(jobs, total / SHARD_BYTES + 1);
  const std::size_t parts =
      std::max<std::size_t>(1, std::min({docs.size(), wanted, max_shards(jobs)}));
  std::size_t begin = 0, seen = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    seen += weight[i];
    // Close run k once its share of the total is reached (the last run takes the rest).
    if (runs.size() + 1 < parts && seen * parts >= total * (runs.size() + 1)) {
      runs.emplace_back(begin, i + 1);
      begin = i + 1;
    }
  }
  if (begin < docs.size() || runs.empty()) runs.emplace_back(begin, docs.size());
  return runs;
}

void write_run(const fs::path& shard, const std::vector<Document>& docs, const FacetCodes& codes,
               std::size_t begin, std::size_t end) {
  // No fsync: a shard only lives until the compactor has read it.
  Xapian::WritableDatabase db(shard.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  Spellings spellings;
  for (std::size_t d = begin; d < end; ++d) {
    for (std::size_t i = 0; i < docs[d].sections.size(); ++i) {
      const Xapian::Document xdoc = make_section_document(docs[d], i, &codes);
      collect_spellings(xdoc, spellings);
      db.add_document(xdoc);
    }
  }
  for (const auto& [word, count] : spellings) db.add_spelling(word, count);
  db.commit();
  db.close();
}

}  // namespace

void collect_spellings(const Xapian::Document& xdoc, Spellings& spellings) {
  // Terms are sorted: the unprefixed folded syllables are the ones from "a" to
  // the end (prefixes are capitals, numbers start with a digit).
  auto t = xdoc.termlist_begin();
  for (t.skip_to("a"); t != xdoc.termlist_end(); ++t) {
    const std::string word = *t;
    if (word.size() < 2 ||
        word.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
      continue;
    ++spellings[word];
  }
}

bool write_sections_sharded(const fs::path& out_dir, const std::vector<Document>& docs,
                            const FacetCodes& codes, unsigned jobs,
                            const std::function<void(Xapian::WritableDatabase&)>& write_metadata,
                            const fs::path* copy_dir) {
  const auto runs = split_runs(docs, jobs);
  std::vector<fs::path> shards;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    shards.push_back(out_dir.string() + ".shard-" + std::to_string(k));
  }
  const fs::path meta = out_dir.string() + ".meta";
  auto remove_temporaries = [&] {
    std::error_code ec;
    for (const fs::path& s : shards) fs::remove_all(s, ec);
    fs::remove_all(meta, ec);
  };
  remove_temporaries();

  // The shards on `jobs` threads (parallel_for), the metadata meanwhile here.
  std::exception_ptr shard_error;
  std::thread shard_writer([&] {
    try {
      parallel_for(runs.size(), jobs, [&](std::size_t k) {
        write_run(shards[k], docs, codes, runs[k].first, runs[k].second);
      });
    } catch (...) {
      shard_error = std::current_exception();
    }
  });
  std::exception_ptr meta_error;
  try {
    Xapian::WritableDatabase db(meta.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    write_metadata(db);
    db.commit();
    db.close();
  } catch (...) {
    meta_error = std::current_exception();
  }
  shard_writer.join();
  bool copied = false;
  try {
    if (shard_error) std::rethrow_exception(shard_error);
    if (meta_error) std::rethrow_exception(meta_error);
    // The shards, in order, then the metadata.
    copied = compact_twice(
        [&] {
          Xapian::Database all;
          for (const fs::path& s : shards) all.add_database(Xapian::Database(s.string()));
          all.add_database(Xapian::Database(meta.string()));
          return all;
        },
        out_dir, copy_dir);
  } catch (...) {
    remove_temporaries();
    throw;
  }
  remove_temporaries();
  return copied;
}

}  // namespace sotay
