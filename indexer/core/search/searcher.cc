#include "searcher.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_set>

#include "did_you_mean.h"
#include "doc_number.h"
#include "document_match.h"
#include "index_contract.h"
#include "json_util.h"
#include "query_builder.h"
#include "query_parser.h"
#include "snippet.h"
#include "text.h"
#include "tokenizer.h"
#include "url.h"
#include "validity.h"

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
//
// The status facet is the status on the day asked: the stored status moved
// by the section's SLOT_EFFECTIVE and SLOT_EXPIRES (validity.h).
class DocumentFacetSpy : public Xapian::MatchSpy {
 public:
  DocumentFacetSpy(const FacetCodes* codes, std::string today_slot)
      : codes_(codes), today_(std::move(today_slot)) {
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
        if (f == STATUS_FACET && list[f] != 0) {
          ++by_name_[f][status_on(doc, codes_->value(f, list[f]))];
        } else if (list[f] != 0 && list[f] < by_code_[f].size()) {
          ++by_code_[f][list[f]];
        }
      }
      ++documents_;
      return;
    }
    if (!seen_id_.insert(doc.get_value(c::SLOT_DOC_ID)).second) return;
    ++documents_;
    for (std::size_t f = 0; f < FACET_COUNT; ++f) {
      std::string value = doc.get_value(FACETS[f].slot);
      if (f == STATUS_FACET && !value.empty()) value = status_on(doc, value);
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
  static constexpr std::size_t STATUS_FACET = 4;
  static_assert(FACETS[STATUS_FACET].slot == c::SLOT_STATUS);

  std::string status_on(const Xapian::Document& doc, const std::string& stored) const {
    return status_code_on(doc, stored, today_);
  }

  const FacetCodes* codes_;
  std::string today_;
  std::size_t calls_ = 0, documents_ = 0;
  std::unordered_set<Xapian::docid> seen_first_;
  std::unordered_set<std::string> seen_id_;
  std::array<std::vector<std::size_t>, FACET_COUNT> by_code_;
  std::array<std::map<std::string, std::size_t>, FACET_COUNT> by_name_;
};

}  // namespace

std::string status_code_on(const Xapian::Document& doc, const std::string& stored,
                           const std::string& today_slot) {
  const auto validity = validity_from_code(stored);
  if (!validity) return stored;
  const ValidityDates dates{doc.get_value(c::SLOT_EFFECTIVE), doc.get_value(c::SLOT_EXPIRES)};
  return std::string(validity_code(validity_on(*validity, dates, today_slot)));
}

