#include "searcher.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_set>

#include "did_you_mean.h"
#include "doc_number.h"
#include "index_contract.h"
#include "json_util.h"
#include "query_builder.h"
#include "query_parser.h"
#include "snippet.h"
#include "text.h"
#include "tokenizer.h"
#include "url.h"

namespace sotay {

namespace c = contract;
using nlohmann::json;

namespace {

constexpr std::size_t MAX_LIMIT = 100;
constexpr std::size_t SUGGEST_BELOW = 3;            // suggest a spelling when fewer results
constexpr std::size_t MAX_SNIPPET_SOURCE = 100000;  // bytes of a section scanned for a snippet

// Counts facet values once per document: the index holds one Xapian
// document per section, and a spy may see several sections of a document.
// With the edition's facet codes it reads one packed value per match
// (facet_codes.h); sections without one (editions built before the codes)
// are counted from the display-name slots.
class DocumentFacetSpy : public Xapian::MatchSpy {
 public:
  explicit DocumentFacetSpy(const FacetCodes* codes) : codes_(codes) {
    for (std::size_t f = 0; codes_ && f < FACET_COUNT; ++f) by_code_[f].resize(codes_->size(f) + 1);
  }

  void operator()(const Xapian::Document& doc, double) override {
    ++calls_;
    std::uint32_t section = 0;
    FacetCodeList list{};
    if (codes_ && unpack_facets(doc.get_value(c::SLOT_FACETS), section, list) &&
        section < doc.get_docid()) {
      // The sections of a document have consecutive docids (index_contract.h).
      if (!seen_first_.insert(doc.get_docid() - section).second) return;
      for (std::size_t f = 0; f < FACET_COUNT; ++f) {
        if (list[f] != 0 && list[f] < by_code_[f].size()) ++by_code_[f][list[f]];
      }
      ++documents_;
      return;
    }
    if (!seen_id_.insert(doc.get_value(c::SLOT_DOC_ID)).second) return;
    ++documents_;
    for (std::size_t f = 0; f < FACET_COUNT; ++f) {
      std::string value = doc.get_value(FACETS[f].slot);
      if (!value.empty()) ++by_name_[f][std::move(value)];
    }
  }

  // Facet f's counts by value.
  std::map<std::string, std::size_t> counts(std::size_t f) const {
    std::map<std::string, std::size_t> out = by_name_[f];
    for (std::size_t code = 1; code < by_code_[f].size(); ++code) {
      if (by_code_[f][code] > 0) {
        out[codes_->value(f, static_cast<std::uint16_t>(code))] += by_code_[f][code];
      }
    }
    return out;
  }
  std::size_t documents() const { return documents_; }
  std::size_t calls() const { return calls_; }

 private:
  const FacetCodes* codes_;
  std::size_t calls_ = 0, documents_ = 0;
  std::unordered_set<Xapian::docid> seen_first_;
  std::unordered_set<std::string> seen_id_;
  std::array<std::vector<std::size_t>, FACET_COUNT> by_code_;
  std::array<std::map<std::string, std::size_t>, FACET_COUNT> by_name_;
};

std::vector<FacetCounts> facets_from(const DocumentFacetSpy& spy) {
  std::vector<FacetCounts> out;
  for (std::size_t i = 0; i < FACET_COUNT; ++i) {
    FacetCounts facet{std::string(FACETS[i].name), facet_filter_key(i), {}};
    for (const auto& [value, count] : spy.counts(i)) {
      FacetValue v{value, filter_slug(value), count};
      if (facet.key == FilterKey::STATUS) {
        const bool expired = value == "expired";
        v.value = expired ? "Hết hiệu lực" : "Còn hiệu lực";
        v.slug = expired ? "het" : "con";
      } else if (facet.key == FilterKey::YEAR) {
        v.slug = value;
      }
      facet.values.push_back(std::move(v));
    }
    if (facet.key == FilterKey::YEAR) {
      std::sort(facet.values.begin(), facet.values.end(),
                [](const FacetValue& a, const FacetValue& b) { return a.value > b.value; });
    } else {
      std::stable_sort(facet.values.begin(), facet.values.end(),
                       [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    }
    out.push_back(std::move(facet));
  }
  return out;
}

}  // namespace

FilterKey facet_filter_key(std::size_t facet) {
  switch (FACETS.at(facet).slot) {
    case c::SLOT_DEPARTMENT:
      return FilterKey::DEPARTMENT;
    case c::SLOT_FIELD:
      return FilterKey::FIELD;
    case c::SLOT_TYPE:
      return FilterKey::TYPE;
    case c::SLOT_YEAR:
      return FilterKey::YEAR;
    case c::SLOT_STATUS:
      return FilterKey::STATUS;
    default:
      throw std::logic_error("facet without a filter");
  }
}

template <typename F>
auto Searcher::with_retry(F&& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      sync();
      return f();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) throw;
      db_.reopen();
    }
  }
}

