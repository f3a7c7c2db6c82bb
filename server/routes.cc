#include "routes.h"

#include <regex>

#include "http_util.h"

namespace sotay {

namespace {

using T = const RouteTargets&;
using R = const httplib::Request&;
using W = httplib::Response&;

// Other methods on an API path: 405 with Allow when a route serves the path
// with another method (httplib would answer 404), JSON 404 otherwise.
void api_other_method(T t, R req, W res);

// The body of a RAW_BODY request as sent (a multipart form: its first
// part's content); false when it did not arrive whole.
bool read_raw_body(R req, const httplib::ContentReader& read, std::string& body,
                   httplib::MultipartFormDataMap& files);

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {HTTP_GET, "/", "/", CACHEABLE, [](T t, R q, W s) { t.pages.home(q, s); }},
      {HTTP_GET, "/search", "/search", CACHEABLE, [](T t, R q, W s) { t.pages.search_page(q, s); }},
      {HTTP_GET, R"(/doc/(.+)/ban-goc)", "/doc/ban-goc", CACHEABLE,
       [](T t, R q, W s) { t.pages.original_file(q, s); }},
      {HTTP_GET, R"(/doc/(.+)/bieu-mau/([a-z0-9][a-z0-9._-]*))", "/doc/bieu-mau", CACHEABLE,
       [](T t, R q, W s) { t.pages.form_file(q, s); }},
      {HTTP_GET, R"(/doc/(.+))", "/doc", CACHEABLE,
       [](T t, R q, W s) { t.pages.document_page(q, s); }},
      {HTTP_GET, "/api/search", "/api/search", CACHEABLE | API,
       [](T t, R q, W s) { t.pages.api_search(q, s); }},
      {HTTP_GET, "/api/suggest", "/api/suggest", CACHEABLE | API,
       [](T t, R q, W s) { t.pages.api_suggest(q, s); }},
      {HTTP_GET, R"(/opensearch\.xml)", "/opensearch.xml", CACHEABLE,
       [](T t, R q, W s) { t.pages.opensearch(q, s); }},
      {HTTP_GET, R"(/api/doc/(.+))", "/api/doc", CACHEABLE | API,
       [](T t, R q, W s) { t.pages.api_document(q, s); }},
      {HTTP_GET, "/healthz", "/healthz", NO_STORE, [](T t, R q, W s) { t.pages.healthz(q, s); }},
      {HTTP_GET, "/metrics", "/metrics", NO_STORE,
       [](T t, R, W s) { t.pages.metrics(t.metrics, s); }},
      {HTTP_GET, R"(/so/(.+))", "/so", CACHEABLE,
       [](T t, R q, W s) { t.pages.number_redirect(q, s); }},
      {HTTP_GET, R"(/don-vi/([a-z0-9-]+))", "/don-vi", CACHEABLE,
       [](T t, R q, W s) { t.pages.department_page(q, s); }},
      {HTTP_GET, R"(/linh-vuc/([a-z0-9-]+))", "/linh-vuc", CACHEABLE,
       [](T t, R q, W s) { t.pages.field_page(q, s); }},
      {HTTP_GET, R"(/loai/([a-z0-9-]+))", "/loai", CACHEABLE,
       [](T t, R q, W s) { t.pages.type_page(q, s); }},
      {HTTP_GET, "/so-tay", "/so-tay", CACHEABLE,
       [](T t, R q, W s) { t.pages.handbook_page(q, s); }},
      {HTTP_GET, R"(/so-tay\.css)", "/so-tay.css", CACHEABLE,
       [](T t, R q, W s) { t.pages.handbook_css(q, s); }},
      {HTTP_GET, "/van-ban-moi", "/van-ban-moi", CACHEABLE,
       [](T t, R q, W s) { t.pages.whats_new_page(q, s); }},
      {HTTP_GET, R"(/van-ban-moi\.atom)", "/van-ban-moi.atom", CACHEABLE,
       [](T t, R q, W s) { t.pages.whats_new_feed(q, s); }},
      {HTTP_GET, R"(/static/([a-z0-9_.-]+))", "/static", ASSET,
       [](T t, R q, W s) { t.pages.static_file(q, s); }},
      // The submission workflow (handlers_submit.cc, handlers_review.cc).
      {HTTP_GET, "/nop", "/nop", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->submit_form(q, s); }},
      {HTTP_POST, "/nop", "/nop", SUBMISSIONS | BODY_UPLOAD,
       [](T t, R q, W s) { t.submissions->submit_post(q, s); }},
      // /nop sign-in and "Văn bản đã nộp" (handlers_nop.cc).
      {HTTP_POST, "/nop/dang-nhap", "/nop", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->nop_login(q, s); }},
      {HTTP_POST, "/nop/dang-xuat", "/nop", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->nop_logout(q, s); }},
      {HTTP_GET, "/nop/da-nop", "/nop", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->nop_submitted(q, s); }},
      {HTTP_POST, "/api/submissions", "/api/submissions",
       SUBMISSIONS | API | BODY_DOCUMENT | RAW_BODY,
       [](T t, R q, W s) { t.submissions->api_submit(q, s); }},
      {HTTP_POST, "/api/import", "/api/import", SUBMISSIONS | API | BODY_UPLOAD | RAW_BODY,
       [](T t, R q, W s) { t.submissions->api_import(q, s); }},
      {HTTP_GET, "/api/submissions", "/api/submissions", SUBMISSIONS | API,
       [](T t, R q, W s) { t.submissions->api_list(q, s); }},
      {HTTP_GET, "/bien-tap", "/bien-tap", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->review_page(q, s); }},
      {HTTP_POST, "/bien-tap/dang-nhap", "/bien-tap", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->login(q, s); }},
      {HTTP_POST, "/bien-tap/dang-xuat", "/bien-tap", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->logout(q, s); }},
      {HTTP_POST, R"(/bien-tap/duyet/([A-Za-z0-9-]+))", "/bien-tap", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->approve(q, s); }},
      {HTTP_POST, R"(/bien-tap/tu-choi/([A-Za-z0-9-]+))", "/bien-tap", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->reject(q, s); }},
      // Rolling back to an edition, with the content it was built from
      // (handlers_rollback.cc): a confirmation page, then confirm=1.
      {HTTP_POST, R"(/bien-tap/quay-ve/([0-9A-Za-z.-]+))", "/bien-tap", SUBMISSIONS,
       [](T t, R q, W s) { t.submissions->rollback(q, s); }},
      // Last: every other /api/ path and method. GET is left to httplib's
      // 404, which the error handler answers as JSON (API flag).
      {HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE, R"(/api/.*)", "other", API,
       api_other_method},
  };
  return table;
}

