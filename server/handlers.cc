#include "handlers.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "assets.h"
#include "highlight.h"
#include "http_util.h"
#include "pages.h"
#include "procedure_card_view.h"
#include "routes.h"
#include "slug.h"
#include "text.h"
#include "url.h"

namespace sotay {

using nlohmann::json;

namespace {

constexpr const char* HTML = HTML_TYPE;

// The first value of `q`, for pages and the API alike.
std::string query_param(const httplib::Request& req) {
  return req.has_param("q") ? req.get_param_value("q") : std::string();
}

}  // namespace

void Handlers::home(const httplib::Request&, httplib::Response& res) {
  const std::shared_ptr<Searcher> searcher = watcher_.searcher();
  const json& ed = searcher->edition();
  json recent = json::array();
  for (const json& r : ed.value("recent", json::array())) {
    json item = r;
    item["url"] = doc_url(r.value("id", ""));
    item["issued_display"] = format_date(r.value("issued", ""));
    recent.push_back(item);
  }
  json data = {{"page_title", "Sổ tay hướng dẫn công vụ"},
               {"home", true},
               {"departments", ed.value("departments", json::array())},
               {"fields", ed.value("fields", json::array())},
               {"types", ed.value("types", json::array())},
               {"recent", recent},
               {"documents", ed.value("documents", 0)},
               {"built", ed.value("built", "")}};
  data["changes"] = latest_changes(5);  // handlers_whats_new.cc
  res.set_content(site_page("home", data), HTML);
}

void Handlers::document_page(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const auto doc = watcher_.searcher()->document(id);
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
  if (!trim(data["q"].get<std::string>()).empty()) {  // opened from a result: highlight.h
    const auto [forms, numbers] = watcher_.searcher()->highlight_terms(data["q"]);
    data["html"] = highlight_html(data.value("html", ""), forms, numbers);
    data["highlighting"] = !forms.empty() || !numbers.empty();
    data["unhighlighted_url"] = doc_url(id);
  }
  data["has_tags"] = !doc->value("tags", json::array()).empty();
  data["department_slug"] = slugify(doc->value("department", ""));
  add_reading_view(data);                                     // handlers_reading.cc
  add_original_view(data, id);                                // handlers_original.cc
  add_validity_view(data);                                    // handlers_validity.cc
  data["procedure_cards_html"] = procedure_cards_html(data);  // procedure_card_view.h
  res.set_content(site_page("document", data), HTML);
}

void Handlers::api_document(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  auto doc = watcher_.searcher()->document(id);
  if (!doc) {
    send_api_error(res, 404, "không có văn bản \"" + id + "\"");
    return;
  }
  (*doc)["url"] = doc_url(id);
  send_json(res, 200, *doc);
}

void Handlers::healthz(const httplib::Request&, httplib::Response& res) {
  const std::shared_ptr<Searcher> searcher = watcher_.searcher();
  const json& ed = searcher->edition();
  send_json(res, 200,
            {{"status", "ok"},
             {"edition", ed.value("id", "")},
             {"documents", ed.value("documents", 0)},
             {"built", ed.value("built", "")}});
}

void Handlers::metrics(const Metrics& metrics, httplib::Response& res) {
  json edition = json::object();
  try {
    edition = watcher_.searcher()->edition();
  } catch (const NoEditionError&) {
  }
  res.set_content(metrics.render(edition), "text/plain; version=0.0.4; charset=utf-8");
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
  if (route_has(req.path, API)) {
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
  if (route_has(req.path, API)) {
    send_api_error(res, 500, "lỗi máy chủ");
    return;
  }
  res.set_content("500 Lỗi máy chủ. Xin thử lại sau.", "text/plain; charset=utf-8");
}

}  // namespace sotay
