// The benchmark data shared by the benchmarks (bench/README.md): the articles
// of Bộ pháp điển (gzip JSONL) and the Zalo legal questions (JSONL).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "phapdien_import.h"

namespace sotay::bench {

// Calls `f` for every article of `corpus` that parses, in file order, until
// it returns false; when `ids_file` is not empty, only for the ids it lists
// (one per line). Lines that do not parse are skipped (the importer reports
// them). Returns the number of calls. Throws std::runtime_error when a file
// cannot be read.
std::size_t for_each_article(const std::string& corpus, const std::string& ids_file,
                             const std::function<bool(const PhapdienArticle&)>& f);

// One question (or keyword query) and the ids of the articles that answer it.
struct Query {
  std::string id, text;
  std::vector<std::string> relevant;
};

// Queries of a JSONL file ({"id", "text", "relevant": [ids]} per line),
// sorted by id (a fixed order), the first `limit` (0: all). Throws
// std::runtime_error when the file cannot be read, with path:line when a
// line is not such an object.
std::vector<Query> load_queries(const std::string& path, std::size_t limit);

}  // namespace sotay::bench
