// A raw TCP connection to 127.0.0.1:port, for requests httplib::Client
// would not send (slow, pipelined, oversized, malformed).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace sotay::test {

class RawConnection {
 public:
  // Every read waits at most `read_bound` (a bound, not a measurement).
  // `receive_buffer` (bytes, 0: the system's) caps what the server can send
  // before this side reads.
  explicit RawConnection(int port, std::chrono::milliseconds read_bound = std::chrono::seconds(5),
                         int receive_buffer = 0)
      : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() failed");
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(read_bound.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((read_bound.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer has closed the connection.
  bool send_bytes(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // One response (headers and Content-Length bytes of body), or what came
  // before the server closed the connection (or the read bound passed).
  std::string read_response() {
    std::string out;
    while (!complete(pending_)) {
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      pending_.append(buf, static_cast<std::size_t>(n));
    }
    const std::size_t size = complete(pending_) ? response_size(pending_) : pending_.size();
    out = pending_.substr(0, size);
    pending_.erase(0, size);
    return out;
  }
  // True when the server has closed the connection (a read returns 0 or an
  // error other than the read bound) within the read bound.
  bool closed_by_server() {
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) continue;
      return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
    }
  }

  // Reads until the server closes the connection, at most `bound`; what came
  // is in `received`. False when the connection is still open at the end.
  bool closed_within(std::chrono::milliseconds bound, std::string& received) {
    const auto until = std::chrono::steady_clock::now() + bound;
    char buf[4096];
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
      if (n > 0) received.append(buf, static_cast<std::size_t>(n));
    }
  }

  static int status_of(const std::string& response) {
    if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
    return std::stoi(response.substr(9, 3));
  }

 private:
  static std::size_t response_size(const std::string& r) {
    const auto end = r.find("\r\n\r\n");
    const auto at = r.find("Content-Length: ");
    return end + 4 + std::stoul(r.substr(at + 16));
  }
  static bool complete(const std::string& r) {
    const auto end = r.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const auto at = r.find("Content-Length: ");
    if (at == std::string::npos || at > end) return false;
    return r.size() >= response_size(r);
  }

  int fd_;
  std::string pending_;
};

}  // namespace sotay::test
