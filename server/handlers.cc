#include "handlers.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "assets.h"
#include "pages.h"
#include "text.h"

namespace sotay {

using nlohmann::json;

namespace {

constexpr std::size_t PAGE_SIZE = 10;
constexpr std::size_t MAX_PAGE = 1000;
constexpr const char* HTML = "text/html; charset=utf-8";
constexpr const char* JSON_TYPE = "application/json; charset=utf-8";

// A non-negative integer parameter, `fallback` when absent; nullopt when
// present but not a number within [0, max].
std::optional<std::size_t> size_param(const httplib::Request& req, const char* name,
                                      std::size_t fallback, std::size_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n > max) return std::nullopt;
  return n;
}

// The first value of `q`, for pages and the API alike.
std::string query_param(const httplib::Request& req) {
  return req.has_param("q") ? req.get_param_value("q") : std::string();
}

std::string url_encode(std::string_view s) {
  static constexpr char HEX[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += HEX[c >> 4];
      out += HEX[c & 15];
    }
  }
  return out;
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), JSON_TYPE);
}

void send_api_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", {{"status", status}, {"message", message}}}});
}

json hit_json(const SectionHit& h) {
  return {{"id", h.id},        {"section", h.anchor},
          {"title", h.title},  {"section_title", h.section_title},
          {"url", h.url},      {"snippet", h.snippet_html},
          {"score", h.score},  {"department", h.department},
          {"type", h.type},    {"number", h.number},
          {"status", h.status}};
}

json section_view(const SectionHit& h) {
  return {{"section_title", h.section_title.empty() ? "Phần mở đầu" : h.section_title},
          {"url", h.url},
          {"snippet", h.snippet_html}};
}

std::string format_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

json pagination(const std::string& q, std::size_t page, std::size_t total) {
  const std::size_t pages = std::min((total + PAGE_SIZE - 1) / PAGE_SIZE, MAX_PAGE);
  json links = json::array();
  const std::size_t first = page > 4 ? page - 4 : 1;
  for (std::size_t p = first; p <= pages && p < first + 9; ++p) {
    links.push_back({{"n", std::to_string(p)},
                     {"url", "/search?q=" + url_encode(q) + "&page=" + std::to_string(p)},
                     {"current", p == page}});
  }
  json out = {{"links", links}, {"show", pages > 1}};
  if (page > 1) out["prev"] = "/search?q=" + url_encode(q) + "&page=" + std::to_string(page - 1);
  if (page < pages) {
    out["next"] = "/search?q=" + url_encode(q) + "&page=" + std::to_string(page + 1);
  }
  return out;
}

}  // namespace

void Handlers::home(const httplib::Request&, httplib::Response& res) {
  json ed = watcher_.searcher().edition();
  json recent = json::array();
  for (const json& r : ed.value("recent", json::array())) {
    json item = r;
    item["url"] = doc_url(r.value("id", ""));
    item["issued_display"] = format_date(r.value("issued", ""));
    recent.push_back(item);
  }
  const json data = {{"page_title", "Sổ tay hướng dẫn công vụ"},
                     {"home", true},
                     {"departments", ed.value("departments", json::array())},
                     {"fields", ed.value("fields", json::array())},
                     {"recent", recent},
                     {"documents", ed.value("documents", 0)},
                     {"built", ed.value("built", "")}};
  res.set_content(render_page("home", data), HTML);
}

void Handlers::search_page(const httplib::Request& req, httplib::Response& res) {
  const std::string q = query_param(req);
  if (trim(q).empty()) {
    res.set_redirect("/");
    return;
  }
  const auto page = size_param(req, "page", 1, MAX_PAGE);
  if (!page || *page == 0) {
    bad_request_page(req, res, "Số trang không hợp lệ: hãy dùng một số từ 1 đến 1000.");
    return;
  }
  SearchRequest request;
  request.query = q;
  request.group = true;
  request.offset = (*page - 1) * PAGE_SIZE;
  request.limit = PAGE_SIZE;
  SearchResult result;
  try {
    result = watcher_.searcher().search(request);
  } catch (const QueryError& e) {
    bad_request_page(req, res, e.what());
    return;
  }
  json documents = json::array();
  for (const DocumentHit& d : result.documents) {
    json sections = json::array();
    for (const SectionHit& s : d.sections) sections.push_back(section_view(s));
    documents.push_back({{"title", d.best.title},
                         {"url", doc_url(d.best.id)},
                         {"department", d.best.department},
                         {"type", d.best.type},
                         {"number", d.best.number},
                         {"issued", format_date(d.best.issued)},
                         {"expired", d.best.status == "expired"},
                         {"sections", sections}});
  }
  const json data = {{"page_title", q + " – Tìm kiếm"},
                     {"q", q},
                     {"total", std::to_string(result.total)},
                     {"has_results", !documents.empty()},
                     {"beyond_last_page", documents.empty() && result.total > 0},
                     {"documents", documents},
                     {"page", std::to_string(*page)},
                     {"pagination", pagination(q, *page, result.total)}};
  res.set_content(render_page("search", data), HTML);
}

