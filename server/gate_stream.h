// The httplib::Stream a gated connection is served through
// (connection_gate.h): a socket with a read buffer that outlives one request,
// so bytes already read (the head the gate collected, a pipelined request)
// are never lost, and reads and writes with deadlines.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <httplib.h>

namespace sotay {

class GateStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;

  // `buffered`: bytes already read from `fd`, served before the socket.
  GateStream(int fd, std::string buffered, std::chrono::milliseconds read_timeout,
             std::chrono::milliseconds write_timeout);

  // Reads from the socket fail after `deadline` (the body of one request).
  void set_read_deadline(Clock::time_point deadline) { read_deadline_ = deadline; }

  // Reads return at most `bytes` more in all, then fail with over_budget()
  // true: a request body without Content-Length (chunked, or up to the end
  // of the connection) cannot grow past its route's limit.
  void set_read_budget(std::uint64_t bytes) {
    budget_ = bytes;
    over_budget_ = false;
  }
  bool over_budget() const { return over_budget_; }

  // The bytes read from the socket and not yet consumed.
  std::string take_unread();
  // The bytes read from the socket and not yet consumed, left in place.
  std::string_view unread() const { return std::string_view(buffer_).substr(offset_); }
  // True when the unread bytes hold a complete request head.
  bool has_complete_head() const;
  // Waits up to `linger` for bytes and appends those that have arrived
  // (up to about `max_bytes` unread) without waiting again; false when the
  // peer has closed the connection.
  bool read_more(std::chrono::milliseconds linger, std::size_t max_bytes);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return fd_; }

 private:
  bool wait(short events, std::chrono::milliseconds timeout) const;

  int fd_;
  std::string buffer_;
  std::size_t offset_ = 0;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
  Clock::time_point read_deadline_ = Clock::time_point::max();
  std::uint64_t budget_ = std::numeric_limits<std::uint64_t>::max();
  bool over_budget_ = false;
};

// Where the head of the request at the start of `bytes` ends (the offset
// after its empty line), or std::string::npos when it is not complete.
// Lines end in "\r\n" or "\n", as cpp-httplib reads them.
std::size_t request_head_end(std::string_view bytes);

// The address of a socket's peer or its own end ("" and 0 when unknown).
void socket_address(int fd, bool peer, std::string& ip, int& port);

}  // namespace sotay
