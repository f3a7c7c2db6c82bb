// The route table (server/routes.cc): every row is reachable with its
// methods, and the label, caching and error behaviours come from its row.
// Also: compression by cpp-httplib, and a Xapian error logged by name.
#include <doctest/doctest.h>

#include <zlib.h>

#include <csignal>
#include <map>

#include <nlohmann/json.hpp>

#include "files.h"
#include "routes.h"
#include "submission_support.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using json = nlohmann::json;

namespace {

// A path each row serves in the fixture. A new row needs one here.
const std::map<std::string, std::string> EXAMPLES = {
    {"/", "/"},
    {"/search", "/search?q=van+thu"},
    {R"(/doc/(.+)/ban-goc)", "/doc/van-phong/the-thuc/ban-goc"},
    {R"(/doc/(.+)/bieu-mau/([a-z0-9][a-z0-9._-]*))", "/doc/trung-tam/to-khai/bieu-mau/to-khai.txt"},
    {R"(/doc/(.+))", "/doc/van-phong/the-thuc"},
    {"/api/search", "/api/search?q=van+thu"},
    {"/api/suggest", "/api/suggest?q=van"},
    {R"(/opensearch\.xml)", "/opensearch.xml"},
    {"/van-ban-moi", "/van-ban-moi"},
    {R"(/van-ban-moi\.atom)", "/van-ban-moi.atom"},
    {R"(/api/doc/(.+))", "/api/doc/van-phong/the-thuc"},
    {"/healthz", "/healthz"},
    {"/metrics", "/metrics"},
    {R"(/so/(.+))", "/so/30%2F2020%2FN%C4%90-CP"},
    {R"(/don-vi/([a-z0-9-]+))", "/don-vi/van-phong-hdnd-va-ubnd"},
    {R"(/linh-vuc/([a-z0-9-]+))", "/linh-vuc/van-thu-luu-tru"},
    {R"(/loai/([a-z0-9-]+))", "/loai/nghi-dinh"},
    {"/so-tay", "/so-tay"},
    {R"(/so-tay\.css)", "/so-tay.css"},
    {R"(/static/([a-z0-9_.-]+))", "/static/site.css"},
    {"/nop", "/nop"},
    {"/nop/dang-nhap", "/nop/dang-nhap"},
    {"/nop/dang-xuat", "/nop/dang-xuat"},
    {"/nop/da-nop", "/nop/da-nop"},
    {"/api/submissions", "/api/submissions"},
    {"/api/import", "/api/import"},
    {"/bien-tap", "/bien-tap"},
    {"/bien-tap/dang-nhap", "/bien-tap/dang-nhap"},
    {"/bien-tap/dang-xuat", "/bien-tap/dang-xuat"},
    {R"(/bien-tap/duyet/([A-Za-z0-9-]+))", "/bien-tap/duyet/khong-co"},
    {R"(/bien-tap/tu-choi/([A-Za-z0-9-]+))", "/bien-tap/tu-choi/khong-co"},
    {R"(/bien-tap/quay-ve/([0-9A-Za-z.-]+))", "/bien-tap/quay-ve/khong-co"},
    {R"(/api/.*)", "/api/search"},  // a GET route: the other methods get 405
};

httplib::Result send(httplib::Client& c, unsigned method, const std::string& path) {
  switch (method) {
    case HTTP_GET:
      return c.Get(path);
    case HTTP_POST:
      return c.Post(path, "", "application/x-www-form-urlencoded");
    case HTTP_PUT:
      return c.Put(path, "", "text/plain");
    case HTTP_PATCH:
      return c.Patch(path, "", "text/plain");
    default:
      return c.Delete(path);
  }
}

httplib::Client client_of(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  c.set_url_encode(false);
  return c;
}

std::string gunzip(const std::string& bytes) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 31) == Z_OK);
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));  // NOLINT zlib API
  z.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  CHECK(rc == Z_STREAM_END);
  return out;
}

}  // namespace

