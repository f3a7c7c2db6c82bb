// HTTP hardening (issue 8): security headers on every kind of route, one
// JSON error shape under /api/, size limits, and slow clients cut off by
// the read timeout while others are served.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "handlers.h"
#include "raw_connection.h"
#include "test_support.h"

namespace sotay {
namespace {

using nlohmann::json;
using test::contains;
using test::ServedFixture;
using test::TempDir;

using test::RawConnection;

int status_of(const std::string& response) { return RawConnection::status_of(response); }

std::string body_of(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

// The API error shape: {"error":{"status":N,"message":"..."}}.
void check_api_error(const std::string& body, int status) {
  CAPTURE(body);
  const json j = json::parse(body, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  REQUIRE(j.contains("error"));
  CHECK(j["error"]["status"] == status);
  CHECK(j["error"]["message"].is_string());
  CHECK_FALSE(j["error"]["message"].get<std::string>().empty());
}

// A server with short timeouts, for the slow-client tests.
ServerOptions short_timeouts(const std::filesystem::path& index_root) {
  ServerOptions options;
  options.index_root = index_root;
  options.port = 0;
  options.threads = 4;
  options.access_log = false;
  options.read_timeout_seconds = 1;
  options.write_timeout_seconds = 1;
  options.keep_alive_seconds = 1;
  return options;
}

// Bytes a socket may queue for sending at most (Linux: tcp_wmem's maximum).
std::size_t max_send_buffer() {
  std::ifstream in("/proc/sys/net/ipv4/tcp_wmem");
  std::size_t min = 0, initial = 0, max = 4 << 20;
  in >> min >> initial >> max;
  return max;
}

}  // namespace

TEST_CASE("security headers on every kind of route, errors and 304s included") {
  ServedFixture f;
  auto c = f.server->client();
  const std::vector<std::string> targets = {
      "/",
      "/search?q=thu+tuc",
      "/doc/van-phong/the-thuc",
      "/don-vi/van-phong-hdnd-va-ubnd",
      "/so-tay",
      "/opensearch.xml",
      "/static/site.css",
      "/api/search?q=van+thu",
      "/api/suggest?q=van",
      "/api/doc/van-phong/the-thuc",
      "/healthz",
      "/metrics",
      "/khong-co",                            // 404 page
      "/api/khong-co",                        // 404 JSON
      "/api/search?limit=abc",                // 400 JSON
      "/search?q=" + std::string(2000, 'a'),  // 400 page
  };
  std::vector<std::string> revalidated;
  for (const std::string& target : targets) {
    CAPTURE(target);
    const auto res = c.Get(target);
    REQUIRE(res);
    CHECK(res->status != 500);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    const std::string csp = res->get_header_value("Content-Security-Policy");
    CHECK(contains(csp, "default-src 'self'"));
    CHECK(contains(csp, "frame-ancestors 'none'"));
    // A 304 for the same page keeps them.
    const std::string etag = res->get_header_value("ETag");
    if (res->status == 200 && !etag.empty()) {
      const auto again = c.Get(target, {{"If-None-Match", etag}});
      REQUIRE(again);
      CHECK(again->status == 304);
      CHECK(again->get_header_value("X-Content-Type-Options") == "nosniff");
      CHECK(contains(again->get_header_value("Content-Security-Policy"), "frame-ancestors"));
      revalidated.push_back(target);
    }
  }
  // The 304 checks above ran for pages, the API and static files.
  for (const char* target :
       {"/doc/van-phong/the-thuc", "/api/search?q=van+thu", "/static/site.css"}) {
    CAPTURE(target);
    CHECK(std::find(revalidated.begin(), revalidated.end(), target) != revalidated.end());
  }
  const auto posted = c.Post("/api/search", "x", "text/plain");
  REQUIRE(posted);
  CHECK(posted->get_header_value("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("every error under /api/ has the JSON shape {error:{status,message}}") {
  ServedFixture f;
  auto c = f.server->client();
  SUBCASE("404 for an unknown API route and an unknown document") {
    for (const char* target : {"/api/khong-co", "/api/", "/api/doc/khong/co"}) {
      CAPTURE(target);
      const auto res = c.Get(target);
      REQUIRE(res);
      CHECK(res->status == 404);
      CHECK(res->get_header_value("Content-Type") == "application/json");
      check_api_error(res->body, 404);
    }
    // Pages keep their HTML 404.
    const auto page = c.Get("/khong-co");
    REQUIRE(page);
    CHECK(page->status == 404);
    CHECK(contains(page->get_header_value("Content-Type"), "text/html"));
  }
  SUBCASE("405 with Allow for other methods on the API routes") {
    const auto post = c.Post("/api/search", "q=x", "application/x-www-form-urlencoded");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
    check_api_error(post->body, 405);
    const auto del = c.Delete("/api/doc/van-phong/the-thuc");
    REQUIRE(del);
    CHECK(del->status == 405);
    check_api_error(del->body, 405);
    const auto put = c.Put("/api/suggest", "x", "text/plain");
    REQUIRE(put);
    CHECK(put->status == 405);
    // Unknown API route with another method: 404, same shape.
    const auto unknown = c.Post("/api/khong-co", "x", "text/plain");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    check_api_error(unknown->body, 404);
  }
  SUBCASE("400 for bad parameters and for a malformed request") {
    for (const char* target :
         {"/api/search?limit=abc", "/api/search?offset=-1", "/api/suggest?limit=99"}) {
      CAPTURE(target);
      const auto res = c.Get(target);
      REQUIRE(res);
      CHECK(res->status == 400);
      check_api_error(res->body, 400);
    }
    const auto long_query = c.Get("/api/search?q=" + std::string(1001, 'a'));
    REQUIRE(long_query);
    CHECK(long_query->status == 400);
    check_api_error(long_query->body, 400);
    RawConnection raw(f.server->port());
    REQUIRE(raw.send_bytes("FOO /api/search?q=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    // httplib rejects the request line before it parses the path, so the
    // answer cannot know it was for /api/: a bare 400.
    CHECK(status_of(raw.read_response()) == 400);
  }
  SUBCASE("413 for a body over the limit") {
    const auto res = c.Post("/api/search", std::string(65 * 1024, 'x'), "text/plain");
    REQUIRE(res);
    CHECK(res->status == 413);
    check_api_error(res->body, 413);
  }
  SUBCASE("400 for a header line over 8 KiB, 414 for a URI over 8 KiB") {
    RawConnection header(f.server->port());
    REQUIRE(header.send_bytes("GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nX-Big: " +
                              std::string(9000, 'a') + "\r\nConnection: close\r\n\r\n"));
    const std::string h = header.read_response();
    CHECK(status_of(h) == 400);
    CHECK(contains(h, "nosniff"));
    check_api_error(body_of(h), 400);
    RawConnection uri(f.server->port());
    REQUIRE(uri.send_bytes("GET /api/search?q=" + std::string(9000, 'a') +
                           " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    CHECK(status_of(uri.read_response()) == 414);
    // The server goes on serving.
    const auto ok = c.Get("/api/search?q=van+thu");
    REQUIRE(ok);
    CHECK(ok->status == 200);
  }
}

TEST_CASE("500 under /api/ has the JSON shape, pages a plain message") {
  // What the server's exception handler answers for an unexpected exception.
  httplib::Request req;
  httplib::Response api;
  req.path = "/api/search";
  Handlers::server_error(req, api);
  CHECK(api.status == 500);
  check_api_error(api.body, 500);
  httplib::Response page;
  req.path = "/search";
  Handlers::server_error(req, page);
  CHECK(page.status == 500);
  CHECK_FALSE(contains(page.get_header_value("Content-Type"), "json"));
}

TEST_CASE("503 under /api/ is JSON when there is no edition yet") {
  TempDir tmp;
  std::filesystem::create_directories(tmp.path() / "index");
  test::TestServer server(tmp.path() / "index");
  auto c = server.client();
  const auto res = c.Get("/api/search?q=x");
  REQUIRE(res);
  CHECK(res->status == 503);
  check_api_error(res->body, 503);
  const auto page = c.Get("/search?q=x");
  REQUIRE(page);
  CHECK(page->status == 503);
  CHECK_FALSE(contains(page->get_header_value("Content-Type"), "json"));
}

TEST_CASE("a client sending its request slower than the read timeout is disconnected") {
  TempDir tmp;
  test::write_fixture_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  test::TestServer server(short_timeouts(tmp.path() / "index"));
  // A request cut short, then silence: in the request line, and in the headers.
  for (const std::string started : {"G", "GET /healthz HTTP/1.1\r\nHost: x\r\n"}) {
    CAPTURE(started);
    RawConnection slow(server.port());
    REQUIRE(slow.send_bytes(started));
    // While the slow client stalls, another is served.
    httplib::Client other("127.0.0.1", server.port());
    other.set_read_timeout(5, 0);
    const auto res = other.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    // The server closes the connection (read timeout 1 s) without answering.
    std::string received;
    REQUIRE_MESSAGE(slow.closed_within(std::chrono::seconds(5), received),
                    "the server still waits for the request after 5 s (read timeout 1 s)");
    CHECK(status_of(received) != 200);
  }
}

TEST_CASE("a client that never reads holds the only worker no longer than the write timeout") {
  TempDir tmp;
  test::write_fixture_content(tmp.path() / "content");
  // A page larger than the server's send buffer can hold: the worker
  // writing it to a client that never reads blocks until the write timeout.
  const std::string paragraph(1000, 'x');
  std::string body;
  while (body.size() < max_send_buffer() + (1 << 20)) body += paragraph + "\n\n";
  test::write_file(tmp.path() / "content/lon/trang.md",
                   test::content_file("title: Trang lớn\ndepartment: Văn phòng\n", body));
  test::build(tmp.path() / "content", tmp.path() / "index");
  ServerOptions options = short_timeouts(tmp.path() / "index");
  options.threads = 1;  // no other worker to hide a stuck one
  test::TestServer server(options);
  RawConnection greedy(server.port(), std::chrono::seconds(5), 4096);
  REQUIRE(greedy.send_bytes("GET /doc/lon/trang HTTP/1.1\r\nHost: x\r\n\r\n"));

  // Accepted after the greedy connection, this client waits for the only
  // worker; it is answered once the write timeout (1 s) frees it.
  httplib::Client normal("127.0.0.1", server.port());
  normal.set_read_timeout(10, 0);
  const auto res = normal.Get("/healthz");
  REQUIRE_MESSAGE(res, "no answer within 10 s while a client that never reads holds the worker");
  CHECK(res->status == 200);

  // The server gave up on the greedy connection: reading it now gives what
  // was buffered before the write timeout, then the end of the connection.
  std::string received;
  REQUIRE_MESSAGE(greedy.closed_within(std::chrono::seconds(10), received),
                  "the server still holds the connection of a client that never read");
  REQUIRE(status_of(received) == 200);
  CAPTURE(received.size());
  CHECK(body_of(received).size() < body.size());  // cut short, not the whole page
}

}  // namespace sotay
