// The connection gate (server/connection_gate.h): slow or idle clients hold
// no worker, request heads are bounded, pipelined requests are answered,
// compressed bodies are refused before they are inflated.
#include <doctest/doctest.h>
#include <signal.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "raw_connection.h"
#include "server.h"
#include "test_support.h"

namespace sotay {

namespace {

using test::RawConnection;
using test::TempDir;
using Clock = std::chrono::steady_clock;

// The fixture content built into an index under `tmp`.
std::filesystem::path fixture_index(const TempDir& tmp) {
  test::write_fixture_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  return tmp.path() / "index";
}

// One worker, so a held worker shows at once; short timeouts.
ServerOptions one_worker(const std::filesystem::path& index_root) {
  ServerOptions options;
  options.index_root = index_root;
  options.port = 0;
  options.threads = 1;
  options.access_log = false;
  options.read_timeout_seconds = 1;
  options.write_timeout_seconds = 1;
  options.head_timeout_seconds = 2;
  options.keep_alive_seconds = 5;
  return options;
}

// A GET that must be answered within `bound` (a bound, not a measurement).
int status_within(int port, const std::string& path, std::chrono::seconds bound) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(bound);
  client.set_read_timeout(bound);
  const auto res = client.Get(path.c_str());
  return res ? res->status : 0;
}

// "VmHWM" (peak resident memory) of process `pid`, in KiB.
long peak_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// `bytes` zero bytes, gzip-compressed (a "gzip bomb": about 1000:1).
std::string gzip_of_zeros(std::size_t bytes) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  const std::string chunk(1 << 20, '\0');
  std::string out;
  char buf[1 << 16];
  for (std::size_t done = 0; done < bytes; done += chunk.size()) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(chunk.size());
    const int flush = done + chunk.size() >= bytes ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

}  // namespace

