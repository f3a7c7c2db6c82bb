// SIGKILL in the middle of an approval: sotay-server (a child process) is
// made to stop at each approval step (SOTAY_TEST_APPROVAL_PAUSE), killed,
// restarted; inbox, content/, history and the edition must agree.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "files.h"
#include "publish.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

// sotay-server with submissions on; `pause` is SOTAY_TEST_APPROVAL_PAUSE.
ChildServer child_server(const Workflow& w, const fs::path& log, const std::string& pause) {
  return ChildServer(
      std::vector<std::string>{"--index", w.index.string(), "--content", w.content.string(),
                               "--inbox", w.inbox.string(), "--auth", w.auth_file.string(),
                               "--audit", w.audit.string(), "--reload-ms", "50", "--no-access-log",
                               "--submissions"},
      log, std::vector<std::pair<std::string, std::string>>{{"SOTAY_TEST_APPROVAL_PAUSE", pause}});
}

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
      ChildServer server =
          child_server(w, w.tmp.path() / "server1.log", std::string(step) + ":" + paused.string());
      EditorSession ed(server.port(), w.editor);
      REQUIRE(ed.ok);
      std::thread approver([&] { ed.approve(server.port(), id); });  // never answered
      const bool reached = wait_for_file(paused, std::chrono::seconds(30));
      CHECK(reached);
      server.kill(SIGKILL);
      approver.join();
    }
    // Restart: reconcile() runs before serving.
    ChildServer server = child_server(w, w.tmp.path() / "server2.log", "");
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
