#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t STDERR_KEPT = 64 * 1024;
constexpr int EXEC_FAILED = 127;

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read, write;
};

// A close-on-exec pipe whose ends are both above 2, so the child's dup2()
// onto 0-2 never overwrites an end it still has to copy (a server started
// with stdin closed gets fd 0 from pipe()). For stdin a socket pair: the
// parent writes with send(MSG_NOSIGNAL), so a child that stops reading
// cannot raise SIGPIPE in the parent, without touching any signal state.
Pipe make_pipe(bool socket = false) {
  int fds[2];
  if ((socket ? ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)
              : ::pipe2(fds, O_CLOEXEC)) != 0) {
    throw_errno("không tạo được ống dẫn cho chương trình con");
  }
  Pipe p{Fd(fds[0]), Fd(fds[1])};
  for (Fd* end : {&p.read, &p.write}) {
    if (end->get() > 2) continue;
    const int moved = ::fcntl(end->get(), F_DUPFD_CLOEXEC, 3);
    if (moved < 0) throw_errno("không tạo được ống dẫn cho chương trình con");
    end->reset(moved);
  }
  return p;
}

// NUL-terminated copies of strings and the char* array execve() wants,
// built before fork(): the child may only make async-signal-safe calls.
class CStrings {
 public:
  explicit CStrings(std::vector<std::string> strings) : strings_(std::move(strings)) {
    for (std::string& s : strings_) pointers_.push_back(s.data());
    pointers_.push_back(nullptr);
  }
  char* const* get() { return pointers_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> pointers_;
};

std::string parent_path_variable() {
  const char* path = std::getenv("PATH");
  return path != nullptr && *path != '\0' ? path : "/usr/bin:/bin";
}

bool is_executable_file(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// The file execve() should run, or "" when `program` is nowhere in `path_var`.
std::string resolve_program(std::string_view program, const std::string& path_var) {
  if (program.find('/') != std::string_view::npos) return std::string(program);
  std::size_t start = 0;
  while (start <= path_var.size()) {
    std::size_t end = path_var.find(':', start);
    if (end == std::string::npos) end = path_var.size();
    // An empty entry would mean the current directory: never for converters.
    const fs::path candidate = fs::path(path_var.substr(start, end - start)) / program;
    if (end > start && is_executable_file(candidate)) return candidate.string();
    start = end + 1;
  }
  return {};
}

// The child's whole environment: the fixed variables, each replaced by an
// `env` entry of the same name, then the other `env` entries.
std::vector<std::string> child_environment(const fs::path& workdir,
                                           const std::vector<std::string>& env) {
  std::vector<std::string> vars = {"PATH=" + parent_path_variable(), "LANG=C.UTF-8",
                                   "LC_ALL=C.UTF-8", "HOME=" + workdir.string(),
                                   "TMPDIR=" + workdir.string()};
  for (const std::string& entry : env) {
    const std::size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    const auto same = std::find_if(vars.begin(), vars.end(), [&](const std::string& v) {
      return v.compare(0, eq + 1, entry, 0, eq + 1) == 0;
    });
    if (same != vars.end()) {
      *same = entry;
    } else {
      vars.push_back(entry);
    }
  }
  return vars;
}

std::string path_of(const std::vector<std::string>& environment) {
  for (const std::string& v : environment) {
    if (v.rfind("PATH=", 0) == 0) return v.substr(5);
  }
  return "/usr/bin:/bin";
}

// Everything the child needs, computed before fork().
struct ChildPlan {
  std::string program;  // resolved path
  CStrings argv;
  CStrings envp;
  std::string workdir;
  rlimit cpu{}, memory{}, file{};
  bool limit_memory = false, limit_file = false;
  int max_fd = 1024;
  pid_t parent = 0;
};

rlimit soft_hard(std::uint64_t soft, std::uint64_t hard) {
  return rlimit{static_cast<rlim_t>(soft), static_cast<rlim_t>(hard)};
}

[[noreturn]] void write_errno_and_exit(int fd, int stage) {
  const int report[2] = {stage, errno};
  [[maybe_unused]] const ssize_t n = ::write(fd, report, sizeof report);
  ::_exit(EXEC_FAILED);
}

// Runs in the child between fork() and execve(): async-signal-safe calls only.
[[noreturn]] void exec_child(ChildPlan& plan, int in, int out, int err, int report) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != plan.parent) ::_exit(EXEC_FAILED);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0)
    write_errno_and_exit(report, 1);
  // Close-on-exec for everything above 2 (the report pipe must stay open
  // until execve() succeeds); a loop where close_range() is missing.
  if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    for (int fd = 3; fd < plan.max_fd; ++fd) {
      if (fd != report) ::close(fd);
    }
  }
  if (::chdir(plan.workdir.c_str()) != 0) write_errno_and_exit(report, 2);
  ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  const rlimit no_core{0, 0}, files{256, 256};
  ::setrlimit(RLIMIT_CORE, &no_core);
  ::setrlimit(RLIMIT_NOFILE, &files);
  ::setrlimit(RLIMIT_CPU, &plan.cpu);
  if (plan.limit_memory) ::setrlimit(RLIMIT_AS, &plan.memory);
  if (plan.limit_file) ::setrlimit(RLIMIT_FSIZE, &plan.file);
  ::execve(plan.program.c_str(), plan.argv.get(), plan.envp.get());
  write_errno_and_exit(report, 3);
}

