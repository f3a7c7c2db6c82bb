// Finding things: the results page with facets, sort and pagination,
// /api/search, /api/suggest and /opensearch.xml.
//
// The URL holds the whole state of a results page:
//   /search?q=…&don-vi=<slug>&linh-vuc=<slug>&loai=<slug>&nam=2020&hieu-luc=con|het
//          &sort=moi-nhat|ten&page=2
// Facet parameters are exact slugs (as in the facet links) and narrow like
// the query language's filters. A repeated parameter counts once: the first
// value. An unknown facet value finds nothing (a normal page); an unknown
// sort is relevance; a bad page number is a 400.
#include <array>

#include <nlohmann/json.hpp>

#include "handlers.h"
#include "http_util.h"
#include "pages.h"
#include "relation_facet_view.h"
#include "searcher.h"
#include "text.h"
#include "url.h"
#include "validity.h"

namespace sotay {

using nlohmann::json;

namespace {

constexpr std::size_t PAGE_SIZE = 10;
constexpr std::size_t MAX_PAGE = 1000;
constexpr std::size_t MAX_FACET_PARAM = 200;   // bytes; longer values find nothing
constexpr std::size_t FACET_VALUES_SHOWN = 6;  // the rest behind "Xem thêm"

struct FacetParam {
  std::string param;  // URL parameter: the filter's name in queries ("don-vi")
  FilterKey key;
  std::string name;   // FacetCounts::name, the key in /api/search "facets"
  const char* label;  // shown
};

const char* facet_heading(FilterKey key) {
  switch (key) {
    case FilterKey::DEPARTMENT:
      return "Đơn vị";
    case FilterKey::FIELD:
      return "Lĩnh vực";
    case FilterKey::TYPE:
      return "Loại văn bản";
    case FilterKey::YEAR:
      return "Năm ban hành";
    case FilterKey::STATUS:
      return "Hiệu lực";
    default:
      return "";
  }
}

// The facets in their one order (facet_codes.h FACETS).
std::array<FacetParam, FACET_COUNT> make_facet_params() {
  std::array<FacetParam, FACET_COUNT> out;
  for (std::size_t f = 0; f < FACET_COUNT; ++f) {
    const FilterKey key = facet_filter_key(f);
    out[f] = {std::string(filter_key_name(key)), key, std::string(FACETS[f].name),
              facet_heading(key)};
  }
  return out;
}
const std::array<FacetParam, FACET_COUNT> FACET_PARAMS = make_facet_params();

struct SortParam {
  const char* value;  // URL value ("" for the default)
  SortOrder order;
  const char* label;
};
constexpr std::array<SortParam, 3> SORTS = {{
    {"", SortOrder::RELEVANCE, "Phù hợp nhất"},
    {"moi-nhat", SortOrder::NEWEST, "Mới nhất"},
    {"ten", SortOrder::TITLE, "Theo tên"},
}};

// The state of a results page, read from and written to its URL.
struct PageState {
  std::string q;
  std::array<std::string, FACET_COUNT> facets;  // "" when not chosen
  std::size_t sort = 0;                         // index in SORTS
  std::size_t page = 1;

  static PageState from(const httplib::Request& req) {
    PageState s;
    s.q = first_param(req, "q");
    for (std::size_t i = 0; i < FACET_PARAMS.size(); ++i) {
      s.facets[i] = std::string(trim(first_param(req, FACET_PARAMS[i].param.c_str())));
    }
    const std::string sort = first_param(req, "sort");
    for (std::size_t i = 0; i < SORTS.size(); ++i) {
      if (sort == SORTS[i].value) s.sort = i;
    }
    return s;
  }

  bool has_facets() const {
    for (const std::string& f : facets) {
      if (!f.empty()) return true;
    }
    return false;
  }

