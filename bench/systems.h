// The systems the benchmarks compare, as SearchFn (scoring.h): Sổ tay's
// Searcher and stock Xapian. Each holds a reference to its database or
// searcher, which must outlive it, and throws Xapian errors as
// std::runtime_error (evaluate() counts them).
#pragma once

#include <xapian.h>

#include "scoring.h"
#include "searcher.h"

namespace sotay::bench {

// Searcher::search with {query, offset 0, limit (TOP), group = false}; a hit's
// id is the article id (one section per imported article).
SearchFn sotay_search(Searcher& searcher, std::size_t limit = TOP);

// Stock Xapian: QueryParser with no stemmer, OP_OR and FLAG_DEFAULT, on an
// index built by `sotay-bench-quality --build-baseline` (the article id is
// the document data).
SearchFn stock_search(Xapian::Database& db, std::size_t limit = TOP);

}  // namespace sotay::bench
