// An edition of the handbook's own content/ (the bundled documents), built
// once per test run in a temp dir, for tests of search on real documents.
#pragma once

#include <string>
#include <vector>

#include "searcher.h"

namespace sotay::test {

// The Searcher of the bundled content's edition (built on first use).
Searcher& bundled_searcher();

// Document ids of `query` in rank order, grouped by document.
std::vector<std::string> bundled_ids(const std::string& query, std::size_t limit = 10);

// `text` without accents: each syllable in its folded form ("hồ sơ" -> "ho so").
std::string without_accents(const std::string& text);

}  // namespace sotay::test
