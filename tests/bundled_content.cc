#include "bundled_content.h"

#include <memory>

#include <doctest/doctest.h>

#include "edition.h"
#include "test_support.h"
#include "tokenizer.h"

namespace sotay::test {

namespace {

struct Bundled {
  TempDir tmp;
  std::unique_ptr<Searcher> searcher;

  Bundled() {
    const std::filesystem::path content = std::filesystem::path(SOTAY_SOURCE_DIR) / "content";
    const BuildReport report = build(content, tmp.path() / "index");
    REQUIRE(report.published);
    searcher = std::make_unique<Searcher>(
        Xapian::Database(current_edition(tmp.path() / "index")->string()));
  }
};

}  // namespace

Searcher& bundled_searcher() {
  static Bundled bundled;
  return *bundled.searcher;
}

std::vector<std::string> bundled_ids(const std::string& query, std::size_t limit) {
  SearchRequest r;
  r.query = query;
  r.group = true;
  r.limit = limit;
  std::vector<std::string> out;
  for (const DocumentHit& d : bundled_searcher().search(r).documents) out.push_back(d.best.id);
  return out;
}

std::string without_accents(const std::string& text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

}  // namespace sotay::test