Searcher::Searcher(Xapian::Database db) : db_(std::move(db)) {
  with_retry([] { return 0; });
}

void Searcher::sync() {
  const Xapian::rev revision = db_.get_revision();
  if (loaded_ && revision == loaded_revision_) return;
  dictionary_ = Dictionary::from_json(db_.get_metadata(std::string(c::META_DICTIONARY)));
  facet_codes_ = FacetCodes::from_json(db_.get_metadata(std::string(c::META_FACET_CODES)));
  json parsed = json::parse(db_.get_metadata(std::string(c::META_EDITION)), nullptr, false);
  edition_ = parsed.is_discarded() ? json::object() : std::move(parsed);
  loaded_revision_ = revision;
  loaded_ = true;
}

bool Searcher::reopen() {
  const Xapian::rev before = loaded_revision_;
  db_.reopen();
  with_retry([] { return 0; });
  return loaded_revision_ != before;
}

SectionHit Searcher::make_hit(const Xapian::Document& doc, double score,
                              const std::vector<std::string>& highlight,
                              const std::vector<std::string>& number_keys) {
  const json data = json::parse(doc.get_data(), nullptr, false);
  SectionHit h;
  h.id = json_string(data, "id");
  h.anchor = json_string(data, "anchor");
  h.section_title = json_string(data, "section_title");
  h.url = doc_url(h.id, h.anchor);
  h.score = score;
  h.snippet_html = make_snippet(utf8_prefix(json_string(data, "text"), MAX_SNIPPET_SOURCE),
                                highlight, number_keys);
  h.department = doc.get_value(c::SLOT_DEPARTMENT);
  h.type = doc.get_value(c::SLOT_TYPE);
  h.field = doc.get_value(c::SLOT_FIELD);
  h.status = doc.get_value(c::SLOT_STATUS);
  h.issued = iso_date_from_slot(doc.get_value(c::SLOT_ISSUED));
  h.title = json_string(data, "title");
  h.number = json_string(data, "number");
  return h;
}

SearchResult Searcher::search(const SearchRequest& request) {
  if (request.query.size() > MAX_QUERY_BYTES) {
    throw QueryError("Câu tìm kiếm quá dài (" + std::to_string(request.query.size()) +
                     " byte); tối đa " + std::to_string(MAX_QUERY_BYTES) + " byte.");
  }
  const std::size_t limit = std::min(request.limit, MAX_LIMIT);
  ParsedQuery parsed = parse_query(request.query);
  parsed.filters.insert(parsed.filters.end(), request.filters.begin(), request.filters.end());
  QueryOptions options;
  options.dictionary = &dictionary_;
  options.term_exists = [this](const std::string& term) { return db_.term_exists(term); };
  BuiltQuery built = with_retry([&] { return build_query(parsed, options); });
  SearchResult result = run(request, built, limit);
  // A keyword query that matched nothing: relax it to ranked OR.
  if (result.total == 0 && built.has_text && !built.question) {
    options.relaxed = true;
    built = with_retry([&] { return build_query(parsed, options); });
    result = run(request, built, limit);
    result.relaxed = result.total > 0;
  }
  if (result.total < SUGGEST_BELOW || result.relaxed) result.suggestion = suggest(request.query);
  return result;
}

