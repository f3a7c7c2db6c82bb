// Helpers for tests: temporary directories, small content trees, a real
// server on a free port.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <sys/types.h>

#include <httplib.h>
#include <xapian.h>

#include "index_writer.h"
#include "server.h"

namespace sotay::test {

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& bytes);

// A content file with front matter from `fields` ("key: value" lines) and a body.
std::string content_file(const std::string& fields, const std::string& body);

// Writes the fixture content tree used by the search tests under `dir`.
void write_fixture_content(const std::filesystem::path& dir);

// Builds an edition of `content` into `index` with the rest of `options`
// and returns the report.
BuildReport build(const std::filesystem::path& content, const std::filesystem::path& index,
                  BuildOptions options = {});

// The real server on 127.0.0.1 and a free port, listening on a thread.
class TestServer {
 public:
  explicit TestServer(const std::filesystem::path& index_root);
  // With these options as given (port 0: a free port).
  explicit TestServer(const ServerOptions& options);
  ~TestServer();
  int port() const { return port_; }
  httplib::Client client() const;

 private:
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::thread thread_;
};

// A TestServer on `index_root` whose day is `today` ("YYYY-MM-DD",
// ServerOptions::today): pages and filters as on that day.
std::unique_ptr<TestServer> server_on_day(const std::filesystem::path& index_root,
                                          const std::string& today);

// The body of GET `path`; throws (a failed test case) unless it answers 200.
std::string get_ok(const TestServer& server, const std::string& path);

// The sotay-server binary as a child process on a free port ("--port 0" is
// added to `args`), its stderr in `log`. `env` sets ("NAME", "value") or
// unsets ("NAME", "") variables in the child. Stopped with SIGTERM.
class ChildServer {
 public:
  ChildServer(const std::vector<std::string>& args, const std::filesystem::path& log,
              const std::vector<std::pair<std::string, std::string>>& env = {});
  ~ChildServer();
  ChildServer(const ChildServer&) = delete;
  ChildServer& operator=(const ChildServer&) = delete;
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `sig` (SIGSTOP, SIGCONT) and goes on.
  void signal(int sig);
  // Sends `sig` and waits for the process to end; its waitpid() status
  // (-1 when it had already ended).
  int kill(int sig);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// The fixture content built into an edition and served on a free port.
struct ServedFixture {
  TempDir tmp;
  std::unique_ptr<TestServer> server;
  ServedFixture();
};

// A section document's terms as text, one per line: "term wdf [pos,pos,]".
std::string describe_terms(const Xapian::Document& doc);

// Runs `command` through the shell (tests only), with stderr merged into
// `output`; its exit status, -1 when it did not exit.
int run_command(const std::string& command, std::string& output);

// `../shared/data/documents` beside the repository (real Gazette PDFs and
// signed scans, its README), or nullopt when absent: tests that use it
// skip with a MESSAGE there.
std::optional<std::filesystem::path> shared_documents_dir();

inline bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace sotay::test

#include <chrono>
#include <functional>

namespace sotay::test {

// Polls `predicate` until it holds (true) or `deadline` has passed (false):
// tests wait for the condition they need, never for a guessed time, and
// fail with their own message when it does not come.
bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds deadline);

}  // namespace sotay::test
