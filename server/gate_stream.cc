#include "gate_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sotay {

namespace {

constexpr std::size_t READ_CHUNK = 16 * 1024;

int poll_ms(std::chrono::milliseconds timeout) {
  return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, 1 << 30));
}

}  // namespace

std::size_t request_head_end(std::string_view bytes) {
  std::size_t pos = 0;
  for (;;) {
    const std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) return std::string::npos;
    const std::size_t length = nl - pos;
    if (length == 0 || (length == 1 && bytes[pos] == '\r')) return nl + 1;
    pos = nl + 1;
  }
}

void socket_address(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  ip.clear();
  port = 0;
  if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    port = ntohs(in6->sin6_port);
  }
  ip = text;
}

GateStream::GateStream(int fd, std::string buffered, std::chrono::milliseconds read_timeout,
                       std::chrono::milliseconds write_timeout)
    : fd_(fd),
      buffer_(std::move(buffered)),
      read_timeout_(read_timeout),
      write_timeout_(write_timeout) {}

std::string GateStream::take_unread() {
  std::string rest = buffer_.substr(offset_);
  buffer_.clear();
  offset_ = 0;
  return rest;
}

bool GateStream::has_complete_head() const {
  return request_head_end(std::string_view(buffer_).substr(offset_)) != std::string::npos;
}

bool GateStream::read_more(std::chrono::milliseconds linger, std::size_t max_bytes) {
  if (!wait(POLLIN, linger)) return true;
  char chunk[READ_CHUNK];
  while (buffer_.size() - offset_ <= max_bytes) {
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  return true;
}

bool GateStream::wait(short events, std::chrono::milliseconds timeout) const {
  pollfd p{fd_, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, poll_ms(timeout));
    if (n < 0 && errno == EINTR) continue;
    return n > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
  }
}

bool GateStream::is_readable() const {
  return offset_ < buffer_.size() || wait(POLLIN, read_timeout_);
}

bool GateStream::is_writable() const { return wait(POLLOUT, write_timeout_); }

ssize_t GateStream::read(char* ptr, size_t size) {
  if (budget_ == 0) {
    over_budget_ = true;
    return -1;
  }
  size = static_cast<size_t>(std::min<std::uint64_t>(size, budget_));
  if (offset_ >= buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
    const auto now = Clock::now();
    if (now >= read_deadline_) return -1;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(read_deadline_ - now);
    if (!wait(POLLIN, std::min(read_timeout_, left + std::chrono::milliseconds(1)))) return -1;
    buffer_.resize(READ_CHUNK);
    ssize_t n = 0;
    do {
      n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      buffer_.clear();
      return n;
    }
    buffer_.resize(static_cast<std::size_t>(n));
  }
  const std::size_t n = std::min(size, buffer_.size() - offset_);
  std::memcpy(ptr, buffer_.data() + offset_, n);
  offset_ += n;
  if (budget_ != std::numeric_limits<std::uint64_t>::max()) budget_ -= n;
  return static_cast<ssize_t>(n);
}

ssize_t GateStream::write(const char* ptr, size_t size) {
  if (!wait(POLLOUT, write_timeout_)) return -1;
  ssize_t n = 0;
  do {
    n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

void GateStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  socket_address(fd_, true, ip, port);
}

void GateStream::get_local_ip_and_port(std::string& ip, int& port) const {
  socket_address(fd_, false, ip, port);
}

}  // namespace sotay
