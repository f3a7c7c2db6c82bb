// Searching an edition: the one code path behind the results page and
// /api/search, and reading documents back.
//
// A Searcher wraps one Xapian::Database and is not thread-safe: use one per
// thread. It reopens the database when Xapian reports it modified, and
// whenever its database is at a new revision (reopened here or through
// database()) it reloads everything it read from the edition's metadata:
// dictionary, facet codes and edition summary.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include <nlohmann/json.hpp>
#include "dictionary.h"
#include "facet_codes.h"
#include "query_builder.h"
#include "suggester.h"

namespace sotay {

// A query a person must fix (too long, ...): the HTTP layer answers 400.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t MAX_QUERY_BYTES = 1000;

enum class SortOrder { RELEVANCE, NEWEST, TITLE };

// Facets are counted per document over at most this many matching documents;
// beyond it the counts are estimates (lower bounds).
inline constexpr std::size_t FACET_CHECK_AT_LEAST = 10000;

// Natural questions rank in two stages (BuiltQuery::first_stage): the whole
// query re-ranks this many best matches of the first stage. On the 714
// questions over 65k articles (bench/README.md), 100 kept MRR@10 and
// Recall@10 unchanged and cut p95 from 116.8 to 50.0 ms; 30 lost 0.003 MRR.
// Pages reaching past half of it are ranked in one stage.
inline constexpr std::size_t FIRST_STAGE_DEPTH = 100;

struct SearchRequest {
  std::string query;
  // Filters added to those typed in the query (facets chosen on the page);
  // QueryFilter::exact ones match a slug exactly.
  std::vector<QueryFilter> filters;
  SortOrder sort = SortOrder::RELEVANCE;
  // Count facets (department, field, type, year, status) per document.
  bool facets = false;
  std::size_t offset = 0;  // in hits (sections) or, grouped, in documents
  std::size_t limit = 10;
  // Group by document: one entry per document with its best sections.
  bool group = false;
  std::size_t sections_per_document = 3;
  // The day statuses are computed for ("YYYY-MM-DD"; "" is today_date()):
  // the `hieu-luc:` filter, the status facet and SectionHit::status.
  std::string today;
};

struct SectionHit {
  std::string id;  // document id
  std::string anchor;
  std::string title;  // document title
  std::string section_title;
  std::string url;           // /doc/<id>#<anchor>
  std::string snippet_html;  // escaped, with <mark>
  double score = 0;
  std::string department, type, number, field, issued;
  std::string status;  // status code on the day asked (validity.h)
};

struct DocumentHit {
  SectionHit best;                   // the document's best section (metadata inside)
  std::vector<SectionHit> sections;  // best sections, best first
};

struct FacetValue {
  std::string value;      // as shown: "Văn phòng HĐND và UBND", "2020", "Còn hiệu lực"
  std::string slug;       // as filtered on: "van-phong-hdnd-va-ubnd", "2020", "con"
  std::size_t count = 0;  // matching documents
};

// The filter that narrows by facet `facet` (an index into FACETS).
FilterKey facet_filter_key(std::size_t facet);

struct FacetCounts {
  std::string name;                // "department", "field", "type", "year", "status"
  FilterKey key;                   // the filter it narrows with
  std::vector<FacetValue> values;  // most documents first (years: newest first)
};

struct SearchResult {
  std::string query;
  // Empty unless requested; counts are per document (FACET_CHECK_AT_LEAST).
  std::vector<FacetCounts> facets;
  std::size_t total = 0;  // sections, or documents when grouped (estimated)
  std::vector<SectionHit> hits;
  std::vector<DocumentHit> documents;
  std::vector<std::string> highlight;  // forms to highlight on pages
  // Nothing matched every word, so these are results of the relaxed query
  // (any word may be missing); pages label them as such.
  bool relaxed = false;
  // "Có phải bạn muốn tìm: …" — a query with unknown words replaced by the
  // edition's own vocabulary, when the query found little; else "".
  std::string suggestion;
  // Words read as Telex/VNI keystrokes: {"thur", "thủ"}.
  std::vector<std::pair<std::string, std::string>> decoded;
};

class Searcher {
 public:
  explicit Searcher(Xapian::Database db);

  // Brings the database to its latest revision (a database changed in
  // place); true when the revision changed. Throws Xapian::DatabaseError
  // when it cannot be reopened (a replica whose files were replaced).
  bool reopen();

  // Throws QueryError for a query over MAX_QUERY_BYTES.
  SearchResult search(const SearchRequest& request);

  // What a page opened from a result highlights for `query`: forms and
  // document-number keys, as SearchResult::highlight and BuiltQuery.
  std::pair<std::vector<std::string>, std::vector<std::string>> highlight_terms(
      const std::string& query);

  // Suggestions as you type (suggester.h), from this edition.
  std::vector<Suggestion> suggestions(std::string_view typed, const SuggestOptions& options = {});

  // The stored document (metadata, html, sections), or nullopt.
  std::optional<nlohmann::json> document(const std::string& id);
  // The edition summary stored at build time, parsed once per revision:
  // the reference stays valid until the Searcher moves to a new revision.
  const nlohmann::json& edition();

  Xapian::Database& database() { return db_; }
  const Dictionary& dictionary() const { return dictionary_; }

 private:
  SearchResult run(const SearchRequest& request, const BuiltQuery& built, std::size_t limit);
  // The page of `request` among the documents of `candidates`, ranked by `query`.
  Xapian::MSet rerank(const Xapian::Query& query, const Xapian::MSet& candidates,
                      const SearchRequest& request, std::size_t limit);
  // `result` with the documents whose sections together hold every word
  // of a keyword query, when few sections hold them all (document_match.h).
  SearchResult add_document_matches(const SearchRequest& request, const ParsedQuery& parsed,
                                    QueryOptions options, const BuiltQuery& built,
                                    SearchResult result, std::size_t limit);
  std::string suggest(const std::string& query);
  // Reads the edition's metadata when the database is at a new revision.
  void sync();
  template <typename F>
  auto with_retry(F&& f);
  SectionHit make_hit(const Xapian::Document& doc, double score,
                      const std::vector<std::string>& highlight,
                      const std::vector<std::string>& number_keys);

  Xapian::Database db_;
  // Read from db_ at revision loaded_revision_ (sync()).
  Xapian::rev loaded_revision_ = 0;
  bool loaded_ = false;
  Dictionary dictionary_;
  std::optional<FacetCodes> facet_codes_;  // nullopt: an edition built before them
  nlohmann::json edition_ = nlohmann::json::object();
  std::string today_;  // of the search being run
};

// The status code of a section on a day ("YYYYMMDD"): `stored` (its
// SLOT_STATUS) moved by its validity date slots (validity.h).
std::string status_code_on(const Xapian::Document& doc, const std::string& stored,
                           const std::string& today_slot);

}  // namespace sotay