TEST_CASE("every route of the table answers its methods, with its label and caching") {
  Workflow w(30, false);  // the fixture served with --submissions
  // and a procedure card with a form file, for /doc/<id>/bieu-mau/<file>
  write_file(w.content / "trung-tam/to-khai.md",
             content_file("title: Tờ khai\ndepartment: Trung tâm\nthu_tuc:\n  ten: Cấp bản sao\n"
                          "  co_quan_thuc_hien: UBND phường\n  thoi_han_giai_quyet: Trong ngày\n"
                          "  phi_le_phi: [{ten: Bản sao, muc: Miễn phí}]\n"
                          "  ho_so: [{ten: Tờ khai, ban: chính}]\n"
                          "  bieu_mau: [{ten: Tờ khai, tep: to-khai.txt}]\n  ket_qua: Bản sao\n",
                          "Tờ khai theo mẫu.\n"));
  write_file(w.content / "trung-tam/to-khai.txt", "TỜ KHAI\n");
  REQUIRE(build(w.content, w.index).errors.empty());
  w.start(30);
  auto c = client_of(w.port);
  std::map<std::string, int> requests_by_label;
  for (const Route& route : routes()) {
    CAPTURE(std::string(route.pattern));
    const auto example = EXAMPLES.find(route.pattern);
    REQUIRE_MESSAGE(example != EXAMPLES.end(), "no example path for this route");
    const bool api_fallback = &route == &routes().back();
    // Rows of one path with different methods share their properties: the
    // first is the one the server asks. The body flags are the method's own
    // (body_limits.h asks the row of the path and the method).
    const std::string path =
        api_fallback ? "/api/khong-co" : example->second.substr(0, example->second.find('?'));
    const Route* found = find_route(path);
    REQUIRE(found != nullptr);
    CHECK(std::string(found->pattern) == route.pattern);
    constexpr unsigned BODY = BODY_DOCUMENT | BODY_UPLOAD | RAW_BODY;
    CHECK((found->flags & ~BODY) == (route.flags & ~BODY));
    if ((route.methods & HTTP_POST) != 0) CHECK(find_route(path, "POST") == &route);
    CHECK(std::string(found->label) == route.label);
    for (unsigned method : {HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE}) {
      if ((route.methods & method) == 0) continue;
      CAPTURE(method);
      const auto res = send(c, method, example->second);
      REQUIRE(res);
      if (api_fallback) {
        CHECK(res->status == 405);
        CHECK(res->get_header_value("Allow") == "GET, HEAD");
        ++requests_by_label["/api/search"];
        continue;
      }
      CHECK(res->status != 404);
      CHECK(res->status < 500);
      ++requests_by_label[route.label];
      if (method != HTTP_GET || res->status != 200) continue;
      CHECK(res->has_header("ETag") == (route.has(CACHEABLE) || route.has(ASSET)));
      if (route.has(CACHEABLE) || route.has(ASSET)) CHECK(res->has_header("Cache-Control"));
      if (route.has(NO_STORE) || route.has(SUBMISSIONS)) {
        CHECK(res->get_header_value("Cache-Control") == "no-store");
      }
      if (route.has(API)) CHECK(res->get_header_value("Content-Type") == "application/json");
    }
  }
  // A path no route serves is a 404 counted as "other", even with an
  // If-None-Match that would match any page (it was a 304 labelled with the
  // path, so unknown paths grew the label set).
  const auto unknown = c.Get("/khong-co/x", {{"If-None-Match", "*"}});
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  // A request is counted after its answer is sent: under load the last one
  // may not be counted yet when /metrics is asked, so ask until it is.
  const auto total_of = [](const std::string& metrics, const std::string& label) {
    std::size_t total = 0;
    for (std::size_t at = 0;
         (at = metrics.find("sotay_http_requests_total{route=\"" + label + "\",", at)) !=
         std::string::npos;
         ++at) {
      const std::size_t value = metrics.find("} ", at) + 2;
      total += std::stoul(metrics.substr(value));
    }
    return total;
  };
  std::string metrics;
  wait_until(
      [&] {
        const auto m = c.Get("/metrics");
        metrics = m ? m->body : std::string();
        for (const auto& [label, count] : requests_by_label) {
          if (total_of(metrics, label) < static_cast<std::size_t>(count)) return false;
        }
        return true;
      },
      std::chrono::milliseconds(5000));
  CHECK_FALSE(contains(metrics, "khong-co"));
  for (const auto& [label, count] : requests_by_label) {
    CAPTURE(label);
    if (label == "/metrics") {  // the polling above adds to it
      CHECK(total_of(metrics, label) >= static_cast<std::size_t>(count));
    } else {
      CHECK(total_of(metrics, label) == static_cast<std::size_t>(count));
    }
  }
}

