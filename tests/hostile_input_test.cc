// Hostile input found by a probe (issue 19) in the submission workflow:
// ids that would be approved and then lost, a department's new documents in
// another's folder, the CSRF token from a link, a logout that left the
// session valid, the Bearer scheme in lower case.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "files.h"
#include "submission_support.h"

namespace sotay {

namespace {

using namespace test;
using nlohmann::json;

httplib::Result submit(const Workflow& w, const std::string& authorization,
                       const std::string& body) {
  auto c = w.client();
  return c.Post("/api/submissions", {{"Authorization", authorization}}, body,
                "text/markdown; charset=utf-8");
}

std::string pending_id(const Workflow& w, const std::string& token, const std::string& body) {
  const auto res = submit(w, "Bearer " + token, body);
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  return json::parse(res->body)["id"].get<std::string>();
}

}  // namespace

TEST_CASE("ids with a part starting with '_' are refused, not approved and lost") {
  Workflow w;
  for (const char* id : {"van-phong/_an", "_site", "_dictionary/x", "van-phong/_nhap/a"}) {
    CAPTURE(id);
    const auto res = submit(w, "Bearer " + w.office, office_doc(id, "Nội dung."));
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(contains(res->body, "'_'"));
  }
  // An id with '_' inside a part stays valid.
  const auto ok = submit(w, "Bearer " + w.office, office_doc("van-phong/quy_che", "Nội dung."));
  REQUIRE(ok);
  CHECK(ok->status == 201);

  // `check` flags a file that already has such an id, at its line.
  write_file(w.content / "van-phong/an.md", office_doc("van-phong/_an", "Nội dung."));
  std::string out;
  const int status =
      run_command(std::string(SOTAY_INDEXER_BIN) + " check --content " + w.content.string(), out);
  CAPTURE(out);
  CHECK(status == 1);
  CHECK(contains(out, "van-phong/an.md:2:"));
  CHECK(contains(out, "'_'"));
}

TEST_CASE("a department's new documents go to its own folder after it took over one elsewhere") {
  Workflow w;
  // kinh-te/ holds two documents; the centre takes over one of them.
  write_file(w.content / "kinh-te/cho.md",
             "---\nid: kinh-te/cho\ntitle: Chợ\ndepartment: Phòng Kinh tế - Hạ tầng và Đô "
             "thị\n---\nChợ phường.\n");
  std::string duong = read_file(w.content / "kinh-te/duong.md");
  const auto at = duong.find("department: ");
  duong.replace(at, duong.find('\n', at) - at, std::string("department: ") + CENTRE);
  write_file(w.content / "kinh-te/duong.md", duong);

  pending_id(w, w.centre,
             "---\nid: ke-hoach-moi\ntitle: Kế hoạch mới\ndepartment: " + std::string(CENTRE) +
                 "\n---\nNội dung.\n");
  auto c = w.client();
  const auto list = c.Get("/api/submissions", {{"Authorization", "Bearer " + w.centre}});
  REQUIRE(list);
  const json submissions = json::parse(list->body)["submissions"];
  REQUIRE(submissions.size() == 1);
  CHECK(submissions[0]["path"] == "content/trung-tam/ke-hoach-moi.md");
}

TEST_CASE("the Bearer scheme is case-insensitive") {
  Workflow w;
  int n = 0;
  for (const std::string scheme : {"bearer ", "BEARER ", "Bearer "}) {
    CAPTURE(scheme);
    const auto res =
        submit(w, scheme + w.office, office_doc("van-phong/s-" + std::to_string(++n), "x"));
    REQUIRE(res);
    CHECK(res->status == 201);
  }
  const auto none = submit(w, "Bearerx" + w.office, office_doc("van-phong/s-c", "x"));
  REQUIRE(none);
  CHECK(none->status == 401);
}

TEST_CASE("a CSRF token is taken from the form body or a header, never from the URL") {
  Workflow w;
  const std::string id = pending_id(w, w.office, office_doc("van-phong/csrf", "x"));
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  auto c = w.client();
  const auto from_url = c.Post(("/bien-tap/duyet/" + id + "?csrf=" + ed.csrf).c_str(),
                               {{"Cookie", ed.cookie}}, "", "application/x-www-form-urlencoded");
  REQUIRE(from_url);
  CHECK(from_url->status == 403);
  const auto from_header =
      c.Post(("/bien-tap/duyet/" + id).c_str(), {{"Cookie", ed.cookie}, {"X-CSRF-Token", ed.csrf}},
             "confirm=1", "application/x-www-form-urlencoded");
  REQUIRE(from_header);
  CHECK(from_header->status == 303);
}

TEST_CASE("logging out ends the session on the server") {
  Workflow w;
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  auto c = w.client();
  // Without the session's CSRF token a logout is refused (a forged POST).
  const auto forged = c.Post("/bien-tap/dang-xuat", {{"Cookie", ed.cookie}}, "",
                             "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK(c.Get("/bien-tap", {{"Cookie", ed.cookie}})->status == 200);
  const auto out = c.Post("/bien-tap/dang-xuat", {{"Cookie", ed.cookie}}, "csrf=" + ed.csrf,
                          "application/x-www-form-urlencoded");
  REQUIRE(out);
  CHECK(out->status == 303);
  // The old cookie, kept by whoever copied it, no longer opens the review page.
  const auto page = c.Get("/bien-tap", {{"Cookie", ed.cookie}});
  REQUIRE(page);
  CHECK(page->status == 401);
}

}  // namespace sotay