void Handlers::document_page(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const auto doc = watcher_.searcher().document(id);
  if (!doc) {
    not_found_page(res, "Không tìm thấy văn bản \"" + id + "\" trong sổ tay.");
    return;
  }
  json toc = json::array();
  for (const json& s : doc->value("sections", json::array())) {
    if (s.value("level", 0) == 0) continue;
    toc.push_back({{"anchor", s.value("anchor", "")},
                   {"title", s.value("title", "")},
                   {"indent", s.value("level", 2) > 2}});
  }
  json data = *doc;
  data["page_title"] = doc->value("title", "");
  data["toc"] = toc;
  data["has_toc"] = !toc.empty();
  data["expired"] = doc->value("status", "") == "expired";
  data["issued_display"] = format_date(doc->value("issued", ""));
  data["effective_display"] = format_date(doc->value("effective", ""));
  data["q"] = query_param(req);
  data["has_tags"] = !doc->value("tags", json::array()).empty();
  data["department_slug"] = slugify(doc->value("department", ""));
  if (!doc->value("superseded_by", "").empty()) {
    data["superseded_url"] = "/search?q=" + url_encode(doc->value("superseded_by", ""));
  }
  res.set_content(render_page("document", data), HTML);
}

void Handlers::api_search(const httplib::Request& req, httplib::Response& res) {
  const auto limit = size_param(req, "limit", 10, 100);
  const auto offset = size_param(req, "offset", 0, 100000);
  if (!limit || !offset) {
    send_api_error(res, 400, "limit phải là số từ 0 đến 100, offset từ 0 đến 100000");
    return;
  }
  SearchRequest request;
  request.query = query_param(req);
  request.limit = *limit;
  request.offset = *offset;
  SearchResult result;
  try {
    result = watcher_.searcher().search(request);
  } catch (const QueryError& e) {
    send_api_error(res, 400, e.what());
    return;
  }
  json hits = json::array();
  for (const SectionHit& h : result.hits) hits.push_back(hit_json(h));
  send_json(res, 200, {{"query", result.query}, {"total", result.total}, {"hits", hits}});
}

void Handlers::api_document(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  auto doc = watcher_.searcher().document(id);
  if (!doc) {
    send_api_error(res, 404, "không có văn bản \"" + id + "\"");
    return;
  }
  (*doc)["url"] = doc_url(id);
  send_json(res, 200, *doc);
}

void Handlers::healthz(const httplib::Request&, httplib::Response& res) {
  const json ed = watcher_.searcher().edition();
  send_json(res, 200,
            {{"status", "ok"},
             {"edition", ed.value("id", "")},
             {"documents", ed.value("documents", 0)},
             {"built", ed.value("built", "")}});
}

void Handlers::static_file(const httplib::Request& req, httplib::Response& res) {
  const std::string name = "static/" + std::string(req.matches[1]);
  const auto bytes = find_asset(name);
  if (!bytes) {
    res.status = 404;
    res.set_content("Not found", "text/plain; charset=utf-8");
    return;
  }
  res.set_header("Cache-Control", "public, max-age=86400");
  res.set_content(std::string(*bytes), std::string(mime_type(name)));
}

void Handlers::not_found_page(httplib::Response& res, const std::string& message) {
  res.status = 404;
  res.set_content(render_page("error", {{"page_title", "Không tìm thấy"},
                                        {"heading", "Không tìm thấy trang"},
                                        {"message", message}}),
                  HTML);
}

void Handlers::bad_request_page(const httplib::Request& req, httplib::Response& res,
                                const std::string& message) {
  if (req.path.rfind("/api/", 0) == 0) {
    send_api_error(res, 400, message);
    return;
  }
  res.status = 400;
  res.set_content(render_page("error", {{"page_title", "Yêu cầu không hợp lệ"},
                                        {"heading", "Yêu cầu không hợp lệ"},
                                        {"message", message},
                                        {"q", req.has_param("q") ? req.get_param_value("q") : ""}}),
                  HTML);
}

void Handlers::server_error(const httplib::Request& req, httplib::Response& res) {
  res.status = 500;
  if (req.path.rfind("/api/", 0) == 0) {
    send_api_error(res, 500, "lỗi máy chủ");
    return;
  }
  res.set_content("500 Lỗi máy chủ. Xin thử lại sau.", "text/plain; charset=utf-8");
}

}  // namespace sotay