namespace {

// A row's pattern compiled once, and its literal beginning: most paths are
// told apart by a prefix comparison, without running the regex.
struct CompiledRoute {
  std::string prefix;
  std::regex regex;
};

const std::vector<CompiledRoute>& compiled_routes() {
  static const std::vector<CompiledRoute> compiled = [] {
    std::vector<CompiledRoute> out;
    for (const Route& r : routes()) {
      const std::string pattern = r.pattern;
      out.push_back({pattern.substr(0, pattern.find_first_of("\\.()[*+?")), std::regex(pattern)});
    }
    return out;
  }();
  return compiled;
}

bool matches(std::size_t row, std::string_view path) {
  const CompiledRoute& c = compiled_routes()[row];
  return path.substr(0, c.prefix.size()) == c.prefix &&
         std::regex_match(path.begin(), path.end(), c.regex);
}

bool enabled(const Route& route, T t) {
  return !route.has(SUBMISSIONS) || t.submissions != nullptr;
}

bool read_raw_body(R req, const httplib::ContentReader& read, std::string& body,
                   httplib::MultipartFormDataMap& files) {
  const auto append = [&body](const char* data, std::size_t size) {
    body.append(data, size);
    return true;
  };
  if (!req.is_multipart_form_data()) return read(append);
  // Multipart: every part in `files` (the "file" and "original" parts of a
  // submission), and the body is the first part's content (curl -F
  // file=@x.md).
  std::vector<httplib::MultipartFormData> parts;
  const bool ok = read(
      [&parts](const httplib::MultipartFormData& header) {
        parts.push_back(header);
        return true;
      },
      [&](const char* data, std::size_t size) {
        if (parts.empty()) return true;
        if (parts.size() == 1) append(data, size);
        parts.back().content.append(data, size);
        return true;
      });
  for (httplib::MultipartFormData& part : parts) {
    std::string name = part.name;
    files.emplace(std::move(name), std::move(part));
  }
  return ok;
}

void api_other_method(T t, R req, W res) {
  unsigned methods = 0;
  for (std::size_t i = 0; i < routes().size(); ++i) {
    const Route& r = routes()[i];
    if (r.handle != api_other_method && enabled(r, t) && matches(i, req.path)) methods |= r.methods;
  }
  std::string allow;
  for (const auto& [bit, name] :
       {std::pair{HTTP_GET, "GET, HEAD"}, std::pair{HTTP_POST, "POST"}, std::pair{HTTP_PUT, "PUT"},
        std::pair{HTTP_PATCH, "PATCH"}, std::pair{HTTP_DELETE, "DELETE"}}) {
    if ((methods & bit) != 0) allow += (allow.empty() ? "" : ", ") + std::string(name);
  }
  if (allow.empty()) {
    send_api_error(res, 404, "không có địa chỉ này trong API");
    return;
  }
  res.set_header("Allow", allow);
  send_api_error(res, 405, "phương thức " + req.method + " không dùng được ở địa chỉ này");
}

}  // namespace