ChildPlan make_plan(const std::vector<std::string>& argv, const SubprocessLimits& limits,
                    const fs::path& workdir, const std::vector<std::string>& env) {
  std::vector<std::string> environment = child_environment(workdir, env);
  const std::string program = resolve_program(argv.front(), path_of(environment));
  ChildPlan plan{program, CStrings(argv), CStrings(std::move(environment)), workdir.string()};
  const double cpu = limits.cpu_seconds > 0 ? limits.cpu_seconds : limits.seconds;
  const auto cpu_soft = static_cast<std::uint64_t>(std::ceil(std::max(cpu, 1.0)));
  plan.cpu = soft_hard(cpu_soft, cpu_soft + 1);  // SIGXCPU first, SIGKILL a second later
  plan.limit_memory = limits.memory_bytes > 0;
  plan.memory = soft_hard(limits.memory_bytes, limits.memory_bytes);
  plan.limit_file = limits.file_bytes > 0;
  plan.file = soft_hard(limits.file_bytes, limits.file_bytes);
  const long open_max = ::sysconf(_SC_OPEN_MAX);
  plan.max_fd = open_max > 0 ? static_cast<int>(std::min(open_max, 65536L)) : 1024;
  plan.parent = ::getpid();
  return plan;
}

// The running child as the parent sees it.
struct Child {
  pid_t pid = -1;
  Fd in, out, err, exited;  // `exited`: a pidfd, readable once the child ended
};

Child start_child(ChildPlan& plan, SubprocessResult& result) {
  Pipe in = make_pipe(true), out = make_pipe(), err = make_pipe(), report = make_pipe();
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno("không khởi động được chương trình " + result.program);
  if (pid == 0)
    exec_child(plan, in.read.get(), out.write.get(), err.write.get(), report.write.get());
  ::setpgid(pid, pid);  // also here, so a kill(-pid) right away cannot miss
  report.write.reset();
  int failure[2] = {0, 0};
  ssize_t n;
  while ((n = ::read(report.read.get(), failure, sizeof failure)) < 0 && errno == EINTR) {
  }
  Child child{pid, std::move(in.write), std::move(out.read), std::move(err.read), Fd()};
  if (n == static_cast<ssize_t>(sizeof failure)) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    errno = failure[1];
    if (failure[0] != 3) throw_errno("không chuẩn bị được chương trình " + result.program);
    result.not_found = failure[1] == ENOENT;
    result.exit_code = EXEC_FAILED;
    result.err = std::string("không chạy được ") + plan.program + ": " + std::strerror(failure[1]);
    child.pid = -1;
    return child;
  }
  child.exited = Fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  return child;
}

bool has_ended(const Child& child) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == child.pid;
}