TEST_CASE("API errors, 405 and --submissions come from the table") {
  SUBCASE("with --submissions") {
    Workflow w;
    auto c = client_of(w.port);
    const auto put = c.Put("/api/submissions", "", "text/plain");
    REQUIRE(put);
    CHECK(put->status == 405);
    CHECK(put->get_header_value("Allow") == "GET, HEAD, POST");
    CHECK(json::parse(put->body)["error"]["status"] == 405);
  }
  SUBCASE("without --submissions") {
    ServedFixture f;
    auto c = f.server->client();
    for (const char* path : {"/nop", "/bien-tap"}) {
      CAPTURE(path);
      const auto res = c.Get(path);
      REQUIRE(res);
      CHECK(res->status == 404);
      CHECK(contains(res->get_header_value("Content-Type"), "text/html"));
    }
    for (const auto& res :
         {c.Get("/api/submissions"), c.Get("/api/khong-co"),
          c.Post("/api/submissions", "x", "text/markdown"), c.Delete("/api/khong-co")}) {
      REQUIRE(res);
      CHECK(res->status == 404);
      CHECK(res->get_header_value("Content-Type") == "application/json");
      CHECK(json::parse(res->body)["error"]["status"] == 404);
    }
    const auto post = c.Post("/api/search", "", "text/plain");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
  }
}

TEST_CASE("cpp-httplib compresses pages and JSON for clients that accept gzip") {
  ServedFixture f;
  auto c = f.server->client();
  c.set_decompress(false);
  for (const char* path : {"/search?q=van+thu", "/api/search?q=van+thu", "/api/suggest?q=van",
                           "/static/search.js", "/static/icon.svg"}) {
    CAPTURE(path);
    const auto plain = c.Get(path);
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->get_header_value("Vary") == "Accept-Encoding");
    const auto z = c.Get(path, {{"Accept-Encoding", "gzip"}});
    REQUIRE(z);
    CHECK(z->status == 200);
    CHECK(z->get_header_value("Content-Encoding") == "gzip");
    CHECK(z->get_header_value("Vary") == "Accept-Encoding");
    CHECK(z->get_header_value("Content-Length") == std::to_string(z->body.size()));
    CHECK(gunzip(z->body) == plain->body);
    // The assets' ETags hash the bytes sent, one per encoding.
    if (std::string(path).rfind("/static/", 0) == 0) {
      CHECK(z->get_header_value("ETag") != plain->get_header_value("ETag"));
      const auto again = c.Get(
          path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", z->get_header_value("ETag")}});
      REQUIRE(again);
      CHECK(again->status == 304);
    }
  }
}

TEST_CASE("a Xapian error in a handler is logged with its description, answered plain 500") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  REQUIRE(build(tmp.path() / "content", tmp.path() / "index").published);
  // A current edition whose version file is damaged: opening it throws
  // Xapian::DatabaseCorruptError (not a std::exception).
  const auto edition = std::filesystem::canonical(tmp.path() / "index/current");
  write_file(edition / "iamglass", std::string(64, 'x'));
  const auto log = tmp.path() / "server.log";
  ChildServer server({"--index", (tmp.path() / "index").string()}, log);
  auto c = client_of(server.port());
  const auto res = c.Get("/search?q=van+thu");
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(res->body == "500 Lỗi máy chủ. Xin thử lại sau.");
  const auto api = c.Get("/api/search?q=van+thu");
  REQUIRE(api);
  CHECK(api->status == 500);
  CHECK(json::parse(api->body)["error"]["message"] == "lỗi máy chủ");
  server.kill(SIGTERM);
  const std::string text = read_file(log);
  INFO(text);
  CHECK(contains(text, "500 GET /search: Database"));
  CHECK(contains(text, "500 GET /api/search: Database"));
  CHECK_FALSE(contains(text, "unknown exception"));
}
