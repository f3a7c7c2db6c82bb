// The submission workflow over HTTP: /api/submissions, /nop, /bien-tap on the
// real server (port 0), every bad input with its answer.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include <nlohmann/json.hpp>

#include "files.h"
#include "http_util.h"
#include "submission_support.h"
#include "url.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

httplib::Result api_submit(const Workflow& w, const std::string& token, const std::string& body) {
  auto c = w.client();
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return c.Post("/api/submissions", h, body, "text/markdown; charset=utf-8");
}

json api_list(const Workflow& w, const std::string& token) {
  auto c = w.client();
  const auto res = c.Get("/api/submissions", {{"Authorization", "Bearer " + token}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body)["submissions"];
}

std::string submit_ok(const Workflow& w, const std::string& body) {
  const auto res = api_submit(w, w.office, body);
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  return json::parse(res->body)["id"].get<std::string>();
}

}  // namespace

TEST_CASE("API submissions: tokens, departments, ids, sizes, bytes and front matter") {
  Workflow w;
  const std::string good = office_doc("van-phong/quy-che", "Nội dung quy chế mới.");
  struct Case {
    const char* name;
    std::string token;
    std::string body;
    int status;
  };
  const std::vector<Case> cases = {
      {"missing token", "", good, 401},
      {"wrong token", std::string(64, 'a'), good, 401},
      {"wrong token, right id prefix", w.office.substr(0, 8) + std::string(56, '0'), good, 401},
      {"revoked token", w.revoked, good, 401},
      {"another department's document", w.centre, good, 403},
      {"empty body", w.office, "", 400},
      {"10 MB body", w.office, std::string(10 * 1024 * 1024, 'a'), 413},
      {"the department's own document", w.office, good, 201},
      {"an editor may submit for any department", w.editor, good, 201},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto res = api_submit(w, c.token, c.body);
    REQUIRE(res);
    CHECK(res->status == c.status);
    if (c.status == 401) CHECK(res->has_header("WWW-Authenticate"));
    if (c.status != 201 && c.status != 413) {
      CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    }
  }
  // Nothing reaches content/ before approval.
  CHECK_FALSE(fs::exists(w.content / "van-phong/quy-che.md"));
}

