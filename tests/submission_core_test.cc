// The submission workflow's core: tokens, the line diff, and approvals
// interrupted at every step and finished by reconcile().
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <stdexcept>

#include "diff_html.h"
#include "files.h"
#include "line_diff.h"
#include "publish.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

TEST_CASE("tokens: stored hashed in a 0600 file, verified, listed, revoked") {
  TempDir tmp;
  AuthStore auth(tmp.path() / "data/auth.json");
  const std::string token = auth.add(OFFICE, ROLE_DEPARTMENT, HashCost::Minimum);
  CHECK(token.size() == 64);
  const std::string editor = auth.add("Biên tập", ROLE_EDITOR, HashCost::Minimum);
  CHECK(token != editor);
  struct stat st {};
  REQUIRE(::stat(auth.file().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const std::string file = read_file(auth.file());
  CHECK_FALSE(contains(file, token));
  CHECK(contains(file, "$argon2id$"));

  const auto who = auth.verify(token);
  REQUIRE(who);
  CHECK(who->name == OFFICE);
  CHECK_FALSE(who->editor());
  CHECK(auth.verify(editor)->editor());
  std::string wrong = token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  CHECK_FALSE(auth.verify(wrong));
  CHECK_FALSE(auth.verify(""));
  CHECK_FALSE(auth.verify(token.substr(0, 8)));

  REQUIRE(auth.list().size() == 2);
  CHECK(auth.list()[0].id == token.substr(0, 8));
  CHECK(auth.revoke(token.substr(0, 8)));
  CHECK_FALSE(auth.verify(token));
  CHECK(auth.list()[0].revoked);
  CHECK_FALSE(auth.revoke("nope"));
  CHECK_THROWS(auth.add(OFFICE, "admin", HashCost::Minimum));
  CHECK_THROWS(auth.add("", ROLE_EDITOR, HashCost::Minimum));
}

TEST_CASE("line diff: kept, removed and added lines, escaped") {
  struct Case {
    const char* before;
    const char* after;
    std::string ops;
  };
  const std::vector<Case> cases = {
      {"a\nb\nc", "a\nb\nc", "   "}, {"a\nb\nc", "a\nc", " - "}, {"a\nc", "a\nb\nc", " + "},
      {"a\nb", "a\nx", " -+"},       {"", "a\nb", "++"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.before);
    CAPTURE(c.after);
    std::string ops;
    for (const DiffLine& d : line_diff(c.before, c.after)) ops += d.op;
    CHECK(ops == c.ops);
  }
  const std::string html = diff_html(line_diff("<b>", "<i>"));
  CHECK(contains(html, "&lt;i&gt;"));
  CHECK_FALSE(contains(html, "<i>"));
}

TEST_CASE("submission_json: what clients see, the stored record apart") {
  Submission s;
  s.id = "20261127T070000123Z-1a2b3c4d";
  s.doc_id = "van-phong/the-thuc";
  s.path = "van-phong/the-thuc.md";
  s.title = "Thể thức văn bản";
  s.department = "Văn phòng";
  s.submitter = "abcd1234";
  s.submitter_name = "Văn phòng UBND";
  s.time = "2026-11-27T07:00:00Z";
  s.status = STATUS_REJECTED;
  s.reason = "thiếu căn cứ";
  s.hash = "ff";
  s.decided_by = "Biên tập viên";
  s.decided_at = "2026-11-27T08:00:00Z";
  s.warnings = {"dòng 6: thẻ HTML <b> bị bỏ qua"};
  const nlohmann::json j = submission_json(s);
  CHECK(j == nlohmann::json{{"id", s.id},
                            {"document", "van-phong/the-thuc"},
                            {"path", "content/van-phong/the-thuc.md"},
                            {"title", s.title},
                            {"department", s.department},
                            {"submitter", "Văn phòng UBND"},
                            {"time", s.time},
                            {"status", "rejected"},
                            {"reason", s.reason},
                            {"decided_at", s.decided_at},
                            {"previous_department", ""},
                            {"hash", "ff"},
                            {"warnings", s.warnings}});
  CHECK(j.dump().find("abcd1234") == std::string::npos);  // never the token id
  // The stored record reads back whole.
  const Submission back = Submission::from_json(s.to_json());
  CHECK(back.to_json() == s.to_json());
  CHECK(back.submitter == "abcd1234");
}

TEST_CASE("an approval interrupted at any step is finished by reconcile(), nothing lost") {
  for (const char* at : {"history", "content", "status", "build"}) {
    CAPTURE(at);
    Workflow w(30, false);
    const std::string path = "van-phong/the-thuc.md";
    const std::string before = read_file(w.content / path);
    const std::string text = office_doc("van-phong/the-thuc", "Bản mới gián đoạn.");
    PublishOptions o = w.publish_options();
    const Principal office{w.office.substr(0, 8), OFFICE, ROLE_DEPARTMENT};
    const Principal editor{w.editor.substr(0, 8), "Biên tập viên A", ROLE_EDITOR};
    std::string id;
    {
      o.step_hook = [at](const char* step) {
        if (std::string(step) == at) throw std::runtime_error("mất điện");
      };
      Publisher p(o);
      const SubmitResult r = p.submit(office, text);
      REQUIRE(r.submission);
      id = r.submission->id;
      CHECK_THROWS_WITH(p.approve(id, editor), "mất điện");
    }
    o.step_hook = nullptr;
    Publisher p(o);
    p.reconcile();
    const bool written = std::string(at) == "status" || std::string(at) == "build";
    const auto s = p.inbox().get(id);
    REQUIRE(s);
    CHECK(s->status == (written ? STATUS_APPROVED : STATUS_PENDING));
    CHECK(read_file(w.content / path) == (written ? text : before));
    if (!written) {
      const ApproveResult r = p.approve(id, editor);
      CHECK(r.published);
    }
    CHECK(read_file(w.content / path) == text);
    CHECK(p.inbox().get(id)->status == STATUS_APPROVED);
    CHECK_FALSE(fs::exists(w.inbox / ".unpublished"));
    // Every history copy is the previous version, whole.
    for (const auto& e : fs::directory_iterator(w.content / ".history/van-phong/the-thuc")) {
      CHECK(read_file(e.path()) == before);
    }
    // No temporary file left anywhere.
    for (const auto& e : fs::recursive_directory_iterator(w.tmp.path())) {
      CHECK_FALSE(contains(e.path().filename().string(), ".tmp-"));
    }
  }
}