// Reads what `fd` has into `sink`; false at end of file or error.
bool drain(int fd, std::string& sink, std::size_t chunk) {
  char buffer[65536];
  const ssize_t n = ::read(fd, buffer, std::min(chunk, sizeof buffer));
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  sink.append(buffer, static_cast<std::size_t>(n));
  return true;
}

using Clock = std::chrono::steady_clock;

void kill_group(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
}

// Writes the next part of `input` to the child's stdin (non-blocking).
void feed(Child& child, std::string_view& input) {
  const ssize_t n = ::send(child.in.get(), input.data(), std::min<std::size_t>(input.size(), 65536),
                           MSG_NOSIGNAL | MSG_DONTWAIT);
  if (n < 0) {
    if (errno == EINTR || errno == EAGAIN) return;
    child.in.reset();  // the child stopped reading: what it got is its input
    return;
  }
  input.remove_prefix(static_cast<std::size_t>(n));
  if (input.empty()) child.in.reset();
}

struct Watch {
  Child& child;
  const SubprocessLimits& limits;
  SubprocessResult& result;
  bool ended = false;
};

// Reads what the child wrote; true when it went over the output limit.
bool collect(Watch& w, const pollfd& out, const pollfd& err) {
  const std::uint64_t limit = w.limits.output_bytes;
  if (out.fd >= 0 && out.revents != 0) {
    const std::size_t room = limit > 0 ? limit - w.result.out.size() + 1 : 65536;
    if (!drain(out.fd, w.result.out, room)) w.child.out.reset();
    if (limit > 0 && w.result.out.size() > limit) {
      w.result.out.resize(limit);
      w.result.output_exceeded = true;
      return true;
    }
  }
  if (err.fd >= 0 && err.revents != 0) {
    if (!drain(err.fd, w.result.err, 65536)) w.child.err.reset();
    if (w.result.err.size() > 2 * STDERR_KEPT)
      w.result.err.erase(0, w.result.err.size() - STDERR_KEPT);
  }
  return false;
}

// Feeds stdin, collects stdout and stderr and watches the deadline until
// the child has ended and its pipes are closed, or a limit killed it.
void supervise(Child& child, const SubprocessLimits& limits, std::string_view input,
               SubprocessResult& result) {
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(limits.seconds));
  if (input.empty()) child.in.reset();
  Watch w{child, limits, result};
  while (!(w.ended && child.out.get() < 0 && child.err.get() < 0)) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      result.timed_out = !w.ended;  // after the end only an escaped grandchild holds a pipe
      break;
    }
    const bool tick = !w.ended && child.exited.get() < 0;  // no pidfd: look every 50 ms
    pollfd fds[4] = {{child.in.get(), POLLOUT, 0},
                     {child.out.get(), POLLIN, 0},
                     {child.err.get(), POLLIN, 0},
                     {w.ended ? -1 : child.exited.get(), POLLIN, 0}};
    const int timeout = static_cast<int>(std::min<long long>(left, tick ? 50 : 1 << 30));
    if (::poll(fds, 4, timeout) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].fd >= 0 && fds[0].revents != 0) feed(child, input);
    if (collect(w, fds[1], fds[2])) break;
    if (!w.ended && (fds[3].revents != 0 || (tick && has_ended(child)))) {
      w.ended = true;
      kill_group(child.pid);  // what it left running in its group
      child.in.reset();
    }
  }
  kill_group(child.pid);
  if (result.err.size() > STDERR_KEPT) result.err.erase(0, result.err.size() - STDERR_KEPT);
}

void reap(pid_t pid, SubprocessResult& result) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return;
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

}  // namespace