TEST_CASE("API submissions: each problem answered with its line") {
  Workflow w;
  struct Case {
    const char* name;
    std::string body;
    int status;
    std::vector<std::pair<int, std::string>> errors;  // line, part of the message
  };
  const std::vector<Case> cases = {
      {"../ in the id", office_doc("../../etc/passwd", "x"), 422, {{2, "id"}}},
      {"absolute id", office_doc("/etc/passwd", "x"), 422, {{2, "id"}}},
      {"../ inside the id", office_doc("van-phong/../../x", "x"), 422, {{2, "id"}}},
      {"no id", "---\ntitle: A\ndepartment: Văn phòng HĐND và UBND\n---\nx\n", 422, {{1, "id"}}},
      {"bad date and status, unknown key",
       office_doc("van-phong/a", "x", "issued: 2020-13-45\nstatus: maybe\ncolour: red\n"),
       422,
       {{5, "issued"}, {6, "status"}, {7, "colour"}}},
      {"no front matter", "Chỉ có nội dung.\n", 422, {{1, "---"}}},
      {"unterminated front matter", "---\nid: van-phong/a\ntitle: A\n", 422, {{1, "---"}}},
      {"binary data", office_doc("van-phong/a", "dòng 6\n\xff\xfe\x00\x01"), 400, {{7, "UTF-8"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto res = api_submit(w, w.office, c.body);
    REQUIRE(res);
    CHECK(res->status == c.status);
    const json body = json::parse(res->body);
    REQUIRE(body.contains("errors"));
    for (const auto& [line, part] : c.errors) {
      CAPTURE(line);
      CAPTURE(part);
      bool found = false;
      for (const json& e : body["errors"]) {
        found = found || (e["line"] == line &&
                          e["message"].get<std::string>().find(part) != std::string::npos);
      }
      CHECK_MESSAGE(found, body.dump());
    }
  }
  CHECK(api_list(w, w.editor).empty());
  const bool inbox_empty =
      !fs::exists(w.inbox) ||
      std::none_of(fs::directory_iterator(w.inbox), fs::directory_iterator(),
                   [](const auto& e) { return e.path().extension() == ".json"; });
  CHECK(inbox_empty);
}

TEST_CASE("a file name comes from the id and the department's directory, never the client") {
  Workflow w;
  const std::string id = submit_ok(w, office_doc("thu-muc-la/quy-che-moi", "Văn bản mới."));
  const json list = api_list(w, w.office);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == id);
  // The office's documents live in van-phong/: the new one goes there too.
  CHECK(list[0]["path"] == "content/van-phong/quy-che-moi.md");
  // An existing id replaces that document's file.
  const std::string second = submit_ok(w, office_doc("van-phong/the-thuc", "Bản sửa đổi."));
  int found = 0;
  for (const json& s : api_list(w, w.office)) {
    if (s["id"] != second) continue;
    CHECK(s["path"] == "content/van-phong/the-thuc.md");
    ++found;
  }
  CHECK(found == 1);
}

TEST_CASE("a department lists its own submissions, an editor sees all, with reasons") {
  Workflow w;
  const std::string mine = submit_ok(w, office_doc("van-phong/a", "Văn bản A."));
  {
    const auto res = api_submit(
        w, w.centre,
        "---\nid: trung-tam/b\ntitle: B\ndepartment: " + std::string(CENTRE) + "\n---\nB.\n");
    REQUIRE(res);
    REQUIRE(res->status == 201);
  }
  CHECK(api_list(w, w.office).size() == 1);
  CHECK(api_list(w, w.centre).size() == 1);
  CHECK(api_list(w, w.editor).size() == 2);

  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const auto res =
      ed.post(w.port, "/bien-tap/tu-choi/" + mine, "csrf=" + ed.csrf + "&reason=Thiếu+căn+cứ");
  REQUIRE(res);
  CHECK(res->status == 303);
  const json list = api_list(w, w.office);
  CHECK(list[0]["status"] == "rejected");
  CHECK(list[0]["reason"] == "Thiếu căn cứ");
  CHECK_FALSE(fs::exists(w.content / "van-phong/a.md"));
}

TEST_CASE("per-token rate limit: 429 past the limit, other tokens unaffected") {
  Workflow w(3);
  const std::string doc = office_doc("van-phong/a", "A.");
  for (int i = 0; i < 3; ++i) {
    const auto res = api_submit(w, w.office, doc);
    REQUIRE(res);
    CHECK(res->status == 201);
  }
  const auto over = api_submit(w, w.office, doc);
  REQUIRE(over);
  CHECK(over->status == 429);
  const auto other = api_submit(w, w.editor, doc);
  REQUIRE(other);
  CHECK(other->status == 201);
}

TEST_CASE("/bien-tap: editor token required, CSRF on every form, preview and diff") {
  Workflow w;
  auto c = w.client();
  const std::string id =
      submit_ok(w, office_doc("van-phong/the-thuc", "Phông chữ <b onclick=alert(1)>mới</b>."));
  {
    const auto res = c.Get("/bien-tap");
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK_FALSE(contains(res->body, id));
  }
  CHECK_FALSE(EditorSession(w.port, w.office).ok);  // a department token is not an editor's
  CHECK_FALSE(EditorSession(w.port, std::string(64, 'c')).ok);
  {
    // Login without the CSRF cookie.
    const auto res = c.Post("/bien-tap/dang-nhap", "csrf=abc&token=" + w.editor,
                            "application/x-www-form-urlencoded");
    REQUIRE(res);
    CHECK(res->status == 403);
  }
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const auto page = c.Get("/bien-tap", {{"Cookie", ed.cookie}});
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(contains(page->body, id));
  CHECK(contains(page->body, "dl dl-del"));  // the published text differs
  CHECK(contains(page->body, "dl dl-add"));
  // Raw HTML the submission kept is shown as text (a <script> would have
  // been removed at submission: html_blocks.h).
  CHECK(contains(page->body, "&lt;b onclick=alert(1)&gt;"));
  CHECK_FALSE(contains(page->body, "<b onclick"));
  CHECK(page->get_header_value("Cache-Control") == "no-store");

  // Approve: no session, wrong CSRF -> refused, nothing published.
  const auto anon = c.Post(("/bien-tap/duyet/" + id).c_str(), "csrf=" + ed.csrf,
                           "application/x-www-form-urlencoded");
  REQUIRE(anon);
  CHECK(anon->status == 401);
  const auto forged = ed.post(w.port, "/bien-tap/duyet/" + id, "csrf=" + std::string(64, '0'));
  REQUIRE(forged);
  CHECK(forged->status == 403);
  const auto empty = ed.post(w.port, "/bien-tap/tu-choi/" + id, "reason=x");
  REQUIRE(empty);
  CHECK(empty->status == 403);
  CHECK(api_list(w, w.editor)[0]["status"] == "pending");
  const auto unknown = ed.approve(w.port, "20990101T000000Z-00000000");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
}

TEST_CASE("approve on the web: published, searchable, history and audit kept") {
  Workflow w;
  const std::string before = read_file(w.content / "van-phong/the-thuc.md");
  const std::string text =
      office_doc("van-phong/the-thuc", "Quy định mới về phông chữ kiwiquokka.");
  const std::string id = submit_ok(w, text);
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const auto res = ed.approve(w.port, id);
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(searchable(w.port, "kiwiquokka"));
  CHECK(read_file(w.content / "van-phong/the-thuc.md") == text);
  const fs::path history = w.content / ".history/van-phong/the-thuc";
  REQUIRE(fs::exists(history));
  int kept = 0;
  for (const auto& e : fs::directory_iterator(history)) {
    CHECK(read_file(e.path()) == before);
    ++kept;
  }
  CHECK(kept == 1);
  const std::string audit = read_file(w.audit);
  for (const char* event : {"\"submission\"", "\"approval\"", "\"publication\""}) {
    CHECK(contains(audit, event));
  }
  CHECK_FALSE(contains(audit, w.office));  // tokens never logged
  CHECK(api_list(w, w.office)[0]["status"] == "approved");
}

TEST_CASE("two editors approving the same submission at once: one wins, the other gets 409") {
  Workflow w;
  const std::string id = submit_ok(w, office_doc("van-phong/dong-thoi", "Duyệt đồng thời."));
  EditorSession a(w.port, w.editor), b(w.port, w.editor2);
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  std::atomic<int> go{0};
  int status_a = 0, status_b = 0;
  std::thread ta([&] {
    ++go;
    while (go < 2) std::this_thread::yield();
    const auto r = a.approve(w.port, id);
    status_a = r ? r->status : -1;
  });
  std::thread tb([&] {
    ++go;
    while (go < 2) std::this_thread::yield();
    const auto r = b.approve(w.port, id);
    status_b = r ? r->status : -1;
  });
  ta.join();
  tb.join();
  CAPTURE(status_a);
  CAPTURE(status_b);
  const bool one_wins =
      (status_a == 303 && status_b == 409) || (status_a == 409 && status_b == 303);
  CHECK(one_wins);
  const std::string audit = read_file(w.audit);
  std::size_t approvals = 0;
  for (std::size_t at = 0; (at = audit.find("\"event\":\"approval\"", at)) != std::string::npos;
       ++at) {
    ++approvals;
  }
  CHECK(approvals == 1);
}

TEST_CASE("approve from the command line, the running server finds it") {
  Workflow w;
  const std::string id =
      submit_ok(w, office_doc("van-phong/dong-lenh", "Duyệt ngoại tuyến lemurword."));
  const std::string cmd = std::string(SOTAY_INDEXER_BIN) + " inbox approve " + id +
                          " --by tester --inbox '" + w.inbox.string() + "' --content '" +
                          w.content.string() + "' --index '" + w.index.string() + "' --audit '" +
                          w.audit.string() + "' 2>&1";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  CHECK(::pclose(p) == 0);
  CHECK(contains(out, "Đã duyệt"));
  CHECK(searchable(w.port, "lemurword"));
  CHECK(api_list(w, w.office)[0]["status"] == "approved");
  // Approving again from the web: already done.
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const auto again = ed.approve(w.port, id);
  REQUIRE(again);
  CHECK(again->status == 409);
}

TEST_CASE("query statistics for editors: frequent and zero-result queries, nothing else kept") {
  Workflow w;
  auto c = w.client();
  for (const char* q : {"Phông  chữ", "phông chữ", "zzkhongcoquery", "/search"}) {
    const std::string path = std::string(q) == "/search" ? "/search?q=ph%C3%B4ng+ch%E1%BB%AF"
                                                         : "/api/search?q=" + percent_encode(q);
    const auto res = c.Get(path.c_str(), {{"X-Forwarded-For", "203.0.113.9"}});
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const auto page = c.Get("/bien-tap", {{"Cookie", ed.cookie}});
  REQUIRE(page);
  CHECK(contains(page->body, "<li>phông chữ (3)</li>"));
  CHECK(contains(page->body, "<li>zzkhongcoquery (1)</li>"));
  w.stop();  // saves
  const std::string saved = read_file(w.tmp.path() / "data/query-stats.json");
  CHECK(contains(saved, "zzkhongcoquery"));
  CHECK_FALSE(contains(saved, "203.0.113.9"));
  CHECK_FALSE(contains(saved, w.editor));
}