  std::string url() const {
    std::string out = "/search?q=" + percent_encode(q);
    for (std::size_t i = 0; i < FACET_PARAMS.size(); ++i) {
      if (!facets[i].empty()) {
        out += std::string("&") + FACET_PARAMS[i].param + "=" + percent_encode(facets[i]);
      }
    }
    if (sort != 0) out += std::string("&sort=") + SORTS[sort].value;
    if (page > 1) out += "&page=" + std::to_string(page);
    return out;
  }
  // The same state on page 1 with facet `i` set to `value` ("" removes it).
  std::string with_facet(std::size_t i, const std::string& value) const {
    PageState s = *this;
    s.facets[i] = value;
    s.page = 1;
    return s.url();
  }
  std::string with_sort(std::size_t k) const {
    PageState s = *this;
    s.sort = k;
    s.page = 1;
    return s.url();
  }
  std::string with_page(std::size_t p) const {
    PageState s = *this;
    s.page = p;
    return s.url();
  }
  std::string with_query(const std::string& query) const {
    PageState s = *this;
    s.q = query;
    s.page = 1;
    return s.url();
  }
  std::string without_facets() const {
    PageState s = *this;
    s.facets = {};
    s.page = 1;
    return s.url();
  }
};

// The core request for a state: facet parameters become exact filters.
SearchRequest make_request(const PageState& state) {
  SearchRequest request;
  request.query = state.q;
  request.sort = SORTS[state.sort].order;
  request.facets = true;
  for (std::size_t i = 0; i < FACET_PARAMS.size(); ++i) {
    if (state.facets[i].empty()) continue;
    // An overlong value cannot be a slug: keep it so that nothing matches.
    std::string value =
        state.facets[i].size() > MAX_FACET_PARAM ? std::string("\x01") : state.facets[i];
    request.filters.push_back({FACET_PARAMS[i].key, std::move(value), true});
  }
  return request;
}

// /doc/<id>?q=…#<anchor>: the page highlights the query's words.
std::string result_url(const std::string& id, const std::string& anchor, const std::string& q) {
  std::string url = doc_url(id);
  if (!trim(q).empty()) url += "?q=" + percent_encode(q);
  if (!anchor.empty()) url += "#" + anchor;
  return url;
}

json pagination(const PageState& state, std::size_t total) {
  const std::size_t pages = std::min((total + PAGE_SIZE - 1) / PAGE_SIZE, MAX_PAGE);
  json links = json::array();
  const std::size_t first = state.page > 4 ? state.page - 4 : 1;
  for (std::size_t p = first; p <= pages && p < first + 9; ++p) {
    links.push_back(
        {{"n", std::to_string(p)}, {"url", state.with_page(p)}, {"current", p == state.page}});
  }
  json out = {{"links", links}, {"show", pages > 1}};
  if (state.page > 1)
    out["prev"] = state.with_page(std::min(state.page - 1, std::max<std::size_t>(pages, 1)));
  if (state.page < pages) out["next"] = state.with_page(state.page + 1);
  return out;
}

// The display name of a chosen facet value, from the counts or the edition.
std::string facet_label(const SearchResult& result, std::size_t i, const std::string& slug) {
  for (const FacetCounts& f : result.facets) {
    if (f.name != FACET_PARAMS[i].name) continue;
    for (const FacetValue& v : f.values) {
      if (v.slug == slug) return v.value;
    }
  }
  if (FACET_PARAMS[i].key == FilterKey::STATUS) {
    if (const auto v = validity_from_code(slug)) return std::string(validity_label(*v));
  }
  return slug;
}

json facets_view(const PageState& state, const SearchResult& result) {
  json out = json::array();
  for (std::size_t i = 0; i < FACET_PARAMS.size(); ++i) {
    const auto facet =
        std::find_if(result.facets.begin(), result.facets.end(),
                     [&](const FacetCounts& f) { return f.name == FACET_PARAMS[i].name; });
    if (facet == result.facets.end() || facet->values.empty()) continue;
    json shown = json::array();
    json more = json::array();
    for (const FacetValue& v : facet->values) {
      const bool selected = state.facets[i] == v.slug;
      json item = {{"value", v.value},
                   {"count", std::to_string(v.count)},
                   {"selected", selected},
                   {"url", state.with_facet(i, selected ? std::string() : v.slug)}};
      (shown.size() < FACET_VALUES_SHOWN || selected ? shown : more).push_back(item);
    }
    out.push_back({{"label", FACET_PARAMS[i].label},
                   {"id", std::string("facet-") + FACET_PARAMS[i].param},
                   {"values", shown},
                   {"more", more},
                   {"has_more", !more.empty()},
                   {"more_count", std::to_string(more.size())}});
  }
  return out;
}

// The badge of a result that is not simply in force: "Chưa có hiệu lực", …
std::string status_badge(const std::string& code) {
  const auto v = validity_from_code(code);
  if (!v || *v == Validity::IN_FORCE) return {};
  return *v == Validity::EXPIRED ? "Hết hiệu lực" : std::string(validity_label(*v));
}

json document_view(const DocumentHit& d, const std::string& q) {
  json sections = json::array();
  for (const SectionHit& s : d.sections) {
    sections.push_back(
        {{"section_title", s.section_title.empty() ? "Phần mở đầu" : s.section_title},
         {"url", result_url(s.id, s.anchor, q)},
         {"snippet", s.snippet_html}});
  }
  return {{"title", d.best.title},
          {"url", result_url(d.best.id, d.best.anchor, q)},  // at its best section
          {"department", d.best.department},
          {"type", d.best.type},
          {"number", d.best.number},
          {"issued", format_date(d.best.issued)},
          {"expired", d.best.status == "expired"},
          {"status_badge", status_badge(d.best.status)},
          {"status_class", d.best.status},
          {"sections", sections}};
}

json hit_json(const SectionHit& h) {
  return {{"id", h.id},        {"section", h.anchor},
          {"title", h.title},  {"section_title", h.section_title},
          {"url", h.url},      {"snippet", h.snippet_html},
          {"score", h.score},  {"department", h.department},
          {"type", h.type},    {"number", h.number},
          {"status", h.status}};
}

const char* kind_label(const std::string& kind) {
  if (kind == "number") return "Số hiệu";
  if (kind == "title") return "Văn bản";
  if (kind == "heading") return "Mục";
  if (kind == "abbreviation") return "Viết tắt";
  return "Cụm từ";
}

}  // namespace

void Handlers::search_page(const httplib::Request& req, httplib::Response& res) {
  PageState state = PageState::from(req);
  if (trim(state.q).empty() && !state.has_facets()) {
    res.set_redirect("/");
    return;
  }
  const auto page = size_param(req, "page", 1, MAX_PAGE);
  if (!page || *page == 0) {
    bad_request_page(req, res, "Số trang không hợp lệ: hãy dùng một số từ 1 đến 1000.");
    return;
  }
  state.page = *page;
  SearchRequest request = make_request(state);
  request.today = today();
  request.group = true;
  request.offset = (state.page - 1) * PAGE_SIZE;
  request.limit = PAGE_SIZE;
  SearchResult result;
  try {
    result = watcher_.searcher()->search(request);
  } catch (const QueryError& e) {
    bad_request_page(req, res, e.what());
    return;
  }
  if (query_stats_ && state.page == 1) query_stats_->record(state.q, result.total);
  json documents = json::array();
  for (const DocumentHit& d : result.documents) documents.push_back(document_view(d, state.q));

  json chips = json::array();
  for (std::size_t i = 0; i < FACET_PARAMS.size(); ++i) {
    if (state.facets[i].empty()) continue;
    chips.push_back({{"label", FACET_PARAMS[i].label},
                     {"value", facet_label(result, i, state.facets[i])},
                     {"remove_url", state.with_facet(i, {})}});
  }
  json sorts = json::array();
  for (std::size_t k = 0; k < SORTS.size(); ++k) {
    sorts.push_back(
        {{"label", SORTS[k].label}, {"url", state.with_sort(k)}, {"current", k == state.sort}});
  }
  json decoded = json::array();
  for (const auto& [typed, read] : result.decoded) {
    decoded.push_back({{"typed", typed}, {"read", read}});
  }
  json browse = json::array();
  for (const json& d : watcher_.searcher()->edition().value("departments", json::array())) {
    browse.push_back({{"name", d.value("name", "")},
                      {"count", std::to_string(d.value("count", 0))},
                      {"url", "/don-vi/" + percent_encode(d.value("slug", ""))}});
  }
  const bool has_query = !trim(state.q).empty();
  const std::string heading =
      has_query ? "«" + state.q + "»" : std::string("các văn bản theo bộ lọc đã chọn");
  json data = {{"page_title", (has_query ? state.q : std::string("Duyệt văn bản")) + " – Tìm kiếm"},
               {"q", state.q},
               {"heading", heading},
               {"total", std::to_string(result.total)},
               {"has_results", !documents.empty()},
               {"beyond_last_page", documents.empty() && result.total > 0},
               {"first_page_url", state.with_page(1)},
               {"documents", documents},
               {"page", std::to_string(state.page)},
               {"pagination", pagination(state, result.total)},
               {"facets", facets_view(state, result)},
               {"has_facets", !result.facets.empty() && result.total > 0},
               {"chips", chips},
               {"has_chips", !chips.empty()},
               {"clear_url", state.without_facets()},
               {"sorts", sorts},
               {"relaxed", result.relaxed},
               {"decoded", decoded},
               {"has_decoded", !decoded.empty()},
               {"browse", browse},
               {"search_page", true}};
  if (!result.suggestion.empty()) {
    data["suggestion"] = {{"text", result.suggestion},
                          {"url", state.with_query(result.suggestion)}};
  }
  add_relation_facet(data, watcher_.searcher()->database(), state.q);  // relation_facet_view.h
  res.set_content(site_page("search", data), HTML_TYPE);               // with site settings
}

void Handlers::api_search(const httplib::Request& req, httplib::Response& res) {
  const auto limit = size_param(req, "limit", 10, 100);
  const auto offset = size_param(req, "offset", 0, 100000);
  if (!limit || !offset) {
    send_api_error(res, 400, "limit phải là số từ 0 đến 100, offset từ 0 đến 100000");
    return;
  }
  const std::string facets_param = first_param(req, "facets");
  if (!facets_param.empty() && facets_param != "0" && facets_param != "1") {
    send_api_error(res, 400, "facets phải là 0 (không đếm) hoặc 1 (mặc định)");
    return;
  }
  SearchRequest request = make_request(PageState::from(req));
  request.today = today();
  request.limit = *limit;
  request.offset = *offset;
  // Clients that show no facets (suggest-as-you-type, scripts) skip counting.
  request.facets = facets_param != "0";
  const auto searcher = watcher_.searcher();  // one edition for the hits and "related"
  SearchResult result;
  try {
    result = searcher->search(request);
  } catch (const QueryError& e) {
    send_api_error(res, 400, e.what());
    return;
  }
  if (query_stats_ && *offset == 0) query_stats_->record(first_param(req, "q"), result.total);
  json hits = json::array();
  for (const SectionHit& h : result.hits) hits.push_back(hit_json(h));
  json facets = json::object();
  for (const FacetParam& p : FACET_PARAMS) facets[p.name] = json::array();
  for (const FacetCounts& f : result.facets) {
    for (const FacetValue& v : f.values) {
      facets[f.name].push_back({{"value", v.value}, {"slug", v.slug}, {"count", v.count}});
    }
  }
  // "Văn bản liên quan" (relation_facet_view.h): null unless q names one document.
  const json related =
      request.facets ? relation_facet_json(searcher->database(), request.query) : json();
  send_json(res, 200,
            {{"query", result.query},
             {"total", result.total},
             {"hits", hits},
             {"facets", facets},
             {"related", related},
             {"relaxed", result.relaxed},
             {"suggestion", result.suggestion}});
}

void Handlers::api_suggest(const httplib::Request& req, httplib::Response& res) {
  const std::string q = first_param(req, "q");
  const auto limit = size_param(req, "limit", 8, 20);
  if (!limit) {
    send_api_error(res, 400, "limit phải là số từ 0 đến 20");
    return;
  }
  if (q.size() > MAX_QUERY_BYTES) {
    send_api_error(res, 400,
                   "Câu tìm kiếm quá dài; tối đa " + std::to_string(MAX_QUERY_BYTES) + " byte.");
    return;
  }
  SuggestOptions options;
  options.limit = *limit;
  const std::vector<Suggestion> found = watcher_.searcher()->suggestions(q, options);
  res.set_header("Cache-Control", "public, max-age=60");
  if (first_param(req, "format") == "opensearch") {
    json texts = json::array();
    json descriptions = json::array();
    for (const Suggestion& s : found) {
      texts.push_back(s.text);
      descriptions.push_back(kind_label(s.kind));
    }
    res.set_content(
        json::array({q, texts, descriptions}).dump(-1, ' ', false, json::error_handler_t::replace),
        "application/x-suggestions+json; charset=utf-8");
    return;
  }
  json list = json::array();
  for (const Suggestion& s : found) {
    json item = {{"text", s.text}, {"kind", s.kind}, {"label", kind_label(s.kind)}};
    if (!s.url.empty()) item["url"] = s.url;
    if (s.count > 0) item["count"] = s.count;
    if (!s.detail.empty()) item["detail"] = s.detail;
    list.push_back(std::move(item));
  }
  send_json(res, 200, list);
}

void Handlers::opensearch(const httplib::Request& req, httplib::Response& res) {
  std::string host = safe_host(req.get_header_value("Host"));
  if (host.empty()) host = "localhost";
  const std::string base = "http://" + host;
  const std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\" "
      "xmlns:moz=\"http://www.mozilla.org/2006/browser/search/\">\n"
      "  <ShortName>Sổ tay</ShortName>\n"
      "  <Description>Tìm trong sổ tay hướng dẫn công vụ</Description>\n"
      "  <InputEncoding>UTF-8</InputEncoding>\n"
      "  <Language>vi</Language>\n"
      "  <Image width=\"16\" height=\"16\" type=\"image/svg+xml\">" +
      html_escape(base) +
      "/static/icon.svg</Image>\n"
      "  <Url type=\"text/html\" method=\"get\" template=\"" +
      html_escape(base) +
      "/search?q={searchTerms}\"/>\n"
      "  <Url type=\"application/x-suggestions+json\" method=\"get\" template=\"" +
      html_escape(base) +
      "/api/suggest?format=opensearch&amp;q={searchTerms}\"/>\n"
      "  <Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"" +
      html_escape(base) +
      "/opensearch.xml\"/>\n"
      "  <moz:SearchForm>" +
      html_escape(base) +
      "/</moz:SearchForm>\n"
      "</OpenSearchDescription>\n";
  res.set_header("Cache-Control", "public, max-age=86400");
  res.set_content(body, "application/opensearchdescription+xml; charset=utf-8");
}

}  // namespace sotay
