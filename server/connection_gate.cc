#include "connection_gate.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "gate_stream.h"

namespace sotay {

namespace {

using Clock = std::chrono::steady_clock;

thread_local bool close_after_this_response = false;
// The connection this worker is answering (serve()), for discard_body()
// and limit_body().
thread_local GateStream* current_stream = nullptr;

enum class Head { Incomplete, Ready, TooLarge };

// Whether `bytes` start with a complete request head within the limits.
Head check_head(std::string_view bytes, const GateLimits& limits) {
  const std::size_t end = request_head_end(bytes);
  const std::string_view head = bytes.substr(0, std::min(end, bytes.size()));
  const auto lines = static_cast<std::size_t>(std::count(head.begin(), head.end(), '\n'));
  // The request line and the empty line are not headers.
  if (lines > limits.max_headers + 2) return Head::TooLarge;
  if (end == std::string::npos) {
    return bytes.size() > limits.max_head_bytes ? Head::TooLarge : Head::Incomplete;
  }
  return end > limits.max_head_bytes ? Head::TooLarge : Head::Ready;
}

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

// A short answer straight from the gate (the request never reached a
// handler), then the connection is closed. JSON under /api/ as every API
// error is.
void answer_and_close(int fd, std::string_view bytes, int status, const char* reason,
                      const std::string& message) {
  const bool api =
      bytes.find(" /api/") != std::string_view::npos && bytes.find(" /api/") < bytes.find('\n');
  const std::string body =
      api ? R"({"error":{"status":)" + std::to_string(status) + R"(,"message":")" + message + "\"}}"
          : std::to_string(status) + " " + message + "\n";
  const std::string response =
      "HTTP/1.1 " + std::to_string(status) + " " + reason +
      "\r\nContent-Type: " + (api ? "application/json" : "text/plain; charset=utf-8") +
      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  [[maybe_unused]] const ssize_t sent =
      ::send(fd, response.data(), response.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  close_socket(fd);
}

}  // namespace

class GatedServer::Gate {
 public:
  Gate(GatedServer& server, const GateLimits& limits) : server_(server), limits_(limits) {}
  ~Gate() { stop(); }

  void start();
  void stop();
  void admit(int fd);
  GateCounts counts;

 private:
  struct Parked {
    int fd = -1;
    std::string bytes;                // read and not yet served
    Clock::time_point deadline;       // the next one of the two below
    Clock::time_point head_deadline;  // head_timeout after its first byte
    bool started = false;             // the head has begun
    std::size_t served = 0;
  };

  void park(Parked p);
  void poll_loop();
  void take_incoming();
  void on_readable(int fd);
  void expire(Clock::time_point now);
  bool drain();  // closes idle connections; true when none is left
  int next_timeout_ms(Clock::time_point now) const;
  void dispatch(Parked p);
  void serve(Parked p);
  void release(int fd);
  bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  GatedServer& server_;
  GateLimits limits_;
  int epoll_ = -1;
  int wake_ = -1;
  std::mutex mutex_;
  bool running_ = false;
  bool stopping_ = false;
  std::vector<Parked> incoming_;            // under mutex_
  std::unordered_map<int, Parked> parked_;  // the poller thread's
  std::thread poller_;
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::atomic<std::size_t> waiting_{0};  // dispatched, no worker yet
};

void GatedServer::Gate::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error("không tạo được epoll/eventfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
  stopping_ = false;
  running_ = true;
  workers_ = std::make_unique<httplib::ThreadPool>(std::max<std::size_t>(1, limits_.workers));
  poller_ = std::thread([this] { poll_loop(); });
}

void GatedServer::Gate::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_ || stopping_) return;
    stopping_ = true;
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof one);
  poller_.join();
  // In-flight requests finish; their connections close instead of parking.
  workers_->shutdown();
  workers_.reset();
  std::lock_guard lock(mutex_);
  ::close(epoll_);
  ::close(wake_);
  running_ = false;
}

void GatedServer::Gate::admit(int fd) {
  ++counts.connections;
  if (counts.open >= limits_.max_connections) {
    ++counts.over_capacity;
    answer_and_close(fd, {}, 503, "Service Unavailable", "máy chủ đang quá tải, hãy thử lại sau");
    return;
  }
  ++counts.open;
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  Parked p;
  p.fd = fd;
  p.deadline = Clock::now() + limits_.idle_timeout;
  park(std::move(p));
}

