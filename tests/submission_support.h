// Helpers for the submission workflow tests: a content tree, an edition,
// tokens, the real server with submissions on, and an editor's web session.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "auth.h"
#include "server.h"
#include "test_support.h"

namespace sotay::test {

inline constexpr const char* OFFICE = "Văn phòng HĐND và UBND";
inline constexpr const char* CENTRE = "Trung tâm Phục vụ hành chính công";

// A document of the office, `extra` lines added to the front matter.
inline std::string office_doc(const std::string& id, const std::string& body,
                              const std::string& extra = "") {
  return "---\nid: " + id + "\ntitle: Quy chế làm việc\ndepartment: " + OFFICE + "\n" + extra +
         "---\n" + body + "\n";
}

// The value of the first hidden field `name` in an HTML page.
inline std::string hidden_value(const std::string& html, const std::string& name) {
  const std::string key = "name=\"" + name + "\" value=\"";
  const std::size_t at = html.find(key);
  if (at == std::string::npos) return {};
  const std::size_t start = at + key.size();
  return html.substr(start, html.find('"', start) - start);
}

// "name=value" from the response's Set-Cookie for `name`.
inline std::string set_cookie(const httplib::Response& res, const std::string& name) {
  for (std::size_t i = 0; i < res.get_header_value_count("Set-Cookie"); ++i) {
    const std::string h = res.get_header_value("Set-Cookie", i);
    if (h.rfind(name + "=", 0) == 0) return h.substr(0, h.find(';'));
  }
  return {};
}

struct Workflow {
  TempDir tmp;
  std::filesystem::path content, index, inbox, auth_file, audit;
  std::string office, centre, editor, editor2, revoked;
  std::vector<std::string> trusted_proxies;       // for start()
  std::function<void(ServerOptions&)> configure;  // for start(): other limits

  std::unique_ptr<Server> server;
  std::thread thread;
  int port = 0;

  explicit Workflow(std::size_t per_minute = 30, bool serve = true) {
    content = tmp.path() / "content";
    index = tmp.path() / "index";
    inbox = tmp.path() / "data/inbox";
    auth_file = tmp.path() / "data/auth.json";
    audit = tmp.path() / "data/audit.log";
    write_fixture_content(content);
    build(content, index);
    AuthStore auth(auth_file);
    office = auth.add(OFFICE, ROLE_DEPARTMENT, HashCost::Minimum);
    centre = auth.add(CENTRE, ROLE_DEPARTMENT, HashCost::Minimum);
    editor = auth.add("Biên tập viên A", ROLE_EDITOR, HashCost::Minimum);
    editor2 = auth.add("Biên tập viên B", ROLE_EDITOR, HashCost::Minimum);
    revoked = auth.add(OFFICE, ROLE_DEPARTMENT, HashCost::Minimum);
    auth.revoke(revoked.substr(0, 8));
    if (serve) start(per_minute);
  }
  ~Workflow() { stop(); }

  PublishOptions publish_options() const {
    PublishOptions o;
    o.content_dir = content;
    o.index_root = index;
    o.inbox_dir = inbox;
    o.audit_file = audit;
    return o;
  }

  void start(std::size_t per_minute) {
    ServerOptions options;
    options.index_root = index;
    options.port = 0;
    options.threads = 8;
    options.reload_interval = std::chrono::milliseconds(50);
    options.access_log = false;
    options.submissions = true;
    options.publish = publish_options();
    options.auth_file = auth_file;
    options.query_stats_file = tmp.path() / "data/query-stats.json";
    options.submission_limits.per_minute = per_minute;
    options.submission_limits.trusted_proxies = trusted_proxies;
    if (configure) configure(options);
    server = std::make_unique<Server>(options);
    port = server->bind();
    thread = std::thread([this] { server->listen(); });
    server->wait_until_ready();
  }
  void stop() {
    if (!server) return;
    server->stop();
    thread.join();
    server.reset();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    return c;
  }
};

// An editor signed in at /bien-tap on the server at `port`.
struct EditorSession {
  std::string cookie;  // "sotay_session=..."
  std::string csrf;    // the session's CSRF token, from the review page
  bool ok = false;

  // `headers` go with the sign-in requests (e.g. X-Forwarded-For).
  EditorSession(int port, const std::string& token, const httplib::Headers& headers = {}) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    const auto form = c.Get("/bien-tap", headers);
    if (!form) return;
    httplib::Headers sign_in = headers;
    sign_in.emplace("Cookie", set_cookie(*form, "sotay_login_csrf"));
    const auto res = c.Post("/bien-tap/dang-nhap", sign_in,
                            "csrf=" + hidden_value(form->body, "csrf") + "&token=" + token,
                            "application/x-www-form-urlencoded");
    if (!res || res->status != 303) return;
    cookie = set_cookie(*res, "sotay_session");
    const auto page = c.Get("/bien-tap", {{"Cookie", cookie}});
    if (!page || page->status != 200) return;
    csrf = hidden_value(page->body, "csrf");
    ok = !cookie.empty() && !csrf.empty();
  }

  httplib::Result post(int port, const std::string& path, const std::string& body) const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    return c.Post(path.c_str(), {{"Cookie", cookie}}, body, "application/x-www-form-urlencoded");
  }
  // Approves with the confirmation the page asks for ("Tôi đã xem thay
  // đổi"), and "older=1" for a version older than a pending one.
  httplib::Result approve(int port, const std::string& id, bool older = false) const {
    return post(port, "/bien-tap/duyet/" + id,
                "csrf=" + csrf + "&confirm=1" + (older ? "&older=1" : ""));
  }
};

// A clerk signed in at /nop: the session cookie and its CSRF token.
struct Clerk {
  int port;
  std::string cookie, csrf;
  int signin_status = 0;
  std::string signin_set_cookie;  // the Set-Cookie header of the sign-in answer

  Clerk(int p, const std::string& token) : port(p) {
    auto c = client();
    const auto form = c.Get("/nop");
    if (!form) return;
    const auto res = c.Post("/nop/dang-nhap", {{"Cookie", set_cookie(*form, "sotay_nop_csrf")}},
                            "csrf=" + hidden_value(form->body, "csrf") + "&token=" + token,
                            "application/x-www-form-urlencoded");
    if (!res) return;
    signin_status = res->status;
    signin_set_cookie = res->get_header_value("Set-Cookie");
    cookie = set_cookie(*res, "sotay_nop_session");
    if (cookie.empty()) return;
    const auto page = c.Get("/nop", {{"Cookie", cookie}});
    if (!page) return;
    csrf = hidden_value(page->body, "csrf");
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    return c;
  }
  httplib::Result post(httplib::MultipartFormDataItems items) const {
    items.push_back({"csrf", csrf, "", ""});
    return client().Post("/nop", {{"Cookie", cookie}}, items);
  }
  httplib::Result get(const std::string& path) const {
    return client().Get(path.c_str(), {{"Cookie", cookie}});
  }
};

// Polls /api/search?q=`q` until it has a result or `limit` passes.
inline bool searchable(int port, const std::string& q,
                       std::chrono::seconds limit = std::chrono::seconds(20)) {
  httplib::Client c("127.0.0.1", port);
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    const auto res = c.Get(("/api/search?q=" + q).c_str());
    if (res && res->status == 200 && res->body.find("\"total\":0") == std::string::npos &&
        res->body.find("\"total\"") != std::string::npos) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace sotay::test
