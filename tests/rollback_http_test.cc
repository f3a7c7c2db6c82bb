// Rolling back from /bien-tap on the real server: the "Ấn bản" section, the
// confirmation page, CSRF, and the old text served after it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "files.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string current_id(const fs::path& index) { return current_edition(index)->filename(); }

// POSTs `text` to /api/submissions with `token`; the submission id.
std::string api_submit(const Workflow& w, const std::string& token, const std::string& text) {
  httplib::Client c = w.client();
  const auto res =
      c.Post("/api/submissions", {{"Authorization", "Bearer " + token}}, text, "text/markdown");
  REQUIRE(res);
  REQUIRE(res->status == 201);
  return json::parse(res->body)["id"];
}

bool serves(const Workflow& w, const std::string& path, const std::string& text) {
  return wait_until(
      [&] {
        const auto res = w.client().Get(path.c_str());
        return res && res->status == 200 && contains(res->body, text);
      },
      std::chrono::seconds(20));
}

}  // namespace

TEST_CASE("/bien-tap: editions listed, rollback confirmed, the old text served") {
  Workflow w;
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const std::string e1 = current_id(w.index);
  const std::string id =
      api_submit(w, w.office,
                 office_doc("van-phong/the-thuc", "Bản thứ hai có từ phienbanhai.",
                            "original: the-thuc.txt\n"));
  const auto approved = ed.approve(w.port, id);
  REQUIRE(approved);
  REQUIRE(approved->status == 303);
  const std::string e2 = current_id(w.index);
  REQUIRE(e2 != e1);
  REQUIRE(serves(w, "/doc/van-phong/the-thuc", "phienbanhai"));

  const auto page = w.client().Get("/bien-tap", {{"Cookie", ed.cookie}});
  REQUIRE(page);
  CHECK(contains(page->body, "<h2 id=\"an-ban-tieu-de\">Ấn bản</h2>"));
  CHECK(contains(page->body, "action=\"/bien-tap/quay-ve/" + e1 + "\""));
  CHECK_FALSE(contains(page->body, "action=\"/bien-tap/quay-ve/" + e2 + "\""));  // current
  CHECK_FALSE(contains(page->body, "Lần quay về gần nhất"));
  CHECK(contains(page->body, "đã duyệt: van-phong/the-thuc"));

  const std::string path = "/bien-tap/quay-ve/" + e1;
  SUBCASE("no CSRF token, no session, a department's token: refused, nothing changed") {
    const auto no_csrf = ed.post(w.port, path, "confirm=1");
    REQUIRE(no_csrf);
    CHECK(no_csrf->status == 403);
    const auto no_session = w.client().Post(path.c_str(), "csrf=" + ed.csrf + "&confirm=1",
                                            "application/x-www-form-urlencoded");
    REQUIRE(no_session);
    CHECK(no_session->status == 401);
    const auto bearer =
        w.client().Post(path.c_str(), {{"Authorization", "Bearer " + w.office}},
                        "csrf=" + ed.csrf + "&confirm=1", "application/x-www-form-urlencoded");
    REQUIRE(bearer);
    CHECK(bearer->status == 401);
    CHECK(current_id(w.index) == e2);
  }
  SUBCASE("the confirmation page, then the rollback") {
    const auto confirm = ed.post(w.port, path, "csrf=" + ed.csrf);
    REQUIRE(confirm);
    CHECK(confirm->status == 200);
    CHECK(contains(confirm->body, "van-phong/the-thuc.md"));
    CHECK(contains(confirm->body, "name=\"confirm\" value=\"1\""));
    CHECK(current_id(w.index) == e2);  // not yet

    const auto done = ed.post(w.port, path, "csrf=" + ed.csrf + "&confirm=1");
    REQUIRE(done);
    CHECK(done->status == 303);
    CHECK(done->get_header_value("Location") == "/bien-tap#an-ban");
    CHECK(current_id(w.index) == e1);
    CHECK(serves(w, "/doc/van-phong/the-thuc", "Nghị định quy định về công tác văn thư."));
    const auto after = w.client().Get("/bien-tap", {{"Cookie", ed.cookie}});
    REQUIRE(after);
    CHECK(contains(after->body,
                   "Lần quay về gần nhất: Biên tập viên A quay về ấn bản <code>" + e1 + "</code>"));
    // e2 is now newer than the current edition: it can be gone back to.
    CHECK(contains(after->body, "action=\"/bien-tap/quay-ve/" + e2 + "\""));

    // Refused: e2's text is nowhere once the history is gone.
    fs::remove_all(w.content / ".history");
    const auto refused = ed.post(w.port, "/bien-tap/quay-ve/" + e2, "csrf=" + ed.csrf);
    REQUIRE(refused);
    CHECK(refused->status == 409);
    CHECK(contains(refused->body, "Không thể quay về ấn bản này"));
    CHECK(contains(refused->body, "content/van-phong/the-thuc.md"));
    CHECK_FALSE(contains(refused->body, "name=\"confirm\""));
    const auto forced =
        ed.post(w.port, "/bien-tap/quay-ve/" + e2, "csrf=" + ed.csrf + "&confirm=1");
    REQUIRE(forced);
    CHECK(forced->status == 409);
    CHECK(current_id(w.index) == e1);
  }
  SUBCASE("a build holding the index: 503, try again later, nothing changed") {
    const auto busy = FileLock::try_lock(w.index / ".lock");  // as sotay-indexer build does
    REQUIRE(busy);
    const auto res = ed.post(w.port, path, "csrf=" + ed.csrf + "&confirm=1");
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(res->get_header_value("Retry-After") == "60");
    CHECK(contains(res->body, "Chỉ mục đang được xây dựng"));
    CHECK(contains(res->body, "Chưa có gì bị thay đổi"));
    CHECK(current_id(w.index) == e2);
    CHECK(serves(w, "/doc/van-phong/the-thuc", "phienbanhai"));
  }
  SUBCASE("an edition that does not exist") {
    const auto res =
        ed.post(w.port, "/bien-tap/quay-ve/20200101T000000.000Z-00000000", "csrf=" + ed.csrf);
    REQUIRE(res);
    CHECK(res->status == 404);
  }
}
