// SIGKILL in the middle of an approval: sotay-server (a child process) is
// made to stop at each approval step (SOTAY_TEST_APPROVAL_PAUSE), killed,
// restarted; inbox, content/, history and the edition must agree.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "content_loader.h"
#include "publish.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

// sotay-server on a free port with submissions on; stderr to `log`.
class ChildServer {
 public:
  ChildServer(const Workflow& w, const fs::path& log, const std::string& pause) {
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(fd, STDERR_FILENO);
      if (pause.empty()) {
        ::unsetenv("SOTAY_TEST_APPROVAL_PAUSE");
      } else {
        ::setenv("SOTAY_TEST_APPROVAL_PAUSE", pause.c_str(), 1);
      }
      const std::string index = w.index.string(), content = w.content.string(),
                        inbox = w.inbox.string(), auth = w.auth_file.string(),
                        audit = w.audit.string();
      ::execl(SOTAY_SERVER_BIN, SOTAY_SERVER_BIN, "--port", "0", "--index", index.c_str(),
              "--content", content.c_str(), "--inbox", inbox.c_str(), "--auth", auth.c_str(),
              "--audit", audit.c_str(), "--reload-ms", "50", "--no-access-log", "--submissions",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The port from "… tại http://127.0.0.1:<port>/".
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (port_ == 0 && std::chrono::steady_clock::now() < until) {
      std::error_code ec;
      if (fs::exists(log, ec)) {
        const std::string text = read_file(log);
        const std::size_t at = text.find("http://127.0.0.1:");
        if (at != std::string::npos && text.find('/', at + 17) != std::string::npos) {
          port_ = std::stoi(text.substr(at + 17));
        }
      }
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE_MESSAGE(port_ != 0, read_file(log));
  }
  ~ChildServer() { kill(SIGTERM); }
  void kill(int sig) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

bool wait_for_file(const fs::path& p, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    std::error_code ec;
    if (fs::exists(p, ec)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace

TEST_CASE("SIGKILL in the middle of an approval: after restart nothing is lost or half-written") {
  for (const char* step : {"history", "content", "status", "build"}) {
    CAPTURE(step);
    Workflow w(30, false);
    const std::string path = "van-phong/the-thuc.md";
    const std::string before = read_file(w.content / path);
    const std::string word = std::string("crashword") + step;
    const std::string text = office_doc("van-phong/the-thuc", "Bản mới " + word + ".");
    std::string id;
    {
      Publisher p(w.publish_options());
      const SubmitResult r = p.submit({w.office.substr(0, 8), OFFICE, ROLE_DEPARTMENT}, text);
      REQUIRE(r.submission);
      id = r.submission->id;
    }
    const fs::path paused = w.tmp.path() / "paused";
    {
      ChildServer server(w, w.tmp.path() / "server1.log",
                         std::string(step) + ":" + paused.string());
      EditorSession ed(server.port(), w.editor);
      REQUIRE(ed.ok);
      std::thread approver([&] { ed.approve(server.port(), id); });  // never answered
      const bool reached = wait_for_file(paused, std::chrono::seconds(30));
      CHECK(reached);
      server.kill(SIGKILL);
      approver.join();
    }
    // Restart: reconcile() runs before serving.
    ChildServer server(w, w.tmp.path() / "server2.log", "");
    Publisher p(w.publish_options());
    const auto s = p.inbox().get(id);
    REQUIRE(s);
    const std::string now = read_file(w.content / path);
    // content/ holds one whole version, and the inbox agrees with it.
    const bool whole = now == before || now == text;
    CHECK(whole);
    const bool approved = s->status == STATUS_APPROVED;
    CHECK(approved == (now == text));
    if (s->status == STATUS_PENDING) {
      EditorSession ed(server.port(), w.editor);
      REQUIRE(ed.ok);
      const auto res = ed.approve(server.port(), id);
      REQUIRE(res);
      CHECK(res->status == 303);
    }
    // The edition agrees with content/: the new text is found.
    CHECK(searchable(server.port(), word));
    CHECK(read_file(w.content / path) == text);
    CHECK(p.inbox().get(id)->status == STATUS_APPROVED);
    CHECK_FALSE(fs::exists(w.inbox / ".unpublished"));
    for (const auto& e : fs::directory_iterator(w.content / ".history/van-phong/the-thuc")) {
      CHECK(read_file(e.path()) == before);
    }
    for (const auto& e : fs::recursive_directory_iterator(w.content)) {
      CHECK_FALSE(contains(e.path().filename().string(), ".tmp-"));
    }
    const std::string audit = read_file(w.audit);
    CHECK(contains(audit, "\"event\":\"approval\""));
    CHECK(contains(audit, "\"event\":\"publication\""));
  }
}
