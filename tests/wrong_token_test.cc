// Wrong access tokens (issue: hostile input): the throttle counts wrong
// attempts per client address and per token id before any hash is computed,
// a stranger cannot lock the owner out, and its memory stays bounded.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "auth_throttle.h"
#include "client_address.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
using Clock = AuthThrottle::Clock;

namespace {

const Clock::time_point T0 = Clock::now();

Clock::time_point at(int seconds) { return T0 + std::chrono::seconds(seconds); }

// `n` wrong attempts of `address` with `id`; how many were let through.
int wrong(AuthThrottle& t, const std::string& address, const std::string& id, int n, int when = 0) {
  int through = 0;
  for (int i = 0; i < n; ++i) through += t.attempt(address, id, at(when)) ? 0 : 1;
  return through;
}

// A 64-character token with the id of `real` and a wrong secret.
std::string wrong_token(const std::string& real, char fill = '0') {
  return real.substr(0, 8) + std::string(56, fill == real[8] ? '1' : fill);
}

// POST /api/submissions from `source` (a 127.0.0.x address of this host).
httplib::Result api_submit_from(const Workflow& w, const std::string& source,
                                const std::string& token) {
  httplib::Client c("127.0.0.1", w.port);
  c.set_interface(source);
  c.set_read_timeout(60, 0);
  return c.Post("/api/submissions", {{"Authorization", "Bearer " + token}},
                office_doc("van-phong/thu", "Thử."), "text/markdown");
}

// GET /api/submissions with X-Forwarded-For `client` (the server trusts
// 127.0.0.1 as its proxy in these tests).
httplib::Result api_list_via_proxy(const Workflow& w, const std::string& client,
                                   const std::string& token) {
  auto c = w.client();
  return c.Get("/api/submissions",
               {{"Authorization", "Bearer " + token}, {"X-Forwarded-For", client}});
}

}  // namespace

TEST_CASE("throttle: an address past its wrong attempts is refused whatever id it tries") {
  AuthThrottle t({.per_address = 10, .per_id = 30, .window = std::chrono::seconds(60)});
  CHECK(wrong(t, "10.0.0.1", "aaaaaaaa", 10) == 10);
  const auto refused = t.attempt("10.0.0.1", "aaaaaaaa", at(1));
  REQUIRE(refused);
  CHECK(refused->by_address);
  CHECK(refused->retry_after == std::chrono::seconds(59));
  // Another id from the same address: refused too (no bypass by the id).
  CHECK(t.attempt("10.0.0.1", "bbbbbbbb", at(1)));
  // Another address: not affected.
  CHECK_FALSE(t.attempt("10.0.0.2", "aaaaaaaa", at(1)));
  // The window slides: a minute later the address may try again.
  CHECK_FALSE(t.attempt("10.0.0.1", "aaaaaaaa", at(60)));
}

TEST_CASE("throttle: right attempts do not count") {
  AuthThrottle t({.per_address = 3, .per_id = 30});
  for (int i = 0; i < 20; ++i) {
    REQUIRE_FALSE(t.attempt("10.0.0.1", "aaaaaaaa", at(i)));
    t.succeeded("10.0.0.1", "aaaaaaaa", at(i));
  }
  CHECK(wrong(t, "10.0.0.1", "aaaaaaaa", 3, 20) == 3);
  CHECK(t.attempt("10.0.0.1", "aaaaaaaa", at(20)));
}

TEST_CASE("throttle: a locked id still lets its owner in, and a fresh address one try") {
  AuthThrottle t({.per_address = 10, .per_id = 30});
  // The owner used the token rightly from their machine.
  REQUIRE_FALSE(t.attempt("10.0.0.5", "edit0001", at(0)));
  t.succeeded("10.0.0.5", "edit0001", at(0));
  // Three strangers lock the id.
  for (const char* a : {"10.9.0.1", "10.9.0.2", "10.9.0.3"}) {
    CHECK(wrong(t, a, "edit0001", 10, 1) == 10);
  }
  // A fourth stranger has already failed once (on another id): refused by the lock.
  CHECK(wrong(t, "10.9.0.4", "zzzzzzzz", 1, 2) == 1);
  const auto locked = t.attempt("10.9.0.4", "edit0001", at(2));
  REQUIRE(locked);
  CHECK_FALSE(locked->by_address);
  CHECK(locked->retry_after == std::chrono::seconds(59));
  // The owner's machine is let through.
  CHECK_FALSE(t.attempt("10.0.0.5", "edit0001", at(2)));
  // A fresh address (a new machine of the owner) gets one try, not two.
  CHECK_FALSE(t.attempt("10.0.0.6", "edit0001", at(2)));
  CHECK(t.attempt("10.0.0.6", "edit0001", at(2)));
  // Other ids are not locked.
  CHECK_FALSE(t.attempt("10.0.0.7", "other001", at(2)));
}

TEST_CASE("throttle: memory is bounded by max_tracked, recent keys kept") {
  AuthThrottle t({.per_address = 2, .per_id = 1000, .max_tracked = 100});
  for (int i = 0; i < 5000; ++i) {
    t.attempt("2001:db8:" + std::to_string(i) + "::1", "id" + std::to_string(i % 3000),
              at(i / 100));
  }
  CHECK(t.tracked_addresses() <= 100);
  CHECK(t.tracked_ids() <= 100);
  // The most recent address is still counted: its second wrong attempt is
  // the last one allowed.
  CHECK_FALSE(t.attempt("2001:db8:4999::1", "x", at(50)));
  CHECK(t.attempt("2001:db8:4999::1", "x", at(50)));
}