void GatedServer::Gate::release(int fd) {
  close_socket(fd);
  --counts.open;
}

void GatedServer::Gate::park(Parked p) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      incoming_.push_back(std::move(p));
      p.fd = -1;
    }
  }
  if (p.fd >= 0) {
    release(p.fd);
    return;
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof one);
}

void GatedServer::Gate::take_incoming() {
  std::vector<Parked> arrived;
  {
    std::lock_guard lock(mutex_);
    arrived.swap(incoming_);
  }
  for (Parked& p : arrived) {
    // A returning connection may already hold (part of) its next head.
    if (!p.bytes.empty()) {
      p.started = true;
      const Head head = check_head(p.bytes, limits_);
      if (head != Head::Incomplete) {
        if (head == Head::Ready) {
          dispatch(std::move(p));
        } else {
          ++counts.heads_too_large;
          answer_and_close(p.fd, p.bytes, 431, "Request Header Fields Too Large",
                           "phần đầu yêu cầu quá lớn");
          --counts.open;
        }
        continue;
      }
      p.head_deadline = Clock::now() + limits_.head_timeout;
      p.deadline = std::min(p.head_deadline, Clock::now() + limits_.read_timeout);
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.fd = p.fd;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, p.fd, &ev) != 0) {
      release(p.fd);
      continue;
    }
    const int fd = p.fd;
    parked_.emplace(fd, std::move(p));
  }
}

void GatedServer::Gate::poll_loop() {
  std::vector<epoll_event> events(64);
  for (;;) {
    const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()),
                               next_timeout_ms(Clock::now()));
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == wake_) {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t r = ::read(wake_, &count, sizeof count);
        continue;
      }
      on_readable(fd);
    }
    take_incoming();
    expire(Clock::now());
    // Stopping: idle connections close now; a request whose head has begun
    // is in flight and may finish (within its head deadline).
    if (stopping() && drain()) break;
  }
}

bool GatedServer::Gate::drain() {
  for (auto it = parked_.begin(); it != parked_.end();) {
    if (it->second.started) {
      ++it;
      continue;
    }
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
    release(it->first);
    it = parked_.erase(it);
  }
  std::lock_guard lock(mutex_);
  for (Parked& p : incoming_) release(p.fd);
  incoming_.clear();
  return parked_.empty();
}

void GatedServer::Gate::on_readable(int fd) {
  const auto it = parked_.find(fd);
  if (it == parked_.end()) return;
  Parked& p = it->second;
  char buf[16 * 1024];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) {
      const auto now = Clock::now();
      if (!p.started) {
        p.started = true;
        p.head_deadline = now + limits_.head_timeout;
      }
      // Within the head's time, and no pause longer than the read timeout.
      p.deadline = std::min(p.head_deadline, now + limits_.read_timeout);
      p.bytes.append(buf, static_cast<std::size_t>(n));
      if (p.bytes.size() > limits_.max_head_bytes) break;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    // The client closed (or the socket failed) before a complete head.
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    parked_.erase(it);
    release(fd);
    return;
  }
  const Head head = check_head(p.bytes, limits_);
  if (head == Head::Incomplete) return;
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
  Parked ready = std::move(p);
  parked_.erase(it);
  if (head == Head::Ready) {
    dispatch(std::move(ready));
    return;
  }
  ++counts.heads_too_large;
  answer_and_close(fd, ready.bytes, 431, "Request Header Fields Too Large",
                   "phần đầu yêu cầu quá lớn (tối đa " + std::to_string(limits_.max_headers) +
                       " trường, " + std::to_string(limits_.max_head_bytes / 1024) + " KB)");
  --counts.open;
}

void GatedServer::Gate::expire(Clock::time_point now) {
  for (auto it = parked_.begin(); it != parked_.end();) {
    if (it->second.deadline > now) {
      ++it;
      continue;
    }
    const int fd = it->first;
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    if (it->second.started) {
      ++counts.head_timeouts;
      answer_and_close(fd, it->second.bytes, 408, "Request Timeout", "yêu cầu gửi đến quá chậm");
      --counts.open;
    } else {
      release(fd);  // an idle keep-alive connection
    }
    it = parked_.erase(it);
  }
}

