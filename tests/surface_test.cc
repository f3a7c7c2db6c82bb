// The attack surface of the workflow pages, row by row of the route table
// (routes.h), so a route added later is checked too: every browser POST
// needs its CSRF token, every cookie is HttpOnly + SameSite=Strict (+Secure
// behind TLS), a department can never approve, and every POST route holds
// its body to a limit.
#include <doctest/doctest.h>

#include <regex>

#include "edition.h"
#include "routes.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

// A path the row's pattern matches: each capture group becomes `value`.
std::string sample_path(const Route& route, const std::string& value) {
  std::string pattern = route.pattern;
  const std::regex group(R"(\([^()]*\))");
  std::string path = std::regex_replace(pattern, group, value);
  path.erase(std::remove(path.begin(), path.end(), '\\'), path.end());
  return path;
}

// A pending submission of the office, by the API.
std::string pending_submission(const Workflow& w, const std::string& id) {
  auto c = w.client();
  const auto res = c.Post("/api/submissions", {{"Authorization", "Bearer " + w.office}},
                          office_doc(id, "## Mục\n\nNội dung thử."), "text/markdown");
  REQUIRE(res);
  REQUIRE(res->status == 201);
  return nlohmann::json::parse(res->body).at("id").get<std::string>();
}

std::string status_of(const Workflow& w, const std::string& submission) {
  Publisher p(w.publish_options());
  return p.inbox().get(submission).value().status;
}

}  // namespace

TEST_CASE("every browser POST of the route table is refused without its CSRF token") {
  Workflow w;
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  Clerk clerk(w.port, w.office);
  REQUIRE_FALSE(clerk.cookie.empty());
  const std::string sub = pending_submission(w, "van-phong/csrf-thu");
  const std::string edition = current_edition(w.index)->filename().string();
  const std::string cookies = ed.cookie + "; " + clerk.cookie;
  std::size_t checked = 0;
  for (const Route& route : routes()) {
    if ((route.methods & HTTP_POST) == 0 || route.has(API)) continue;
    const std::string path = sample_path(
        route, std::string(route.pattern).find("quay-ve") != std::string::npos ? edition : sub);
    CAPTURE(path);
    auto c = w.client();
    // Both sessions, every field a form could want, but no CSRF token.
    const auto res = c.Post(path.c_str(), {{"Cookie", cookies}},
                            "confirm=1&older=1&reason=gi%E1%BA%A3&token=" + w.editor,
                            "application/x-www-form-urlencoded");
    REQUIRE(res);
    CHECK(res->status == 403);
    ++checked;
  }
  CHECK(checked >= 8);  // /nop, its sign-in/out, sign-in/out, approve, reject, rollback
  // Nothing happened: still pending, both sessions still signed in.
  CHECK(status_of(w, sub) == STATUS_PENDING);
  auto c = w.client();
  CHECK(c.Get("/bien-tap", {{"Cookie", ed.cookie}})->status == 200);
  CHECK(contains(c.Get("/nop", {{"Cookie", clerk.cookie}})->body, "dang-xuat"));
}

TEST_CASE("every cookie the workflow sets is HttpOnly, SameSite=Strict, scoped, Secure on TLS") {
  Workflow w(30, false);
  w.configure = [](ServerOptions& o) { o.submission_limits.secure_cookies = true; };
  w.start(30);
  std::vector<std::string> headers;
  auto c = w.client();
  for (const char* page : {"/nop", "/bien-tap"}) {
    const auto res = c.Get(page);
    REQUIRE(res);
    for (std::size_t i = 0; i < res->get_header_value_count("Set-Cookie"); ++i) {
      headers.push_back(res->get_header_value("Set-Cookie", i));
    }
  }
  EditorSession ed(w.port, w.editor);
  Clerk clerk(w.port, w.office);
  headers.push_back(clerk.signin_set_cookie);
  // The editor's sign-in answer (EditorSession keeps only the value).
  const auto form = c.Get("/bien-tap");
  const auto signin =
      c.Post("/bien-tap/dang-nhap", {{"Cookie", set_cookie(*form, "sotay_login_csrf")}},
             "csrf=" + hidden_value(form->body, "csrf") + "&token=" + w.editor,
             "application/x-www-form-urlencoded");
  REQUIRE(signin);
  headers.push_back(signin->get_header_value("Set-Cookie"));
  REQUIRE(headers.size() >= 4);
  for (const std::string& h : headers) {
    CAPTURE(h);
    CHECK(contains(h, "; HttpOnly"));
    CHECK(contains(h, "; SameSite=Strict"));
    CHECK(contains(h, "; Secure"));
    CHECK(contains(h, "; Path=/"));
  }
}

TEST_CASE("a department can never approve, reject or roll back") {
  Workflow w;
  const std::string sub = pending_submission(w, "van-phong/khong-duyet");
  const std::string edition = current_edition(w.index)->filename().string();
  // Not at the editors' sign-in.
  EditorSession as_department(w.port, w.office);
  CHECK_FALSE(as_department.ok);
  // Not with its /nop session (under either cookie name), its CSRF token, or
  // its token as a Bearer header.
  Clerk clerk(w.port, w.office);
  REQUIRE_FALSE(clerk.csrf.empty());
  const std::string value = clerk.cookie.substr(clerk.cookie.find('=') + 1);
  for (const std::string& path :
       {"/bien-tap/duyet/" + sub, "/bien-tap/tu-choi/" + sub, "/bien-tap/quay-ve/" + edition}) {
    for (const httplib::Headers& h : {httplib::Headers{{"Cookie", clerk.cookie}},
                                      httplib::Headers{{"Cookie", "sotay_session=" + value}},
                                      httplib::Headers{{"Authorization", "Bearer " + w.office}}}) {
      CAPTURE(path);
      auto c = w.client();
      const auto res = c.Post(path.c_str(), h, "confirm=1&reason=x&csrf=" + clerk.csrf,
                              "application/x-www-form-urlencoded");
      REQUIRE(res);
      CHECK(res->status == 401);
    }
  }
  CHECK(status_of(w, sub) == STATUS_PENDING);
}

TEST_CASE("every POST route of the table holds its body to a limit") {
  Workflow w;
  const std::string big(31 * 1024 * 1024 + 1, 'a');  // over every limit (30 MB uploads)
  std::size_t checked = 0;
  for (const Route& route : routes()) {
    if ((route.methods & HTTP_POST) == 0) continue;
    const std::string path = sample_path(route, "x");
    CAPTURE(path);
    auto c = w.client();
    const auto res = c.Post(path.c_str(), big, "application/octet-stream");
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(contains(res->body, "MB"));  // the limit is named
    ++checked;
  }
  CHECK(checked >= 10);
}
