// The server follows the current edition without keeping pruned ones open.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// This process's open files under `root` whose file is gone (a pruned
// edition's database files), as /proc/self/fd shows them.
std::vector<std::string> deleted_files_open(const fs::path& root) {
  const std::string prefix = fs::canonical(root).string() + "/";
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& fd : fs::directory_iterator("/proc/self/fd", ec)) {
    const fs::path target = fs::read_symlink(fd.path(), ec);
    if (ec) continue;
    const std::string t = target.string();
    if (t.rfind(prefix, 0) != 0) continue;
    if (t.size() > 10 && t.compare(t.size() - 10, 10, " (deleted)") == 0) out.push_back(t);
  }
  return out;
}

// Polls until no pruned edition's file is open (at most 10 s).
std::vector<std::string> wait_until_released(const fs::path& root) {
  std::vector<std::string> open = deleted_files_open(root);
  for (int i = 0; i < 200 && !open.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    open = deleted_files_open(root);
  }
  return open;
}

// Polls /healthz until the server reports `edition` (at most 10 s); the
// edition it reports last.
std::string wait_for_edition(const TestServer& server, const std::string& edition) {
  auto c = server.client();
  std::string seen;
  for (int i = 0; i < 200; ++i) {
    const auto health = c.Get("/healthz");
    if (health && health->status == 200) seen = json::parse(health->body).value("edition", "");
    if (seen == edition) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return seen;
}

// `n` requests at once, each on its own connection, so that several of the
// server's threads answer; the number answered 200.
int concurrent_requests(const TestServer& server, int n) {
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < n; ++i) {
    clients.emplace_back([&] {
      auto c = server.client();
      const auto res = c.Get("/api/search?q=thu+tuc");
      if (res && res->status == 200) ++ok;
    });
  }
  for (auto& t : clients) t.join();
  return ok;
}

}  // namespace

TEST_CASE("pruned editions are not kept open by the server's threads") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  const fs::path index = tmp.path() / "index";
  write_fixture_content(content);
  BuildOptions options;
  options.keep_editions = 1;
  options.quick = false;
  const BuildReport first = build(content, index, options);
  ServerOptions server_options;
  server_options.index_root = index;
  server_options.port = 0;
  server_options.threads = 4;
  server_options.access_log = false;
  TestServer server(server_options);
  CHECK(concurrent_requests(server, 16) == 16);  // the first edition opened on the threads

  // Three new editions: the first is pruned (the newest and the one it
  // replaced are kept), then the second.
  BuildReport last;
  for (int i = 0; i < 3; ++i) {
    write_file(
        content / "moi" / ("them-" + std::to_string(i) + ".md"),
        content_file("title: Hồ sơ " + std::to_string(i) + "\ndepartment: Văn phòng HĐND và UBND\n",
                     "Thủ tục mới.\n"));
    last = build(content, index, options);
    REQUIRE(last.published);
  }
  REQUIRE_FALSE(fs::exists(index / "editions" / first.edition_id));
  // The server switches within an interval (the edition before the last is
  // kept, so it may still be serving it right after the build); threads that
  // answer no request meanwhile must let go of the pruned editions too.
  CHECK(wait_for_edition(server, last.edition_id) == last.edition_id);
  CHECK(wait_until_released(index).empty());
  CHECK(concurrent_requests(server, 16) == 16);
  CHECK(deleted_files_open(index).empty());
}
