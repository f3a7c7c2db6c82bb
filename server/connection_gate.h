// The connection gate: how sotay-server holds its connections.
//
// cpp-httplib 0.11 (Debian 12) gives each connection a worker thread from
// accept to close. So a client that sends its request head one line every
// few seconds (slowloris), or keeps idle keep-alive connections open, holds
// a worker each: 16 of them and no search is answered. It also accepts a head
// of any number of headers (a million of them took 12 MB that was never
// given back), and drops pipelined requests (each request gets a fresh read
// buffer, so the connection hangs until the keep-alive timeout).
//
// GatedServer is httplib::Server with that per-connection loop replaced
// (process_and_close_socket() is a virtual of httplib::Server). One poller
// thread (epoll) holds every connection that waits for a request head — new
// ones and idle keep-alive ones — and reads what arrives without blocking:
//   - the whole head must arrive within `head_timeout` of its first byte,
//     with no pause longer than `read_timeout` (else 408), and within
//     `max_head_bytes` and `max_headers` (else 431);
//   - a keep-alive connection without a new request for `idle_timeout` is
//     closed, as is one that would pass `max_connections`.
// Only a complete head takes a worker, which runs httplib's own
// process_request() (routing, handlers, body, response) over a GateStream
// that starts with the bytes already read; pipelined requests are answered
// in order, and a next request that arrives within `linger` of an answer is
// answered on the same worker, unless other connections wait for one.
// Reading a body is bounded by `read_timeout` per read and `body_timeout`
// in all.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include <httplib.h>

namespace sotay {

struct GateLimits {
  std::size_t workers = 16;
  std::chrono::milliseconds head_timeout{10000};
  std::chrono::milliseconds idle_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds write_timeout{10000};
  std::chrono::milliseconds body_timeout{30000};
  std::size_t max_head_bytes = 32 * 1024;
  std::size_t max_headers = 100;
  std::size_t max_connections = 2048;  // each parked one holds up to max_head_bytes
  std::size_t max_requests_per_connection = 100;
  // After an answer, the worker waits this long for the connection's next
  // request before parking it: a keep-alive client that asks again at once
  // is answered without the hand-off to the poller and back (two epoll_ctl
  // calls and two thread wake-ups; bench/README.md "HTTP"). A head that has
  // only begun is parked with its bytes, under the same deadlines.
  std::chrono::milliseconds linger{1};
};

// Counts since the start, for /metrics and tests.
struct GateCounts {
  std::atomic<std::size_t> connections{0};      // accepted
  std::atomic<std::size_t> open{0};             // open now
  std::atomic<std::size_t> answering{0};        // requests on a worker now
  std::atomic<std::size_t> head_timeouts{0};    // 408
  std::atomic<std::size_t> heads_too_large{0};  // 431
  std::atomic<std::size_t> over_capacity{0};    // closed at accept
};

class GatedServer : public httplib::Server {
 public:
  explicit GatedServer(const GateLimits& limits);
  ~GatedServer() override;
  GatedServer(const GatedServer&) = delete;
  GatedServer& operator=(const GatedServer&) = delete;

  const GateCounts& counts() const;

  // Called by a handler (on its worker thread) when the connection must be
  // closed after this response, e.g. a request whose body was refused
  // unread.
  static void close_after_response();

  // For the request being answered on this thread (from the pre-routing
  // handler or a handler, which run on the connection's worker), before
  // its body is read:
  // reads and discards up to `bytes` of the body (within the body's time
  // limit), so a browser still sending an upload that is refused receives
  // the answer instead of a connection reset; returns the bytes read.
  static std::uint64_t discard_body(std::uint64_t bytes);
  // Reading the body fails after `bytes` (for a body without
  // Content-Length, which httplib would read whole).
  static void limit_body(std::uint64_t bytes);
  // True when reading the body failed at that limit.
  static bool body_over_limit();

 private:
  bool process_and_close_socket(int sock) override;

  class Gate;
  std::shared_ptr<Gate> gate_;
};

}  // namespace sotay
