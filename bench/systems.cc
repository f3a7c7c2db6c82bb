#include "systems.h"

#include <stdexcept>
#include <utility>

namespace sotay::bench {

SearchFn sotay_search(Searcher& searcher, std::size_t limit) {
  return [&searcher, limit](const std::string& q) {
    SearchRequest request;
    request.query = q;
    request.limit = limit;
    request.group = false;
    std::vector<std::string> ids;
    try {
      for (SectionHit& h : searcher.search(request).hits) add_unique(ids, std::move(h.id));
    } catch (const Xapian::Error& e) {  // not a std::exception
      throw std::runtime_error(e.get_description());
    }
    return ids;
  };
}

SearchFn stock_search(Xapian::Database& db, std::size_t limit) {
  return [&db, limit](const std::string& q) {
    Xapian::QueryParser parser;  // no stemmer, OP_OR
    Xapian::Enquire enquire(db);
    std::vector<std::string> ids;
    try {
      enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
      const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
      for (auto it = mset.begin(); it != mset.end(); ++it)
        add_unique(ids, it.get_document().get_data());
    } catch (const Xapian::Error& e) {  // QueryParserError on odd syntax; not a std::exception
      throw std::runtime_error(e.get_description());
    }
    return ids;
  };
}

}  // namespace sotay::bench
