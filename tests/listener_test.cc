// The listening socket (server/listener.h): a burst of connections while the
// server cannot accept is queued by the kernel instead of dropped, a second
// server on a port in use fails instead of sharing it, and a restart binds
// over the connections the previous server left in TIME_WAIT.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace sotay {

using test::ChildServer;
using test::contains;
using test::TempDir;

namespace {

// Non-blocking connections to 127.0.0.1:port, closed on destruction.
class Burst {
 public:
  Burst(int port, std::size_t n) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (std::size_t i = 0; i < n; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      REQUIRE(fd >= 0);
      fds_.push_back(fd);
      ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);  // EINPROGRESS
    }
  }
  ~Burst() {
    for (int fd : fds_) ::close(fd);
  }
  Burst(const Burst&) = delete;
  Burst& operator=(const Burst&) = delete;

  // How many handshakes have completed within `wait`. A dropped SYN is
  // retried only after 1 s, so 500 ms tells queued from dropped.
  std::size_t connected_within(std::chrono::milliseconds wait) const {
    const auto until = std::chrono::steady_clock::now() + wait;
    std::vector<pollfd> pending;
    for (int fd : fds_) pending.push_back({fd, POLLOUT, 0});
    std::size_t connected = 0;
    while (!pending.empty()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      if (::poll(pending.data(), pending.size(), static_cast<int>(left.count())) <= 0) break;
      std::vector<pollfd> still;
      for (const pollfd& p : pending) {
        if (p.revents == 0) {
          still.push_back({p.fd, POLLOUT, 0});
          continue;
        }
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error == 0) ++connected;
      }
      pending.swap(still);
    }
    return connected;
  }

  // Sends one request on every connection and counts the "200 OK" answers
  // that arrive within `wait`.
  std::size_t answered_ok(const std::string& path, std::chrono::seconds wait) const {
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (int fd : fds_) ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    const auto until = std::chrono::steady_clock::now() + wait;
    std::vector<std::string> heads(fds_.size());
    std::vector<bool> done(fds_.size(), false);
    std::size_t ok = 0, open = fds_.size();
    while (open > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      std::vector<pollfd> polls;
      std::vector<std::size_t> which;
      for (std::size_t i = 0; i < fds_.size(); ++i) {
        if (done[i]) continue;
        polls.push_back({fds_[i], POLLIN, 0});
        which.push_back(i);
      }
      if (::poll(polls.data(), polls.size(), static_cast<int>(left.count())) <= 0) break;
      for (std::size_t k = 0; k < polls.size(); ++k) {
        if (polls[k].revents == 0) continue;
        const std::size_t i = which[k];
        char buf[256];
        const ssize_t n = ::recv(fds_[i], buf, sizeof buf, 0);
        if (n > 0) heads[i].append(buf, static_cast<std::size_t>(n));
        if (n <= 0 || heads[i].size() >= 15) {
          done[i] = true;
          --open;
          if (heads[i].rfind("HTTP/1.1 200 OK", 0) == 0) ++ok;
        }
      }
    }
    return ok;
  }

 private:
  std::vector<int> fds_;
};

ServerOptions on_port(const std::filesystem::path& index, int port) {
  ServerOptions options;
  options.index_root = index;
  options.port = port;
  options.threads = 4;
  options.access_log = false;
  return options;
}

}  // namespace

TEST_CASE("a burst of connections while the server cannot accept is queued, then answered") {
  TempDir tmp;
  test::write_fixture_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  const std::string index = (tmp.path() / "index").string();
  constexpr std::size_t burst = 200;

  SUBCASE("the default backlog holds the burst") {
    ChildServer server({"--index", index, "--no-access-log"}, tmp.path() / "server.log");
    server.signal(SIGSTOP);  // as a server busy on every core: nothing is accepted
    Burst connections(server.port(), burst);
    CHECK(connections.connected_within(std::chrono::milliseconds(500)) == burst);
    server.signal(SIGCONT);
    CHECK(connections.answered_ok("/healthz", std::chrono::seconds(20)) == burst);
  }
  SUBCASE("--backlog is what the kernel queues") {
    // The control: a backlog of 16 drops most of the same burst, which
    // cpp-httplib's own backlog of 5 did to wrk's 64 connections.
    ChildServer server({"--index", index, "--no-access-log", "--backlog", "16"},
                       tmp.path() / "server.log");
    server.signal(SIGSTOP);
    Burst connections(server.port(), burst);
    const std::size_t connected = connections.connected_within(std::chrono::milliseconds(500));
    CHECK(connected >= 16);
    CHECK(connected <= 32);
    server.signal(SIGCONT);
  }
}

TEST_CASE("a second server on a port in use fails to start, a restart binds over TIME_WAIT") {
  TempDir tmp;
  test::write_fixture_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  const auto index = tmp.path() / "index";
  int port = 0;
  {
    test::TestServer first(on_port(index, 0));
    port = first.port();
    Server second(on_port(index, port));
    std::string message;
    try {
      second.bind();
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    CHECK(contains(message, std::to_string(port)));
    CHECK(contains(message, "đang được một chương trình khác dùng"));
    // The first server still has every connection.
    httplib::Client c("127.0.0.1", port);
    const auto res = c.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  // The first server closed its connection first: the socket waits in
  // TIME_WAIT on this port, and a restart must still bind it.
  test::TestServer restarted(on_port(index, port));
  httplib::Client c("127.0.0.1", port);
  const auto res = c.Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
}

}  // namespace sotay
