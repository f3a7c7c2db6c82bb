// The server in production: metrics, caching, gzip, graceful stop, and
// databases that change in place (replicas).
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "incremental_build.h"
#include "observability.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// How many documents /api/search finds for `q` (-1: no answer).
int found(const TestServer& server, const std::string& q) {
  auto c = server.client();
  const auto res = c.Get("/api/search?q=" + q);
  if (!res || res->status != 200) return -1;
  return json::parse(res->body)["total"].get<int>();
}

std::string served_edition(const TestServer& server) {
  auto c = server.client();
  const auto res = c.Get("/healthz");
  if (!res || res->status != 200) return "";
  return json::parse(res->body).value("edition", "");
}

// Polls /healthz until it reports `id` (at most 10 s); the test fails after.
bool wait_for_edition(const TestServer& server, const std::string& id) {
  return wait_until([&] { return served_edition(server) == id; }, std::chrono::seconds(10));
}

// A socket connected to 127.0.0.1:port; every read gives up after 10 s.
int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  const timeval bound{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

TEST_CASE("/metrics: requests by route and status, latency histogram, edition") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  const BuildReport r = build(tmp.path() / "content", tmp.path() / "index");
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  // One connection: the server counts each request before it reads the next.
  c.set_keep_alive(true);
  REQUIRE(c.Get("/search?q=van+thu")->status == 200);
  REQUIRE(c.Get("/search?q=van+thu")->status == 200);
  REQUIRE(c.Get("/khong-co-trang-nay")->status == 404);
  const auto m = c.Get("/metrics");
  REQUIRE(m);
  CHECK(m->status == 200);
  CHECK(contains(m->get_header_value("Content-Type"), "text/plain; version=0.0.4"));
  CHECK(contains(m->body, "sotay_http_requests_total{route=\"/search\",status=\"200\"} 2\n"));
  CHECK(contains(m->body, "sotay_http_requests_total{route=\"other\",status=\"404\"} 1\n"));
  CHECK(contains(m->body, "# TYPE sotay_http_request_duration_seconds histogram"));
  CHECK(contains(m->body,
                 "sotay_http_request_duration_seconds_bucket{route=\"/search\",le=\"+Inf\"} 2\n"));
  CHECK(contains(m->body, "sotay_http_request_duration_seconds_count{route=\"/search\"} 2\n"));
  CHECK(contains(m->body, "sotay_edition_info{edition=\"" + r.edition_id + "\""));
  CHECK(contains(m->body, "sotay_edition_documents 5\n"));
  CHECK(m->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("access log line: time, method, path without query, status, bytes, duration") {
  httplib::Request req;
  req.method = "GET";
  req.path = "/search";
  req.target = "/search?q=secret&token=abc";
  httplib::Response res;
  res.status = 200;
  res.body = std::string(1234, 'x');
  const std::string line = access_log_line(req, res, 3.25);
  CHECK(line.size() > 24);
  CHECK(line[4] == '-');
  CHECK(line.substr(24) == " GET /search 200 1234 3.2ms");
  CHECK_FALSE(contains(line, "secret"));
  CHECK(route_label("/doc/van-phong/the-thuc", 200) == "/doc");
  CHECK(route_label("/api/doc/x/y", 200) == "/api/doc");
  CHECK(route_label("/random/junk", 404) == "other");
  CHECK(route_label("/", 200) == "/");
}

TEST_CASE("ETag and Cache-Control: 304 for the same edition, 200 after a new one") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  const BuildReport first = build(content, tmp.path() / "index");
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  for (const char* path :
       {"/doc/van-phong/the-thuc", "/search?q=van+thu", "/api/search?q=a", "/static/site.css"}) {
    INFO(path);
    const auto a = c.Get(path);
    REQUIRE(a);
    REQUIRE(a->status == 200);
    const std::string etag = a->get_header_value("ETag");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');
    CHECK_FALSE(a->get_header_value("Cache-Control").empty());
    const auto b = c.Get(path, {{"If-None-Match", etag}});
    REQUIRE(b);
    CHECK(b->status == 304);
    CHECK(b->body.empty());
    CHECK(c.Get(path, {{"If-None-Match", "\"other\""}})->status == 200);
  }
  const std::string page_etag = c.Get("/doc/van-phong/the-thuc")->get_header_value("ETag");
  CHECK(contains(page_etag, first.edition_id));
  CHECK(page_etag != c.Get("/search?q=van+thu")->get_header_value("ETag"));
  write_file(content / "moi.md", content_file("title: Mới\ndepartment: Văn phòng\n", "Mới.\n"));
  const BuildReport second = build(content, tmp.path() / "index");
  REQUIRE(wait_for_edition(server, second.edition_id));
  const auto after = c.Get("/doc/van-phong/the-thuc", {{"If-None-Match", page_etag}});
  REQUIRE(after);
  CHECK(after->status == 200);
  CHECK(contains(after->get_header_value("ETag"), second.edition_id));
  CHECK(c.Get("/healthz")->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("gzip for HTML, CSS and JSON when the client accepts it") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  c.set_decompress(false);
  for (const char* path : {"/doc/van-phong/the-thuc", "/static/site.css",
                           "/api/doc/van-phong/the-thuc", "/api/search?q=van+thu"}) {
    INFO(path);
    const auto plain = c.Get(path);
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    const auto z = c.Get(path, {{"Accept-Encoding", "gzip"}});
    INFO(httplib::to_string(z.error()));
    REQUIRE(z);
    CHECK(z->status == 200);
    CHECK(z->get_header_value("Content-Encoding") == "gzip");
    CHECK(z->body.size() < plain->body.size());
    CHECK(z->body.substr(0, 2) == "\x1f\x8b");
  }
  // The client library decompresses: the JSON is intact.
  auto d = server.client();
  const auto j = d.Get("/api/search?q=van+thu", {{"Accept-Encoding", "gzip"}});
  REQUIRE(j);
  CHECK(json::parse(j->body)["total"].get<int>() > 0);
}

TEST_CASE("stopping the server lets a request in flight finish") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  ServerOptions options;
  options.index_root = tmp.path() / "index";
  options.port = 0;
  options.threads = 2;
  options.access_log = false;
  Server server(options);
  const int port = server.bind();
  std::thread listening([&] { server.listen(); });
  // Stops and joins on every way out, a failed REQUIRE included.
  struct StopAndJoin {
    Server& server;
    std::thread& listening;
    ~StopAndJoin() {
      server.stop();
      if (listening.joinable()) listening.join();
    }
  } stop_and_join{server, listening};
  server.wait_until_ready();

  const int fd = connect_to(port);
  REQUIRE(fd >= 0);
  // Half a request: the server is reading it when it is told to stop.
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  REQUIRE(::write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
  // Connections are accepted in order and the pool takes them in order: once
  // a later one is answered, the half request is with a worker.
  httplib::Client later("127.0.0.1", port);
  later.set_read_timeout(10, 0);
  const auto answered = later.Get("/healthz");
  REQUIRE(answered);
  REQUIRE(answered->status == 200);
  server.stop();
  // stop() has taken effect when the listening socket is gone.
  REQUIRE_MESSAGE(wait_until(
                      [&] {
                        const int probe = connect_to(port);
                        if (probe >= 0) ::close(probe);
                        return probe < 0;
                      },
                      std::chrono::seconds(10)),
                  "the server still accepts connections 10 s after stop()");
  const std::string rest = "Connection: close\r\n\r\n";
  REQUIRE(::write(fd, rest.data(), rest.size()) == static_cast<ssize_t>(rest.size()));
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    answer.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  listening.join();
  CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(contains(answer, "\"status\""));
}

TEST_CASE("a database changed in place is reopened: plain database and replica directory") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  const BuildReport a = build(content, tmp.path() / "index");
  const fs::path edition_a = *current_edition(tmp.path() / "index");
  write_file(content / "moi.md", content_file("title: Mới\ndepartment: Văn phòng\n", "Mới.\n"));
  const BuildReport b = build(content, tmp.path() / "index");
  const fs::path edition_b = *current_edition(tmp.path() / "index");

  SUBCASE("a replica directory whose stub switches after a full copy") {
    // What xapian-replicate does: replica_1 is live, a full copy arrives in
    // replica_0, the stub XAPIANDB is replaced and replica_1 deleted.
    const fs::path replica = tmp.path() / "replica";
    copy_database(edition_a, replica / "replica_1");
    write_file(replica / "XAPIANDB", "auto replica_1\n");
    CHECK(is_in_place_database(replica));
    TestServer server(replica);
    REQUIRE(served_edition(server) == a.edition_id);
    REQUIRE(found(server, "moi") == 0);
    copy_database(edition_b, replica / "replica_0");
    write_file(replica / "XAPIANDB.tmp", "auto replica_0\n");
    fs::rename(replica / "XAPIANDB.tmp", replica / "XAPIANDB");
    fs::remove_all(replica / "replica_1");
    CHECK(wait_for_edition(server, b.edition_id));
    CHECK(found(server, "moi") == 1);  // the new copy's documents, not only its metadata
  }
  SUBCASE("a database directory written in place") {
    const fs::path db_dir = tmp.path() / "db";
    copy_database(edition_a, db_dir);
    TestServer server(db_dir);
    REQUIRE(served_edition(server) == a.edition_id);
    {
      Xapian::WritableDatabase w(db_dir.string(), Xapian::DB_OPEN);
      json ed = json::parse(w.get_metadata("edition"));
      ed["id"] = "in-place-2";
      w.set_metadata("edition", ed.dump());
      w.commit();
    }
    CHECK(wait_for_edition(server, "in-place-2"));
  }
}
