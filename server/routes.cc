#include "routes.h"

namespace sotay {

void register_routes(httplib::Server& server, Handlers& h) {
  using R = const httplib::Request&;
  using W = httplib::Response&;
  server.Get("/", [&h](R req, W res) { h.home(req, res); });
  server.Get("/search", [&h](R req, W res) { h.search_page(req, res); });
  server.Get(R"(/doc/(.+))", [&h](R req, W res) { h.document_page(req, res); });
  server.Get("/api/search", [&h](R req, W res) { h.api_search(req, res); });
  server.Get("/api/suggest", [&h](R req, W res) { h.api_suggest(req, res); });
  server.Get("/opensearch.xml", [&h](R req, W res) { h.opensearch(req, res); });
  server.Get(R"(/api/doc/(.+))", [&h](R req, W res) { h.api_document(req, res); });
  server.Get("/healthz", [&h](R req, W res) { h.healthz(req, res); });
  server.Get(R"(/so/(.+))", [&h](R req, W res) { h.number_redirect(req, res); });
  server.Get(R"(/don-vi/([a-z0-9-]+))", [&h](R req, W res) { h.department_page(req, res); });
  server.Get(R"(/linh-vuc/([a-z0-9-]+))", [&h](R req, W res) { h.field_page(req, res); });
  server.Get(R"(/loai/([a-z0-9-]+))", [&h](R req, W res) { h.type_page(req, res); });
  server.Get("/so-tay", [&h](R req, W res) { h.handbook_page(req, res); });
  server.Get("/so-tay.css", [&h](R req, W res) { h.handbook_css(req, res); });
  server.Get(R"(/static/([a-z0-9_.-]+))", [&h](R req, W res) { h.static_file(req, res); });
}

}  // namespace sotay
