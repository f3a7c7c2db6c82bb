#include "pdf_export.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "edition.h"
#include "server.h"

extern char** environ;

namespace sotay {

namespace fs = std::filesystem;

namespace {

// A fresh directory under $TMPDIR, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/sotay-pdf-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("không tạo được thư mục tạm " + tmpl);
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string tail_of(const fs::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_bytes) text = "…" + text.substr(text.size() - max_bytes);
  return text;
}

// Runs argv in its own process group with stdout and stderr to `log`;
// returns the exit status, or -1 when it ran past `timeout` (the whole group
// is killed then). Throws when it cannot start.
int run_process(const std::vector<std::string>& args, const fs::path& log,
                std::chrono::seconds timeout) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int err = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    throw std::runtime_error("không chạy được " + args[0] +
                             " (cài Chromium: apt-get install chromium, hoặc chỉ đường dẫn "
                             "bằng --chromium)");
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      kill(-pid, SIGKILL);  // helpers Chromium left behind
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool is_pdf(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[5] = {};
  in.read(magic, 5);
  return in && std::string(magic, 5) == "%PDF-";
}

}  // namespace

PdfExportReport export_pdf(const PdfExportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.output.empty()) throw std::runtime_error("thiếu tên tệp PDF");
  if (!current_edition(options.index_root)) {
    throw std::runtime_error(options.index_root.string() +
                             ": chưa có ấn bản nào; hãy chạy sotay-indexer build trước");
  }
  const fs::path output = fs::absolute(options.output);
  if (output.has_parent_path() && !fs::is_directory(output.parent_path())) {
    throw std::runtime_error(output.parent_path().string() + ": thư mục không tồn tại");
  }

  ServerOptions server_options;
  server_options.index_root = options.index_root;
  server_options.port = 0;
  server_options.threads = 4;
  server_options.access_log = false;
  Server server(server_options);
  const int port = server.bind();
  std::thread listener([&server] { server.listen(); });
  server.wait_until_ready();

  ScratchDir scratch;
  const fs::path partial = output.string() + ".partial";
  std::error_code ec;
  fs::remove(partial, ec);
  const std::vector<std::string> args = {options.chromium,
                                         "--headless",
                                         "--no-sandbox",
                                         "--disable-gpu",
                                         "--disable-dev-shm-usage",
                                         "--disable-background-networking",
                                         "--disable-component-update",
                                         "--disable-sync",
                                         "--no-first-run",
                                         "--user-data-dir=" + (scratch.path() / "profile").string(),
                                         "--print-to-pdf=" + partial.string(),
                                         "--no-pdf-header-footer",
                                         "http://127.0.0.1:" + std::to_string(port) + "/so-tay"};
  int status = 0;
  try {
    status = run_process(args, scratch.path() / "chromium.log", options.timeout);
  } catch (...) {
    server.stop();
    listener.join();
    throw;
  }
  server.stop();
  listener.join();

  if (status != 0 || !fs::exists(partial) || !is_pdf(partial)) {
    fs::remove(partial, ec);
    const std::string why =
        status < 0 ? "quá thời gian " + std::to_string(options.timeout.count()) + " giây"
                   : "mã thoát " + std::to_string(status);
    throw std::runtime_error("Chromium không in được PDF (" + why + "):\n" +
                             tail_of(scratch.path() / "chromium.log", 2000));
  }
  fs::rename(partial, output);
  PdfExportReport report;
  report.bytes = fs::file_size(output);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace sotay
