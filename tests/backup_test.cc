// Backup and restore (docs/backup.md): a round trip gives back the same
// handbook, tokens and audit; a backup taken during an approval sees it
// whole; damaged, foreign and hostile archives are refused with nothing
// written; a write that fails (a full disk) leaves older backups intact.
#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <thread>

#include "backup.h"
#include "edition.h"
#include "files.h"
#include "publish.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

BackupPaths paths_of(const Workflow& w) {
  return {w.content, w.inbox, w.auth_file, w.audit, w.tmp.path() / "data/query-stats.json", {}};
}

// Every regular file under `dir` (relative path -> bytes).
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().filename() != ".lock") {
      out[fs::relative(it->path(), dir).generic_string()] = read_file(it->path());
    }
  }
  return out;
}

// A submission approved through the Publisher: content/ gains history, the
// inbox a decided submission, the audit log three lines.
std::string approve_one(Workflow& w, const std::string& body,
                        std::function<void(const char*)> hook = {}) {
  PublishOptions o = w.publish_options();
  o.step_hook = std::move(hook);
  Publisher p(o);
  const SubmitResult r = p.submit({w.office.substr(0, 8), OFFICE, ROLE_DEPARTMENT},
                                  office_doc("van-phong/the-thuc", body));
  REQUIRE(r.submission);
  p.approve(r.submission->id, {"cli", "Biên tập", ROLE_EDITOR});
  return r.submission->id;
}