namespace {

std::vector<FacetCounts> facets_from(const DocumentFacetSpy& spy) {
  std::vector<FacetCounts> out;
  for (std::size_t i = 0; i < FACET_COUNT; ++i) {
    FacetCounts facet{std::string(FACETS[i].name), facet_filter_key(i), {}};
    for (const auto& [value, count] : spy.counts(i)) {
      FacetValue v{value, filter_slug(value), count};
      if (facet.key == FilterKey::STATUS) {
        const Validity validity = validity_from_code(value).value_or(Validity::IN_FORCE);
        v.value = std::string(validity_label(validity));
        v.slug = std::string(validity_slug(validity));
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

// The snippet of a section without text of its own (a heading followed by
// subheadings): from the sections after it in its document (consecutive
// docids, index_contract.h), else "".
std::string snippet_after(const Xapian::Database& db, const Xapian::Document& doc,
                          const std::vector<std::string>& highlight,
                          const std::vector<std::string>& number_keys) {
  const std::string id = doc.get_value(c::SLOT_DOC_ID);
  const Xapian::docid last = db.get_lastdocid();
  for (Xapian::docid next = doc.get_docid() + 1; next <= last && next <= doc.get_docid() + 8;
       ++next) {
    Xapian::Document section;
    try {
      section = db.get_document(next);
    } catch (const Xapian::DocNotFoundError&) {
      break;
    }
    if (section.get_value(c::SLOT_DOC_ID) != id) break;
    const json data = json::parse(section.get_data(), nullptr, false);
    std::string snippet = make_snippet(utf8_prefix(json_string(data, "text"), MAX_SNIPPET_SOURCE),
                                       highlight, number_keys);
    if (!trim(snippet).empty()) return snippet;
  }
  return {};
}

// Whether some document of the edition has several sections (else a
// document matches exactly where its one section does).
bool has_multi_section_documents(const json& edition) {
  const auto count = [&](const char* key) {
    const auto it = edition.find(key);
    return it != edition.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
  };
  return count("sections") == 0 || count("sections") > count("documents");
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
  // Never an empty snippet: the text below the heading, else the heading.
  if (trim(h.snippet_html).empty()) {
    h.snippet_html = snippet_after(db_, doc, highlight, number_keys);
  }
  if (trim(h.snippet_html).empty()) {
    h.snippet_html =
        html_escape(h.section_title.empty() ? json_string(data, "title") : h.section_title);
  }
  h.department = doc.get_value(c::SLOT_DEPARTMENT);
  h.type = doc.get_value(c::SLOT_TYPE);
  h.field = doc.get_value(c::SLOT_FIELD);
  h.status = status_code_on(doc, doc.get_value(c::SLOT_STATUS), date_slot(today_));
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
  today_ = request.today.empty() ? today_date() : request.today;
  QueryOptions options;
  options.dictionary = &dictionary_;
  options.term_exists = [this](const std::string& term) { return db_.term_exists(term); };
  const Xapian::doccount sections = db_.get_doccount();
  if (sections >= COMMON_WORDS_FROM_SECTIONS) {
    options.term_share = [this, sections](const std::string& term) {
      return static_cast<double>(db_.get_termfreq(term)) / sections;
    };
  }
  options.today = today_;
  BuiltQuery built = with_retry([&] { return build_query(parsed, options); });
  SearchResult result = run(request, built, limit);
  if (!built.required_parts.empty() && result.total < DOCUMENT_MATCH_BELOW &&
      has_multi_section_documents(edition_)) {
    result = add_document_matches(request, parsed, options, built, std::move(result), limit);
  }
  // A keyword query that no document holds whole: relax it to ranked OR.
  if (result.total == 0 && built.has_text && !built.question) {
    options.relaxed = true;
    built = with_retry([&] { return build_query(parsed, options); });
    result = run(request, built, limit);
    result.relaxed = result.total > 0;
  }
  if (result.total < SUGGEST_BELOW || result.relaxed) result.suggestion = suggest(request.query);
  return result;
}

SearchResult Searcher::add_document_matches(const SearchRequest& request, const ParsedQuery& parsed,
                                            QueryOptions options, const BuiltQuery& built,
                                            SearchResult result, std::size_t limit) {
  // The documents holding every word, less those with a section holding all.
  std::vector<std::string> spanning = with_retry([&] {
    std::vector<std::string> all = documents_holding_all(db_, built.required_parts, built.filter);
    const std::vector<std::string> whole = documents_matching(db_, built.query, all);
    std::erase_if(all, [&](const std::string& id) {
      return std::binary_search(whole.begin(), whole.end(), id);
    });
    return all;
  });
  if (spanning.empty()) return result;
  // Their sections rank by the words each holds (the relaxed query), beside
  // the sections that hold every word; without the title bonus, which
  // could put them above those sections.
  options.relaxed = true;
  options.title_bonus = false;
  const BuiltQuery relaxed = with_retry([&] { return build_query(parsed, options); });
  BuiltQuery combined = built;
  combined.query =
      Xapian::Query(Xapian::Query::OP_OR, built.query, within_documents(relaxed.query, spanning));
  // When no section holds every word, the documents that hold them all
  // come first, and then the rest of the relaxed results.
  if (result.total == 0) {
    combined.query =
        Xapian::Query(Xapian::Query::OP_OR, combined.query,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, relaxed.query, RELAXED_SHARE));
  }
  return run(request, combined, limit);
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
    // Two stages: the first one finds the candidates (it has the same
    // matches); the whole query re-ranks them.
    const bool two_stage = !built.first_stage.empty() && request.sort == SortOrder::RELEVANCE &&
                           request.offset + limit <= FIRST_STAGE_DEPTH / 2;
    if (two_stage) enquire.set_query(built.first_stage);
    Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(two_stage ? 0 : request.offset),
                         static_cast<Xapian::doccount>(two_stage ? FIRST_STAGE_DEPTH : limit), 100);
    r.total = mset.get_matches_estimated();
    if (request.facets) {
      // The total and facets from a pass that does not score: the ranked
      // pass stops early where Xapian's bounds allow, this one checks up to
      // FACET_CHECK_AT_LEAST matches without weighing them (bench/README.md).
      Xapian::Enquire counting(db_);
      counting.set_query(two_stage ? built.first_stage : built.query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      if (request.group) counting.set_collapse_key(c::SLOT_DOC_ID, 1);
      DocumentFacetSpy spy(facet_codes_ ? &*facet_codes_ : nullptr, date_slot(today_));
      counting.add_matchspy(&spy);
      r.total = counting.get_mset(0, 0, FACET_CHECK_AT_LEAST).get_matches_estimated();
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