TEST_CASE(
    "client address: IPv6 by /64, IPv4-mapped as IPv4, X-Forwarded-For only from a trusted proxy") {
  CHECK(address_key("192.0.2.7") == "192.0.2.7");
  CHECK(address_key("::ffff:192.0.2.7") == "192.0.2.7");
  CHECK(address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
  CHECK(address_key("2001:db8:1:2::9") == address_key("2001:db8:1:2:ffff::1"));
  CHECK(address_key("not an address") == "not an address");

  httplib::Request req;
  req.remote_addr = "127.0.0.1";
  req.headers.emplace("X-Forwarded-For", "6.6.6.6, 192.0.2.9");
  // Not trusted: the header is the client's own words.
  CHECK(client_address(req, {}) == "127.0.0.1");
  // Trusted: the right-most entry that nginx appended; the spoofed left one is ignored.
  CHECK(client_address(req, {"127.0.0.1"}) == "192.0.2.9");
  // A chain of trusted proxies is skipped.
  CHECK(client_address(req, {"127.0.0.1", "192.0.2.9"}) == "6.6.6.6");
  req.remote_addr = "10.1.1.1";
  CHECK(client_address(req, {"127.0.0.1"}) == "10.1.1.1");
}

TEST_CASE("API: wrong tokens are limited per address, a new id does not bypass it, others go on") {
  Workflow w;
  int unauthorised = 0;
  for (int i = 0; i < 10; ++i) {
    const auto res = api_submit_from(w, "127.0.0.1", wrong_token(w.editor, 'a' + i % 6));
    REQUIRE(res);
    unauthorised += res->status == 401 ? 1 : 0;
  }
  CHECK(unauthorised == 10);
  const auto over = api_submit_from(w, "127.0.0.1", wrong_token(w.editor));
  REQUIRE(over);
  CHECK(over->status == 429);
  CHECK(over->get_header_value("Retry-After") != "");
  CHECK(contains(over->body, "nhập sai mã truy cập quá nhiều lần"));
  // Another id (the first 8 characters changed): still the same address.
  const auto other_id = api_submit_from(w, "127.0.0.1", std::string(64, 'f'));
  REQUIRE(other_id);
  CHECK(other_id->status == 429);
  // Another machine with the right token is served.
  const auto right = api_submit_from(w, "127.0.0.2", w.office);
  REQUIRE(right);
  CHECK(right->status == 201);
}

TEST_CASE("sign-in: strangers guessing the editor's id do not lock the editor out") {
  Workflow w(30, false);
  w.trusted_proxies = {"127.0.0.1"};
  w.start(30);
  const httplib::Headers editor_pc = {{"X-Forwarded-For", "10.0.0.5"}};
  REQUIRE(EditorSession(w.port, w.editor, editor_pc).ok);
  // 40 wrong guesses at the editor's id from four addresses: the id locks.
  int refused = 0;
  for (int a = 1; a <= 4; ++a) {
    for (int i = 0; i < 10; ++i) {
      const auto res = api_list_via_proxy(w, "10.9.0." + std::to_string(a), wrong_token(w.editor));
      REQUIRE(res);
      refused += res->status == 429 ? 1 : 0;
    }
  }
  // After 30 the id is locked: the fourth stranger had one try as a fresh
  // address, then 9 refusals.
  CHECK(refused == 9);
  const auto stranger = api_list_via_proxy(w, "10.9.0.4", w.editor);
  REQUIRE(stranger);
  CHECK(stranger->status == 429);
  // The editor's own machine signs in; so does a new machine, once.
  CHECK(EditorSession(w.port, w.editor, editor_pc).ok);
  CHECK(EditorSession(w.port, w.editor, {{"X-Forwarded-For", "10.0.0.6"}}).ok);
  // A stranger past their own limit is told it is their machine.
  const auto again = api_list_via_proxy(w, "10.9.0.1", w.editor);
  REQUIRE(again);
  CHECK(again->status == 429);
  CHECK(contains(again->body, "Máy này"));
}

TEST_CASE("sign-in form: a refused attempt answers 429 with Retry-After and a clear message") {
  Workflow w;
  auto c = w.client();
  int status = 0;
  std::string retry_after, body;
  for (int i = 0; i < 11; ++i) {
    const auto form = c.Get("/bien-tap");
    REQUIRE(form);
    const auto res =
        c.Post("/bien-tap/dang-nhap", {{"Cookie", set_cookie(*form, "sotay_login_csrf")}},
               "csrf=" + hidden_value(form->body, "csrf") + "&token=" + wrong_token(w.editor),
               "application/x-www-form-urlencoded");
    REQUIRE(res);
    status = res->status;
    retry_after = res->get_header_value("Retry-After");
    body = res->body;
  }
  CHECK(status == 429);
  CHECK(retry_after != "");
  CHECK(contains(body, "nhập sai mã truy cập quá nhiều lần"));
}