// An archive written entry by entry, for archives write_backup() would
// never make. `entries`: name -> contents; a name ending in "@" + target
// is a symlink, "#" + target a hard link.
void write_raw_archive(const fs::path& file,
                       const std::vector<std::pair<std::string, std::string>>& entries) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_zstd(a);
  REQUIRE(archive_write_open_filename(a, file.c_str()) == ARCHIVE_OK);
  for (const auto& [name, bytes] : entries) {
    archive_entry* e = archive_entry_new();
    const std::size_t at = name.find_first_of("@#");
    archive_entry_set_pathname(e, name.substr(0, at).c_str());
    archive_entry_set_perm(e, 0644);
    if (at != std::string::npos && name[at] == '@') {
      archive_entry_set_filetype(e, AE_IFLNK);
      archive_entry_set_symlink(e, name.substr(at + 1).c_str());
    } else if (at != std::string::npos) {
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_hardlink(e, name.substr(at + 1).c_str());
    } else {
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    }
    archive_write_header(a, e);
    if (at == std::string::npos) archive_write_data(a, bytes.data(), bytes.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string header_json() { return backup_header().dump(); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("backup, wipe, restore, build: the same handbook, tokens and audit") {
  Workflow w(30, false);
  approve_one(w, "Bản mới sau sao lưu khôi phục.");
  write_file(w.tmp.path() / "data/query-stats.json", "{\"queries\":{}}\n");
  const auto content_before = tree(w.content);
  const auto inbox_before = tree(w.inbox);
  const std::string audit_before = read_file(w.audit);
  const std::string auth_before = read_file(w.auth_file);
  const bool has_history = std::any_of(
      content_before.begin(), content_before.end(),
      [](const auto& f) { return f.first.rfind(".history/van-phong/the-thuc/", 0) == 0; });
  REQUIRE(has_history);
  const fs::path archive = w.tmp.path() / "backups/ward.tar.zst";
  fs::create_directories(archive.parent_path());
  const BackupReport r = write_backup(paths_of(w), archive);
  CHECK(r.files == content_before.size() + inbox_before.size() + 3);
  CHECK(r.archive_bytes > 0);
  CHECK(verify_backup(archive).files.size() == r.files);

  for (const fs::path& p : {w.content, w.inbox, w.auth_file, w.audit, w.index}) fs::remove_all(p);
  fs::remove(w.tmp.path() / "data/query-stats.json");
  const RestoreReport restored = restore_backup(archive, paths_of(w), false);
  CHECK(restored.written.size() == 5);
  CHECK(restored.moved_aside.empty());
  CHECK(tree(w.content) == content_before);
  CHECK(tree(w.inbox) == inbox_before);
  CHECK(read_file(w.audit) == audit_before);
  CHECK(read_file(w.auth_file) == auth_before);
  CHECK(AuthStore(w.auth_file).verify(w.office));
  // No staging directory is left behind.
  for (const auto& e : fs::directory_iterator(w.tmp.path())) {
    CHECK_FALSE(contains(e.path().filename().string(), ".restoring-"));
  }
  // The restored content builds the same handbook.
  build(w.content, w.index);
  w.start(30);
  CHECK(searchable(w.port, "khôi phục"));
  CHECK(EditorSession(w.port, w.editor).ok);
}

TEST_CASE("restore never overwrites without --force, with it the old data is kept aside") {
  Workflow w(30, false);
  const fs::path archive = w.tmp.path() / "b.tar.zst";
  write_backup(paths_of(w), archive);
  const auto before = tree(w.content);
  write_file(w.content / "van-phong/moi.md", office_doc("van-phong/moi", "Sau sao lưu."));
  const std::string refused = error_of([&] { restore_backup(archive, paths_of(w), false); });
  CHECK(contains(refused, "--force"));
  CHECK(contains(refused, w.content.string()));
  CHECK(fs::exists(w.content / "van-phong/moi.md"));
  const RestoreReport r = restore_backup(archive, paths_of(w), true);
  CHECK(tree(w.content) == before);
  CHECK(r.moved_aside.size() == r.written.size());
  bool kept = false;
  for (const fs::path& p : r.moved_aside) kept = kept || fs::exists(p / "van-phong/moi.md");
  CHECK(kept);
}

TEST_CASE("a backup taken during an approval waits for it and holds it whole") {
  Workflow w(30, false);
  std::mutex m;
  std::condition_variable cv;
  bool paused = false, release = false;
  std::thread approver([&] {
    approve_one(w, "Phê duyệt trong lúc sao lưu.", [&](const char* step) {
      if (std::string(step) != "content") return;
      std::unique_lock lock(m);
      paused = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    });
  });
  {
    std::unique_lock lock(m);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return paused; }));
  }
  const fs::path archive = w.tmp.path() / "during.tar.zst";
  auto backup = std::async(std::launch::async, [&] { return write_backup(paths_of(w), archive); });
  // The approval holds the inbox lock: the backup must not finish now.
  CHECK(backup.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  approver.join();
  backup.get();
  TempDir elsewhere;
  BackupPaths to{elsewhere.path() / "content",
                 elsewhere.path() / "inbox",
                 elsewhere.path() / "auth.json",
                 elsewhere.path() / "audit.log",
                 {},
                 {}};
  restore_backup(archive, to, false);
  CHECK(contains(read_file(to.content / "van-phong/the-thuc.md"), "Phê duyệt trong lúc sao lưu."));
  Inbox inbox(to.inbox);
  REQUIRE(inbox.list().size() == 1);
  CHECK(inbox.list()[0].status == STATUS_APPROVED);
  CHECK(contains(read_file(to.audit), "\"event\":\"approval\""));
}

TEST_CASE("damaged, foreign and hostile archives are refused and nothing is written") {
  Workflow w(30, false);
  const fs::path good = w.tmp.path() / "good.tar.zst";
  write_backup(paths_of(w), good);
  const std::string bytes = read_file(good);
  TempDir out;
  const BackupPaths to{out.path() / "content",   out.path() / "inbox",  out.path() / "auth.json",
                       out.path() / "audit.log", out.path() / "q.json", {}};
  struct Case {
    const char* what;
    std::function<void(const fs::path&)> make;
    const char* message;
  };
  const std::string header = header_json();
  const std::vector<Case> cases = {
      {"truncated", [&](const fs::path& f) { write_file(f, bytes.substr(0, bytes.size() / 2)); },
       "cắt cụt"},
      {"empty", [&](const fs::path& f) { write_file(f, ""); }, "Sổ tay"},
      {"not an archive", [&](const fs::path& f) { write_file(f, "<html>hello</html>"); }, ""},
      {"foreign tar",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"etc/passwd", "root:x:0:0"}});
       },
       "không phải bản sao lưu của Sổ tay"},
      {"dot-dot",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", header}, {"content/../../evil", "x"}});
       },
       "\"..\""},
      {"absolute",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", header}, {"/tmp/evil-sotay", "x"}});
       },
       "tuyệt đối"},
      {"symlink",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", header}, {"content/a.md@/etc/passwd", ""}});
       },
       "liên kết"},
      {"hard link",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", header}, {"content/a.md#/etc/passwd", ""}});
       },
       "liên kết"},
      {"outside the parts",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", header}, {"bin/sh", "x"}});
       },
       "ngoài các phần"},
      {"no manifest",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", header}, {"content/a.md", "x"}});
       },
       "MANIFEST"},
      {"file changed after the manifest",
       [&](const fs::path& f) {
         BackupManifest m;
         m.files.push_back({"content/a.md", 1, std::string(64, '0'), 0644});
         write_raw_archive(f, {{"sotay-backup.json", header},
                               {"content/a.md", "y"},
                               {"MANIFEST.json", m.to_json().dump()}});
       },
       "không khớp"},
      {"header without a version",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", "{\"format\":\"sotay-backup\"}"}});
       },
       "định dạng không rõ"},
      {"header of the wrong types",
       [&](const fs::path& f) {
         write_raw_archive(f, {{"sotay-backup.json", "{\"format\":1,\"version\":[]}"}});
       },
       "không phải bản sao lưu của Sổ tay"},
      {"newer format",
       [&](const fs::path& f) {
         nlohmann::json h = backup_header();
         h["version"] = 99;
         write_raw_archive(f, {{"sotay-backup.json", h.dump()}});
       },
       "định dạng 99"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const fs::path f = w.tmp.path() / (std::string(c.what) + ".tar.zst");
    c.make(f);
    const std::string verified = error_of([&] { verify_backup(f); });
    const std::string restored = error_of([&] { restore_backup(f, to, false); });
    CHECK_FALSE(verified.empty());
    CHECK_MESSAGE(contains(verified, c.message), c.what, ": ", verified);
    CHECK(contains(verified, f.string()));
    CHECK(restored == verified);
    CHECK(fs::is_empty(out.path()));
  }
  CHECK_FALSE(fs::exists("/tmp/evil-sotay"));
  CHECK_FALSE(fs::exists(out.path().parent_path() / "evil"));
}

