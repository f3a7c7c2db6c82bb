// Ownership of documents (workflow/allowance.h): a department replaces only
// its own documents unless an editor allows the takeover; editors may move
// a document to another department; `token add` checks department names.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "allowance.h"
#include "auth.h"
#include "departments.h"
#include "files.h"
#include "publish.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// van-phong/the-thuc (the office's) as the centre would submit it.
std::string centre_doc(const std::string& body) {
  return "---\nid: van-phong/the-thuc\ntitle: Thể thức văn bản\ndepartment: " +
         std::string(CENTRE) + "\n---\n" + body + "\n";
}

httplib::Result api_submit(const Workflow& w, const std::string& token, const std::string& text) {
  return w.client().Post("/api/submissions", {{"Authorization", "Bearer " + token}}, text,
                         "text/markdown");
}

}  // namespace

TEST_CASE("a department cannot take over another's document, an allowance lets it, once owned") {
  Workflow w;
  const auto refused = api_submit(w, w.centre, centre_doc("Trung tâm sửa văn bản."));
  REQUIRE(refused);
  CHECK(refused->status == 403);
  const std::string message = json::parse(refused->body)["error"]["message"];
  CAPTURE(message);
  CHECK(contains(message, "văn bản \"van-phong/the-thuc\" thuộc Văn phòng HĐND và UBND"));
  CHECK(contains(message, "chỉ đơn vị đó hoặc biên tập viên được sửa"));
  CHECK(contains(message, "inbox allow van-phong/the-thuc"));
  CHECK_FALSE(fs::exists(w.inbox / "allowances.json"));

  // An editor allows it (from the command line, as docs/submissions.md says).
  std::string out;
  const std::string allow = std::string(SOTAY_INDEXER_BIN) + " inbox allow van-phong/the-thuc" +
                            " --inbox '" + w.inbox.string() + "' --content '" + w.content.string() +
                            "' --by 'Biên tập viên A' --department '";
  CHECK(run_command(allow + CENTRE + "'", out) == 0);
  CAPTURE(out);
  CHECK(contains(out, "Đã cho phép"));
  CHECK(run_command(allow + OFFICE + "'", out) == 1);  // it is the office's already
  CHECK(contains(out, "không cần cho phép"));
  const auto allowed = api_submit(w, w.centre, centre_doc("Trung tâm sửa văn bản."));
  REQUIRE(allowed);
  REQUIRE(allowed->status == 201);
  const json s = json::parse(allowed->body);
  CHECK(s["previous_department"] == OFFICE);
  CHECK(s["department"] == CENTRE);

  // Approved: the document is the centre's; the allowance is spent and the
  // office, now another department, is refused in turn.
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const auto approved = ed.approve(w.port, s["id"]);
  REQUIRE(approved);
  CHECK(approved->status == 303);
  CHECK(Allowances(w.inbox).list().empty());
  CHECK(contains(read_file(w.content / "van-phong/the-thuc.md"), CENTRE));
  const auto office = api_submit(w, w.office, office_doc("van-phong/the-thuc", "Lấy lại."));
  REQUIRE(office);
  CHECK(office->status == 403);
  CHECK(contains(office->body, "thuộc Trung tâm Phục vụ hành chính công"));
  const auto centre = api_submit(w, w.centre, centre_doc("Trung tâm sửa tiếp."));
  REQUIRE(centre);
  CHECK(centre->status == 201);
  CHECK(json::parse(centre->body)["previous_department"] == "");
}

TEST_CASE("an editor may change a document's department, the submission says so") {
  Workflow w;
  const auto res = api_submit(w, w.editor, centre_doc("Biên tập viên chuyển văn bản."));
  REQUIRE(res);
  CHECK(res->status == 201);
  CHECK(json::parse(res->body)["previous_department"] == OFFICE);
  // Its own document, or a new one: nothing to record.
  const auto own = api_submit(w, w.office, office_doc("van-phong/the-thuc", "Sửa của mình."));
  REQUIRE(own);
  CHECK(json::parse(own->body)["previous_department"] == "");
  const auto fresh = api_submit(w, w.office, office_doc("van-phong/moi", "Văn bản mới."));
  REQUIRE(fresh);
  CHECK(json::parse(fresh->body)["previous_department"] == "");
}