int GatedServer::Gate::next_timeout_ms(Clock::time_point now) const {
  auto next = now + std::chrono::seconds(1);
  for (const auto& [fd, p] : parked_) next = std::min(next, p.deadline);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::clamp<long long>(ms + 1, 0, 1000));
}

void GatedServer::Gate::dispatch(Parked p) {
  auto shared = std::make_shared<Parked>(std::move(p));
  ++waiting_;
  workers_->enqueue([this, shared] {
    --waiting_;
    serve(std::move(*shared));
  });
}

void GatedServer::Gate::serve(Parked p) {
  GateStream stream(p.fd, std::move(p.bytes), limits_.read_timeout, limits_.write_timeout);
  std::size_t served = p.served;
  for (;;) {
    stream.set_read_deadline(Clock::now() + limits_.body_timeout);
    const bool last = served + 1 >= limits_.max_requests_per_connection || stopping();
    bool closed = false;
    close_after_this_response = false;
    stream.set_read_budget(std::numeric_limits<std::uint64_t>::max());
    current_stream = &stream;
    ++counts.answering;
    const bool ok = server_.process_request(stream, last, closed, nullptr);
    --counts.answering;
    current_stream = nullptr;
    ++served;
    if (!ok || closed || last || close_after_this_response) break;
    // The next request often follows at once: wait a moment for it here,
    // unless other connections wait for a worker (they go first).
    if (!stream.has_complete_head() && waiting_ == 0 &&
        !stream.read_more(limits_.linger, limits_.max_head_bytes)) {
      break;  // the client closed
    }
    // A request already read (pipelined, or within the linger): answer it
    // now, in order.
    if (stream.has_complete_head()) {
      if (check_head(stream.unread(), limits_) == Head::Ready) continue;
      ++counts.heads_too_large;
      answer_and_close(p.fd, stream.unread(), 431, "Request Header Fields Too Large",
                       "phần đầu yêu cầu quá lớn");
      --counts.open;
      return;
    }
    Parked next;
    next.fd = p.fd;
    next.bytes = stream.take_unread();
    next.deadline = Clock::now() + limits_.idle_timeout;
    next.served = served;
    park(std::move(next));
    return;
  }
  release(p.fd);
}

GatedServer::GatedServer(const GateLimits& limits) : gate_(std::make_shared<Gate>(*this, limits)) {
  // httplib's accept loop hands each accepted socket to the task queue,
  // which runs process_and_close_socket(): here it only parks the socket in
  // the gate, on the accept thread. Stopping the loop stops the gate.
  class AcceptQueue final : public httplib::TaskQueue {
   public:
    explicit AcceptQueue(std::shared_ptr<Gate> gate) : gate_(std::move(gate)) {}
    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override { gate_->stop(); }

   private:
    std::shared_ptr<Gate> gate_;
  };
  new_task_queue = [gate = gate_] {
    gate->start();
    return new AcceptQueue(gate);
  };
}

GatedServer::~GatedServer() { gate_->stop(); }

const GateCounts& GatedServer::counts() const { return gate_->counts; }

void GatedServer::close_after_response() { close_after_this_response = true; }

std::uint64_t GatedServer::discard_body(std::uint64_t bytes) {
  if (current_stream == nullptr) return 0;
  char buf[16 * 1024];
  std::uint64_t done = 0;
  while (done < bytes) {
    const ssize_t n = current_stream->read(buf, std::min<std::uint64_t>(sizeof buf, bytes - done));
    if (n <= 0) break;
    done += static_cast<std::uint64_t>(n);
  }
  return done;
}

void GatedServer::limit_body(std::uint64_t bytes) {
  if (current_stream != nullptr) current_stream->set_read_budget(bytes);
}

bool GatedServer::body_over_limit() {
  return current_stream != nullptr && current_stream->over_budget();
}

bool GatedServer::process_and_close_socket(int sock) {
  gate_->admit(sock);
  return true;
}

}  // namespace sotay