TEST_CASE("slow and idle clients hold no worker") {
  TempDir tmp;
  test::TestServer server(one_worker(fixture_index(tmp)));

  SUBCASE("heads that have begun and stalled") {
    std::vector<std::unique_ptr<RawConnection>> stalled;
    for (int i = 0; i < 8; ++i) {
      stalled.push_back(std::make_unique<RawConnection>(server.port()));
      REQUIRE(stalled.back()->send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    }
    CHECK(status_within(server.port(), "/healthz", std::chrono::seconds(2)) == 200);
  }
  SUBCASE("a head trickling in faster than the read timeout ends with 408") {
    RawConnection trickle(server.port());
    REQUIRE(trickle.send_bytes("GET /healthz HTTP/1.1\r\n"));
    const auto start = Clock::now();
    bool open = true;
    // One header line every 300 ms never passes the read timeout (1 s);
    // the head timeout (2 s) ends it. 20 lines would take 6 s.
    for (int i = 0; i < 20 && open; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      open = trickle.send_bytes("X-Slow: " + std::to_string(i) + "\r\n");
      CHECK(status_within(server.port(), "/healthz", std::chrono::seconds(2)) == 200);
    }
    CAPTURE(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
    CHECK_FALSE(open);
    CHECK(RawConnection::status_of(trickle.read_response()) == 408);
  }
  SUBCASE("idle keep-alive connections") {
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 4; ++i) {
      idle.push_back(std::make_unique<RawConnection>(server.port()));
      REQUIRE(idle.back()->send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
      REQUIRE(RawConnection::status_of(idle.back()->read_response()) == 200);
    }
    CHECK(status_within(server.port(), "/healthz", std::chrono::seconds(2)) == 200);
    // And they can still be used.
    REQUIRE(idle.front()->send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(RawConnection::status_of(idle.front()->read_response()) == 200);
  }
}

TEST_CASE("pipelined requests are answered in order on one connection") {
  TempDir tmp;
  test::TestServer server(one_worker(fixture_index(tmp)));
  RawConnection c(server.port(), std::chrono::seconds(3));
  REQUIRE(
      c.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /api/search?q=thu+tuc HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /khong-co HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string first = c.read_response();
  const std::string second = c.read_response();
  const std::string third = c.read_response();
  CHECK(RawConnection::status_of(first) == 200);
  CHECK(test::contains(first, "\"documents\""));
  CHECK(RawConnection::status_of(second) == 200);
  CHECK(test::contains(second, "\"hits\""));
  CHECK(RawConnection::status_of(third) == 404);
}

TEST_CASE("request heads beyond the limits are refused with 431") {
  TempDir tmp;
  test::TestServer server(one_worker(fixture_index(tmp)));
  SUBCASE("too many headers") {
    RawConnection c(server.port());
    std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i) head += "X-" + std::to_string(i) + ": y\r\n";
    REQUIRE(c.send_bytes(head + "\r\n"));
    CHECK(RawConnection::status_of(c.read_response()) == 431);
  }
  SUBCASE("a head larger than 32 KB") {
    RawConnection c(server.port());
    REQUIRE(c.send_bytes("GET /api/search?q=x HTTP/1.1\r\nX-Big: " + std::string(40000, 'a') +
                         "\r\n\r\n"));
    const std::string response = c.read_response();
    CHECK(RawConnection::status_of(response) == 431);
    CHECK(test::contains(response, "\"error\""));  // JSON under /api/
  }
  SUBCASE("at the limits the request is served") {
    RawConnection c(server.port());
    std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 99; ++i) head += "X-" + std::to_string(i) + ": y\r\n";
    REQUIRE(c.send_bytes(head + "\r\n"));
    CHECK(RawConnection::status_of(c.read_response()) == 200);
  }
}

TEST_CASE("a million headers cost the server no memory and no worker") {
  TempDir tmp;
  const auto index = fixture_index(tmp);
  test::ChildServer server({"--index", index.string(), "--no-access-log", "--threads", "1"},
                           tmp.path() / "server.log");
  const long before = peak_kib(server.pid());
  {
    RawConnection c(server.port());
    const std::string block = [] {
      std::string b;
      for (int i = 0; i < 10000; ++i) b += "X-Header: value\r\n";
      return b;
    }();
    c.send_bytes("GET /healthz HTTP/1.1\r\n");
    for (int i = 0; i < 100 && c.send_bytes(block); ++i) {
    }
  }
  CHECK(status_within(server.port(), "/healthz", std::chrono::seconds(2)) == 200);
  const long after = peak_kib(server.pid());
  CAPTURE(before);
  CAPTURE(after);
  // Buffered, the 17 MB (16.2 MiB) of header lines would cost at least that,
  // and a map entry per header far more. Measured growth: about 3 MiB in a
  // release build, 8.2-8.8 MiB under ASan (redzones, quarantine), hence 12 MiB.
  CHECK(after - before < 12 * 1024);
}

TEST_CASE("a compressed request body is refused before it is inflated") {
  TempDir tmp;
  const auto index = fixture_index(tmp);
  test::ChildServer server({"--index", index.string(), "--no-access-log"},
                           tmp.path() / "server.log");
  const std::string bomb = gzip_of_zeros(std::size_t{512} << 20);  // 512 MB inflated
  CAPTURE(bomb.size());
  const long before = peak_kib(server.pid());
  for (const char* path : {"/api/search", "/search"}) {
    CAPTURE(path);
    RawConnection c(server.port());
    c.send_bytes(std::string("POST ") + path +
                 " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Content-Encoding: gzip\r\nContent-Length: " +
                 std::to_string(bomb.size()) + "\r\n\r\n" + bomb);
    const std::string response = c.read_response();
    CHECK(RawConnection::status_of(response) == 415);
    CHECK(test::contains(response, "Content-Encoding"));
    CHECK(c.closed_by_server());
  }
  const long after = peak_kib(server.pid());
  CAPTURE(before);
  CAPTURE(after);
  CHECK(after - before < 32 * 1024);
  CHECK(status_within(server.port(), "/healthz", std::chrono::seconds(2)) == 200);
}

TEST_CASE("connections past max_connections are refused at once") {
  TempDir tmp;
  ServerOptions options = one_worker(fixture_index(tmp));
  options.max_connections = 3;
  test::TestServer server(options);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<RawConnection>(server.port()));
  // The accept loop takes them in order; the fourth finds the gate full.
  RawConnection extra(server.port());
  CHECK(RawConnection::status_of(extra.read_response()) == 503);
  held.clear();
  // Closed connections leave the count (the gate sees them close).
  const auto until = Clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (status != 200 && Clock::now() < until) {
    status = status_within(server.port(), "/healthz", std::chrono::seconds(2));
  }
  CHECK(status == 200);
}

TEST_CASE("a client that asks again at once does not keep the only worker from others") {
  TempDir tmp;
  test::TestServer server(one_worker(fixture_index(tmp)));
  // A asks 40 times, each at once after its answer (within the linger);
  // B asks once A has had 3 answers.
  constexpr int ROUNDS = 40;
  std::atomic<int> a_answered{0};
  std::thread a([&] {
    RawConnection c(server.port(), std::chrono::seconds(5));
    for (int i = 0; i < ROUNDS; ++i) {
      if (!c.send_bytes("GET /api/search?q=thu+tuc HTTP/1.1\r\nHost: x\r\n\r\n")) return;
      if (RawConnection::status_of(c.read_response()) != 200) return;
      ++a_answered;
    }
  });
  while (a_answered < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  RawConnection b(server.port(), std::chrono::seconds(5));
  REQUIRE(b.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(RawConnection::status_of(b.read_response()) == 200);
  const int a_when_b = a_answered;
  a.join();
  CHECK(a_answered == ROUNDS);
  CAPTURE(a_when_b);
  CHECK(a_when_b < ROUNDS);
}

TEST_CASE("a next head that only begins within the linger is parked and answered when whole") {
  TempDir tmp;
  test::TestServer server(one_worker(fixture_index(tmp)));
  RawConnection c(server.port(), std::chrono::seconds(3));
  REQUIRE(c.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/search?q=thu"));
  CHECK(RawConnection::status_of(c.read_response()) == 200);
  // The worker is free while the rest is late: another client is answered.
  CHECK(status_within(server.port(), "/healthz", std::chrono::seconds(2)) == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  REQUIRE(c.send_bytes("+tuc HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string second = c.read_response();
  CHECK(RawConnection::status_of(second) == 200);
  CHECK(test::contains(second, "\"hits\""));
}
}  // namespace sotay