TEST_CASE("allowances: one per document and department, valid while the owner is unchanged") {
  TempDir tmp;
  const Allowances a(tmp.path());
  CHECK(a.list().empty());
  a.grant({"van-phong/x", CENTRE, OFFICE, "BTV", ""});
  a.grant({"van-phong/x", CENTRE, OFFICE, "BTV 2", ""});  // replaces
  REQUIRE(a.list().size() == 1);
  CHECK(a.list()[0].by == "BTV 2");
  CHECK_FALSE(a.list()[0].time.empty());
  CHECK(a.allows("van-phong/x", CENTRE, OFFICE));
  CHECK_FALSE(a.allows("van-phong/x", CENTRE, "Phòng Văn hóa - Xã hội"));  // owner changed
  CHECK_FALSE(a.allows("van-phong/x", "Phòng Văn hóa - Xã hội", OFFICE));
  CHECK_FALSE(a.allows("van-phong/y", CENTRE, OFFICE));
  CHECK(a.revoke("van-phong/x") == 1);
  CHECK(a.list().empty());
}

TEST_CASE("token add: an unknown department is refused with the nearest names") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  const fs::path auth = tmp.path() / "auth.json";
  const std::string add = std::string(SOTAY_INDEXER_BIN) + " token add --fast-hash --auth '" +
                          auth.string() + "' --content '" + (tmp.path() / "content").string() +
                          "' ";
  std::string out;
  SUBCASE("misspelled: refused, the right name suggested, no token") {
    CHECK(run_command(add + "'Van phong HDND va UBND'", out) == 1);
    CAPTURE(out);
    CHECK(contains(out, "Tên gần giống: \"Văn phòng HĐND và UBND\""));
    CHECK(contains(out, "--new-department"));
    CHECK(contains(out, "Chưa tạo mã nào"));
    CHECK(AuthStore(auth).list().empty());
  }
  SUBCASE("--new-department: a warning, and the token") {
    CHECK(run_command(add + "'Phòng Tư pháp' --new-department", out) == 0);
    CHECK(contains(out, "cảnh báo"));
    REQUIRE(AuthStore(auth).list().size() == 1);
    CHECK(AuthStore(auth).list()[0].name == "Phòng Tư pháp");
  }
  SUBCASE("a known name, an editor: no warning") {
    CHECK(run_command(add + "'" + OFFICE + "'", out) == 0);
    CHECK_FALSE(contains(out, "cảnh báo"));
    CHECK(run_command(add + "'Nguyễn Thị Lan' --role editor", out) == 0);
    CHECK_FALSE(contains(out, "cảnh báo"));
    CHECK(AuthStore(auth).list().size() == 2);
  }
  SUBCASE("no content directory: refused unless --new-department") {
    const std::string elsewhere =
        std::string(SOTAY_INDEXER_BIN) + " token add --fast-hash --auth '" + auth.string() +
        "' --content '" + (tmp.path() / "khong-co").string() + "' '" + OFFICE + "'";
    CHECK(run_command(elsewhere, out) == 1);
    CHECK(contains(out, "không đọc được thư mục nội dung"));
  }
}

TEST_CASE("known departments: documents' department and _site.yaml's list, nearest first") {
  TempDir tmp;
  write_fixture_content(tmp.path());
  write_file(
      tmp.path() / "_site.yaml",
      "ward_name: UBND phường\ndepartments:\n  - Phòng Tư pháp\n  - " + std::string(OFFICE) + "\n");
  const std::vector<std::string> known = known_departments(tmp.path());
  CHECK(is_known_department("Phòng Tư pháp", known));
  CHECK(is_known_department(CENTRE, known));
  CHECK(std::count(known.begin(), known.end(), OFFICE) == 1);
  CHECK_FALSE(is_known_department("Văn phòng", known));
  CHECK(nearest_departments("trung tam phuc vu hanh chinh", known, 1) ==
        std::vector<std::string>{CENTRE});
}