const Route* find_route(std::string_view path) {
  for (std::size_t i = 0; i < routes().size(); ++i) {
    if (matches(i, path)) return &routes()[i];
  }
  return nullptr;
}

const Route* find_route(std::string_view path, std::string_view method) {
  unsigned bit = 0;
  for (const auto& [bit_of, name] :
       {std::pair{HTTP_GET, "GET"}, std::pair{HTTP_GET, "HEAD"}, std::pair{HTTP_POST, "POST"},
        std::pair{HTTP_PUT, "PUT"}, std::pair{HTTP_PATCH, "PATCH"},
        std::pair{HTTP_DELETE, "DELETE"}}) {
    if (method == name) bit = bit_of;
  }
  for (std::size_t i = 0; i < routes().size(); ++i) {
    if ((routes()[i].methods & bit) != 0 && matches(i, path)) return &routes()[i];
  }
  return nullptr;
}

bool route_has(std::string_view path, RouteFlag flag) {
  const Route* route = find_route(path);
  return route != nullptr && route->has(flag);
}

void register_routes(httplib::Server& server, const RouteTargets& targets) {
  for (const Route& route : routes()) {
    if (!enabled(route, targets)) continue;
    const auto handler = [targets, handle = route.handle](R req, W res) {
      handle(targets, req, res);
    };
    // A RAW_BODY route reads its body through httplib's content reader,
    // which neither form-decodes it nor applies the 8 KiB form cap; the
    // size was checked against the route's limit before routing.
    const auto raw_body_handler = [targets, handle = route.handle](
                                      R req, W res, const httplib::ContentReader& read) {
      httplib::Request with_body = req;
      if (!read_raw_body(req, read, with_body.body, with_body.files)) {
        res.status = 400;  // the body did not arrive whole (the error handler answers)
        return;
      }
      handle(targets, with_body, res);
    };
    if ((route.methods & HTTP_GET) != 0) server.Get(route.pattern, handler);
    if ((route.methods & HTTP_POST) != 0 && route.has(RAW_BODY)) {
      server.Post(route.pattern, httplib::Server::HandlerWithContentReader(raw_body_handler));
    } else if ((route.methods & HTTP_POST) != 0) {
      server.Post(route.pattern, handler);
    }
    if ((route.methods & HTTP_PUT) != 0) server.Put(route.pattern, handler);
    if ((route.methods & HTTP_PATCH) != 0) server.Patch(route.pattern, handler);
    if ((route.methods & HTTP_DELETE) != 0) server.Delete(route.pattern, handler);
  }
}

std::string route_label(std::string_view path, int status) {
  return route_label(find_route(path), status);
}

std::string route_label(const Route* route, int status) {
  return status == 404 || route == nullptr ? "other" : route->label;
}

}  // namespace sotay
