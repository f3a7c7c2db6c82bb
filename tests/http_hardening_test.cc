// HTTP hardening (issue 8): security headers on every kind of route, one
// JSON error shape under /api/, size limits, and slow clients cut off by
// the read timeout while others are served.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "handlers.h"
#include "test_support.h"

namespace sotay {
namespace {

using nlohmann::json;
using test::contains;
using test::ServedFixture;
using test::TempDir;

// A raw TCP connection to 127.0.0.1:port, for requests httplib::Client
// would not send.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    const timeval tv{5, 0};  // a bound on every read, not a measurement
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer has closed the connection.
  bool send_bytes(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // One response (headers and Content-Length bytes of body), or what came
  // before the server closed the connection (or 5 s of silence).
  std::string read_all() {
    std::string out;
    char buf[4096];
    for (ssize_t n; !complete(out) && (n = recv(fd_, buf, sizeof buf, 0)) > 0;) {
      out.append(buf, n);
    }
    return out;
  }

 private:
  static bool complete(const std::string& response) {
    const auto end = response.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const auto at = response.find("Content-Length: ");
    if (at == std::string::npos || at > end) return false;
    return response.size() >= end + 4 + std::stoul(response.substr(at + 16));
  }

  int fd_;
};

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

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
  return options;
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
    }
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
    CHECK(status_of(raw.read_all()) == 400);
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
    const std::string h = header.read_all();
    CHECK(status_of(h) == 400);
    CHECK(contains(h, "nosniff"));
    check_api_error(body_of(h), 400);
    RawConnection uri(f.server->port());
    REQUIRE(uri.send_bytes("GET /api/search?q=" + std::string(9000, 'a') +
                           " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    CHECK(status_of(uri.read_all()) == 414);
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

  SUBCASE("byte by byte, each pause longer than the timeout") {
    RawConnection slow(server.port());
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    std::size_t sent = 0;
    for (; sent < 3; ++sent) {
      if (!slow.send_bytes(request.substr(sent, 1))) break;
      // While the slow client stalls, another is served at once.
      httplib::Client other("127.0.0.1", server.port());
      const auto res = other.Get("/healthz");
      REQUIRE(res);
      CHECK(res->status == 200);
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    }
    // The server closed the connection instead of answering the request.
    const std::string rest = request.substr(sent);
    slow.send_bytes(rest);
    CHECK(status_of(slow.read_all()) != 200);
  }
  SUBCASE("headers started, then silence") {
    RawConnection idle(server.port());
    REQUIRE(idle.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    idle.send_bytes("\r\n");
    CHECK(status_of(idle.read_all()) != 200);
  }
  SUBCASE("a client that never reads is not served forever") {
    // Requests pipelined without reading the answers: the server's writes
    // time out (or the requests are answered into the socket buffers) and
    // the server stays available.
    RawConnection greedy(server.port());
    std::string pipelined;
    for (int i = 0; i < 50; ++i) pipelined += "GET /so-tay HTTP/1.1\r\nHost: x\r\n\r\n";
    greedy.send_bytes(pipelined);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    httplib::Client other("127.0.0.1", server.port());
    const auto res = other.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
}

}  // namespace sotay