TEST_CASE("a backup that cannot be written (full disk) leaves the older backup and no temp file") {
  Workflow w(30, false);
  // A large file makes the archive larger than the limit below.
  std::string noise;
  for (int i = 0; i < 200000; ++i) noise += std::to_string(i * 7919 % 100003) + " ";
  write_file(w.content / "van-phong/lon.md", office_doc("van-phong/lon", noise));
  const fs::path dir = w.tmp.path() / "backups", archive = dir / "ward.tar.zst";
  fs::create_directories(dir);
  write_file(archive, "older backup");
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // A file size limit makes the write fail as a full disk would (EFBIG).
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      write_backup(paths_of(w), archive);
    } catch (const std::exception& e) {
      ::_exit(std::string(e.what()).find(archive.string()) != std::string::npos ? 3 : 4);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);  // failed, with a message naming the archive
  CHECK(read_file(archive) == "older backup");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);
}

TEST_CASE("--with-index: the current edition comes back and is current") {
  Workflow w(30, false);
  BackupPaths from = paths_of(w);
  from.index = w.index;
  const fs::path archive = w.tmp.path() / "with-index.tar.zst";
  const BackupReport r = write_backup(from, archive);
  const auto edition = current_edition(w.index);
  REQUIRE(edition);
  CHECK(r.edition == edition->filename().string());
  TempDir out;
  BackupPaths to{out.path() / "content",
                 out.path() / "inbox",
                 out.path() / "auth.json",
                 out.path() / "audit.log",
                 {},
                 out.path() / "index"};
  restore_backup(archive, to, false);
  const auto restored = current_edition(to.index);
  REQUIRE(restored);
  CHECK(restored->filename() == edition->filename());
  TestServer server(to.index);
  auto c = server.client();
  const auto res = c.Get("/api/search?q=quy%20ch%E1%BA%BF");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_FALSE(contains(res->body, "\"total\":0"));
}

TEST_CASE("sotay-indexer backup, backup --verify and restore from the command line") {
  Workflow w(30, false);
  const fs::path archive = w.tmp.path() / "cli.tar.zst";
  const std::string paths = " --content " + w.content.string() + " --inbox " + w.inbox.string() +
                            " --auth " + w.auth_file.string() + " --audit " + w.audit.string();
  std::string out;
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " backup --to " + archive.string() + paths,
                    out) == 0);
  CHECK(contains(out, "Đã sao lưu"));
  out.clear();
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " backup --verify " + archive.string(), out) ==
        0);
  CHECK(contains(out, "nguyên vẹn"));
  out.clear();
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " restore " + archive.string() + paths, out) ==
        2);
  CHECK(contains(out, "--force"));
  TempDir fresh;
  out.clear();
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " restore " + archive.string() + " --to " +
                        fresh.path().string(),
                    out) == 0);
  CHECK(fs::exists(fresh.path() / "content/van-phong"));
  CHECK(fs::exists(fresh.path() / "data/auth.json"));
  CHECK(contains(out, "sotay-indexer build"));
  // An archive with the edition, restored without --with-index: said, not silent.
  const fs::path with_index = w.tmp.path() / "cli-index.tar.zst";
  out.clear();
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " backup --with-index --index " +
                        w.index.string() + " --to " + with_index.string() + paths,
                    out) == 0);
  CHECK(contains(out, "kèm ấn bản"));
  TempDir other;
  out.clear();
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " restore " + with_index.string() + " --to " +
                        other.path().string(),
                    out) == 0);
  CHECK(contains(out, "không khôi phục nó"));
  CHECK_FALSE(fs::exists(other.path() / "data/index"));
}