SearchResult Searcher::run(const SearchRequest& request, const BuiltQuery& built,
                           std::size_t limit) {
  SearchResult result;
  result.query = request.query;
  result.highlight = built.highlight;
  result.decoded = built.decoded;
  if (built.query.empty()) return result;
  return with_retry([&] {
    SearchResult r = result;
    Xapian::Enquire enquire(db_);
    enquire.set_query(built.query);
    if (request.group) enquire.set_collapse_key(c::SLOT_DOC_ID, 1);
    if (request.sort == SortOrder::NEWEST) {
      enquire.set_sort_by_value_then_relevance(c::SLOT_ISSUED, true);
    } else if (request.sort == SortOrder::TITLE) {
      enquire.set_sort_by_value_then_relevance(c::SLOT_TITLE_SORT, false);
    }
    DocumentFacetSpy spy(facet_codes_ ? &*facet_codes_ : nullptr);
    if (request.facets) enquire.add_matchspy(&spy);
    // Two stages: the first one finds the candidates, and counts the total
    // and facets (it has the same matches); the whole query re-ranks them.
    const bool two_stage = !built.first_stage.empty() && request.sort == SortOrder::RELEVANCE &&
                           request.offset + limit <= FIRST_STAGE_DEPTH / 2;
    if (two_stage) enquire.set_query(built.first_stage);
    Xapian::MSet mset = enquire.get_mset(
        static_cast<Xapian::doccount>(two_stage ? 0 : request.offset),
        static_cast<Xapian::doccount>(two_stage ? FIRST_STAGE_DEPTH : limit),
        static_cast<Xapian::doccount>(request.facets ? FACET_CHECK_AT_LEAST : 100));
    r.total = mset.get_matches_estimated();
    if (request.facets) {
      r.facets = facets_from(spy);
      // The spy saw every match: the exact number of documents, where
      // Xapian's estimate of a collapsed count can be far off.
      if (request.group && spy.calls() < FACET_CHECK_AT_LEAST) r.total = spy.documents();
    }
    if (two_stage) mset = rerank(built.query, mset, request, limit);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SectionHit hit =
          make_hit(it.get_document(), it.get_weight(), built.highlight, built.number_keys);
      if (!request.group) {
        r.hits.push_back(std::move(hit));
        continue;
      }
      // The document's best sections: the same query within the document.
      DocumentHit dh;
      Xapian::Enquire within(db_);
      within.set_query(Xapian::Query(Xapian::Query::OP_FILTER, built.query,
                                     Xapian::Query(std::string(c::PREFIX_DOC_ID) + hit.id)));
      const Xapian::MSet sections =
          within.get_mset(0, static_cast<Xapian::doccount>(request.sections_per_document));
      for (auto s = sections.begin(); s != sections.end(); ++s) {
        dh.sections.push_back(
            make_hit(s.get_document(), s.get_weight(), built.highlight, built.number_keys));
      }
      dh.best = std::move(hit);
      r.documents.push_back(std::move(dh));
    }
    return r;
  });
}

Xapian::MSet Searcher::rerank(const Xapian::Query& query, const Xapian::MSet& candidates,
                              const SearchRequest& request, std::size_t limit) {
  // The candidates' documents, every section of them: a document's best
  // section under the whole query may not be its best in the first stage.
  std::vector<Xapian::Query> documents;
  std::set<std::string> seen;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    const std::string id = it.get_document().get_value(c::SLOT_DOC_ID);
    if (seen.insert(id).second) documents.emplace_back(std::string(c::PREFIX_DOC_ID) + id);
  }
  if (documents.empty()) return candidates;
  Xapian::Enquire enquire(db_);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query,
                    Xapian::Query(Xapian::Query::OP_OR, documents.begin(), documents.end())));
  if (request.group) enquire.set_collapse_key(c::SLOT_DOC_ID, 1);
  return enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                          static_cast<Xapian::doccount>(limit));
}

std::pair<std::vector<std::string>, std::vector<std::string>> Searcher::highlight_terms(
    const std::string& query) {
  if (query.size() > MAX_QUERY_BYTES) return {};
  QueryOptions options;
  options.dictionary = &dictionary_;
  options.term_exists = [this](const std::string& term) { return db_.term_exists(term); };
  const BuiltQuery built = with_retry([&] { return build_query(parse_query(query), options); });
  return {built.highlight, built.number_keys};
}

std::string Searcher::suggest(const std::string& query) {
  // did_you_mean.h: unknown words only, a correction that finds more.
  QueryOptions options;
  options.dictionary = &dictionary_;
  options.term_exists = [this](const std::string& term) { return db_.term_exists(term); };
  const QueryFor query_for = [&](const std::string& text) {
    return build_query(parse_query(text), options).query;
  };
  return with_retry([&] { return did_you_mean(db_, dictionary_, query, query_for); });
}

std::vector<Suggestion> Searcher::suggestions(std::string_view typed,
                                              const SuggestOptions& options) {
  return with_retry([&] { return ::sotay::suggest(db_, typed, options); });
}

std::optional<json> Searcher::document(const std::string& id) {
  const std::string raw =
      with_retry([&] { return db_.get_metadata(std::string(c::META_DOC_PREFIX) + id); });
  if (raw.empty()) return std::nullopt;
  json j = json::parse(raw, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

const json& Searcher::edition() {
  with_retry([] { return 0; });
  return edition_;
}

}  // namespace sotay