SubprocessResult run_subprocess(const std::vector<std::string>& argv,
                                const SubprocessLimits& limits, const fs::path& workdir,
                                const std::vector<std::string>& env, std::string_view input) {
  if (argv.empty() || argv.front().empty()) {
    throw std::invalid_argument("run_subprocess: chưa có tên chương trình");
  }
  SubprocessResult result;
  result.program = argv.front();
  std::error_code ec;
  if (!fs::is_directory(workdir, ec)) {
    throw std::runtime_error("không có thư mục làm việc " + workdir.string());
  }
  ChildPlan plan = make_plan(argv, limits, workdir, env);
  if (plan.program.empty()) {
    result.not_found = true;
    result.err = "không tìm thấy " + argv.front() + " trong PATH";
    return result;
  }
  Child child = start_child(plan, result);
  if (child.pid < 0) return result;
  try {
    supervise(child, limits, input, result);
  } catch (...) {
    kill_group(child.pid);
    reap(child.pid, result);
    throw;
  }
  reap(child.pid, result);
  return result;
}

bool program_available(std::string_view program) {
  if (program.empty()) return false;
  const std::string path = resolve_program(program, parent_path_variable());
  return !path.empty() && is_executable_file(path);
}

JobDirectory::JobDirectory(const fs::path& parent) {
  fs::path base = parent;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp != nullptr && *tmp != '\0' ? fs::path(tmp) : fs::path("/tmp");
  }
  std::string name = (base / "sotay-job-XXXXXX").string();
  if (::mkdtemp(name.data()) == nullptr) {
    throw_errno("không tạo được thư mục tạm trong " + base.string());
  }
  path_ = name;
}

JobDirectory::~JobDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

// "60", "1,5": seconds as a clerk reads them.
std::string format_seconds(double seconds) {
  const long long tenths = std::llround(seconds * 10);
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) text += "," + std::to_string(tenths % 10);
  return text;
}

// "64 MB", "2 GB", "512 KB", "100 byte".
std::string format_bytes(std::uint64_t bytes) {
  const auto in = [&](std::uint64_t unit, const char* name) {
    return format_seconds(static_cast<double>(bytes) / static_cast<double>(unit)) + " " + name;
  };
  if (bytes >= (1ull << 30)) return in(1ull << 30, "GB");
  if (bytes >= (1ull << 20)) return in(1ull << 20, "MB");
  if (bytes >= (1ull << 10)) return in(1ull << 10, "KB");
  return std::to_string(bytes) + " byte";
}

std::string last_line(const std::string& text) {
  std::size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return {};
  const std::size_t start = text.rfind('\n', end);
  const std::size_t from = start == std::string::npos ? 0 : start + 1;
  return text.substr(from, std::min<std::size_t>(end + 1 - from, 300));
}

bool allocation_failed(const std::string& err) {
  for (const char* sign : {"Cannot allocate", "bad_alloc", "out of memory", "Out of memory",
                           "MemoryError", "memory exhausted"}) {
    if (err.find(sign) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string SubprocessResult::describe(const SubprocessLimits& limits) const {
  const std::string memory =
      limits.memory_bytes > 0 ? "vượt giới hạn bộ nhớ " + format_bytes(limits.memory_bytes) : "";
  if (not_found) return "chương trình " + program + " chưa được cài đặt";
  if (timed_out) return "quá thời gian " + format_seconds(limits.seconds) + " giây";
  if (output_exceeded) return "kết quả vượt quá " + format_bytes(limits.output_bytes);
  if (signal == SIGXCPU) {
    const double cpu = limits.cpu_seconds > 0 ? limits.cpu_seconds : limits.seconds;
    return "quá thời gian xử lý " + format_seconds(cpu) + " giây";
  }
  if (signal == SIGXFSZ) return "tệp ghi ra vượt quá " + format_bytes(limits.file_bytes);
  if (signal != 0) {
    std::string text = "chương trình dừng bất thường (tín hiệu " + std::to_string(signal) + ")";
    const bool memory_like = signal == SIGSEGV || signal == SIGABRT || signal == SIGBUS;
    if (!memory.empty() && (memory_like || allocation_failed(err))) {
      text += ", có thể do " + memory;
    }
    return text;
  }
  if (exit_code == 0) return "chương trình " + program + " chạy xong";
  if (!memory.empty() && allocation_failed(err)) return memory;
  std::string text = "chương trình " + program + " báo lỗi (mã " + std::to_string(exit_code) + ")";
  const std::string line = last_line(err);
  if (!line.empty()) text += ": " + line;
  return text;
}

}  // namespace sotay
