// The editor's page /bien-tap on the real server: pending submissions
// grouped by document, newest first; Hà Nội times; the department change;
// the confirmation before approving (and before approving an older version);
// messages kept in the session, never taken from the URL.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "files.h"
#include "pages.h"
#include "submission_support.h"
#include "url.h"
#include "utc_time.h"

namespace sotay {
namespace {

using namespace test;
using nlohmann::json;

// A pending submission of `body` by `token`; its JSON record. Sleeps a
// little after, so the next one has a later id (ids are times to the ms).
json submit(const Workflow& w, const std::string& token, const std::string& body) {
  auto c = w.client();
  const auto res = c.Post("/api/submissions", {{"Authorization", "Bearer " + token}}, body,
                          "text/markdown; charset=utf-8");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return json::parse(res->body);
}

std::string doc(const std::string& id, const std::string& title, const std::string& body,
                const std::string& department = OFFICE) {
  return "---\nid: " + id + "\ntitle: " + title + "\ndepartment: " + department + "\n---\n" + body +
         "\n";
}

std::string review_page(const Workflow& w, const EditorSession& ed,
                        const std::string& path = "/bien-tap") {
  auto c = w.client();
  const auto res = c.Get(path.c_str(), {{"Cookie", ed.cookie}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return res->body;
}

std::string status_of(const Workflow& w, const std::string& id) {
  auto c = w.client();
  const auto res = c.Get("/api/submissions", {{"Authorization", "Bearer " + w.editor}});
  REQUIRE(res);
  CAPTURE(res->body);
  REQUIRE(res->status == 200);
  const json list = json::parse(res->body);
  for (const json& s : list["submissions"]) {
    if (s["id"] == id) return s["status"];
  }
  return "";
}

std::size_t at(const std::string& page, const std::string& what) {
  const std::size_t p = page.find(what);
  CAPTURE(what);
  REQUIRE(p != std::string::npos);
  return p;
}

TEST_CASE("/bien-tap groups pending submissions by document, newest first, times in Hà Nội") {
  Workflow w;
  const json a1 = submit(w, w.office, doc("van-phong/nhom-a", "Văn bản A", "Bản thứ nhất."));
  const json b = submit(w, w.office, doc("van-phong/nhom-b", "Văn bản B", "Nội dung B."));
  const json a2 = submit(w, w.office, doc("van-phong/nhom-a", "Văn bản A", "Bản thứ hai."));
  const json c = submit(w, w.office, doc("van-phong/nhom-c", "Văn bản C", "Nội dung C."));
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const std::string page = review_page(w, ed);
  CHECK(contains(page, "4 bài chờ duyệt, 3 văn bản."));
  // C (newest), then A with its two versions (newest on top), then B.
  const auto id = [](const json& s) { return "id=\"bai-" + s["id"].get<std::string>() + "\""; };
  CHECK(at(page, id(c)) < at(page, id(a2)));
  CHECK(at(page, id(a2)) < at(page, id(a1)));
  CHECK(at(page, id(a1)) < at(page, id(b)));
  CHECK(contains(page, "<strong>2 bản nộp</strong>, bản mới nhất ở trên"));
  // The older version of A says so and asks for a second tick.
  const std::string older = page.substr(at(page, id(a1)), at(page, id(b)) - at(page, id(a1)));
  CHECK(contains(older, "Có bản mới hơn"));
  CHECK(contains(older, "name=\"older\" value=\"1\" required"));
  // Collapsed until opened: no <details open>.
  CHECK_FALSE(contains(page, "<details open"));
  // The size of change of the new document C: six lines, all new.
  CHECK(contains(page, "<span class=\"plus\">+6</span> <span class=\"minus\">−0</span> dòng"));
  // Times in Hà Nội time, the UTC stamp in the datetime attribute.
  const std::string iso = c["time"];
  const std::string c_item = page.substr(at(page, id(c)), at(page, id(a2)) - at(page, id(c)));
  CHECK(contains(c_item, "lúc <time datetime=\"" + iso + "\">" + hanoi_time(iso) + "</time>"));
  CHECK(hanoi_time(iso) != iso);
}

TEST_CASE("/bien-tap: an approval needs the confirmation, an older version a second one") {
  Workflow w;
  const json old_one = submit(w, w.office, doc("van-phong/hai-ban", "Hai bản", "Bản cũ."));
  const json new_one = submit(w, w.office, doc("van-phong/hai-ban", "Hai bản", "Bản mới."));
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const std::string old_id = old_one["id"], new_id = new_one["id"];
  // No "confirm": a confirmation page, nothing approved.
  const auto bare = ed.post(w.port, "/bien-tap/duyet/" + new_id, "csrf=" + ed.csrf);
  REQUIRE(bare);
  CHECK(bare->status == 200);
  CHECK(contains(bare->body, "Xác nhận duyệt"));
  CHECK(contains(bare->body, "name=\"confirm\" value=\"1\""));
  CHECK(status_of(w, new_id) == "pending");
  CHECK_FALSE(std::filesystem::exists(w.content / "van-phong/hai-ban.md"));
  // The older version, confirmed but without "older": the warning, nothing approved.
  const auto older = ed.post(w.port, "/bien-tap/duyet/" + old_id, "csrf=" + ed.csrf + "&confirm=1");
  REQUIRE(older);
  CHECK(older->status == 200);
  CHECK(contains(older->body, "Đây không phải bản mới nhất."));
  CHECK(contains(older->body, "name=\"older\" value=\"1\""));
  CHECK(status_of(w, old_id) == "pending");
  // With both: approved.
  const auto done =
      ed.post(w.port, "/bien-tap/duyet/" + old_id, "csrf=" + ed.csrf + "&confirm=1&older=1");
  REQUIRE(done);
  CHECK(done->status == 303);
  CHECK(status_of(w, old_id) == "approved");
  CHECK(contains(read_file(w.content / "van-phong/hai-ban.md"), "Bản cũ."));
  // The confirmation is not a CSRF bypass.
  const auto forged =
      ed.post(w.port, "/bien-tap/duyet/" + new_id, "csrf=" + std::string(64, '0') + "&confirm=1");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK(status_of(w, new_id) == "pending");
}

TEST_CASE("/bien-tap: messages come from the session once, never from the URL") {
  Workflow w;
  const json a = submit(w, w.office, doc("van-phong/thong-bao", "Quy định thông báo", "Mới."));
  const json r = submit(w, w.office, doc("van-phong/tu-choi", "Văn bản bị trả lại", "Sai."));
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  // A crafted link shows nothing.
  const std::string crafted =
      review_page(w, ed, "/bien-tap?tb=" + percent_encode("Đã duyệt và xuất bản giamao"));
  CHECK_FALSE(contains(crafted, "giamao"));
  CHECK_FALSE(contains(crafted, "notice flash"));

  const auto approved = ed.approve(w.port, a["id"]);
  REQUIRE(approved);
  CHECK(approved->status == 303);
  CHECK(approved->get_header_value("Location") == "/bien-tap");
  const std::string once = review_page(w, ed);
  CHECK(contains(once,
                 "<strong>Đã duyệt và xuất bản:</strong> <a href=\"/doc/van-phong/thong-bao\">"
                 "Quy định thông báo</a>"));
  const std::string twice = review_page(w, ed);
  CHECK_FALSE(contains(twice, "notice flash"));
  // The link leads to the published document.
  auto c = w.client();
  const auto published = c.Get("/doc/van-phong/thong-bao");
  REQUIRE(published);
  CHECK(published->status == 200);

  const auto rejected = ed.post(w.port, "/bien-tap/tu-choi/" + r["id"].get<std::string>(),
                                "csrf=" + ed.csrf + "&reason=" + percent_encode("Thiếu căn cứ"));
  REQUIRE(rejected);
  CHECK(rejected->status == 303);
  CHECK(rejected->get_header_value("Location") == "/bien-tap");
  const std::string after = review_page(w, ed);
  CHECK(contains(after, "<strong>Đã từ chối:</strong> Văn bản bị trả lại"));
  CHECK(contains(after, "<p>Lý do: Thiếu căn cứ</p>"));
  // Another editor's session does not see it.
  EditorSession other(w.port, w.editor2);
  REQUIRE(other.ok);
  CHECK_FALSE(contains(review_page(w, other), "notice flash"));
}

TEST_CASE("/bien-tap says when a submission changes a document's department") {
  Workflow w;
  // An editor's token may submit for any department: the centre's document
  // now names the office.
  const json moved =
      submit(w, w.editor,
             doc("trung-tam/mot-cua", "Tiếp nhận hồ sơ tại bộ phận một cửa", "Quy trình mới."));
  const json kept = submit(w, w.office, doc("van-phong/the-thuc", "Thể thức văn bản", "Mới."));
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const std::string page = review_page(w, ed);
  const std::size_t moved_at = at(page, "id=\"bai-" + moved["id"].get<std::string>() + "\"");
  const std::size_t kept_at = at(page, "id=\"bai-" + kept["id"].get<std::string>() + "\"");
  REQUIRE(kept_at < moved_at);  // newest first
  CHECK(contains(page.substr(moved_at), "<p class=\"dept-change\"><strong>Đổi đơn vị:</strong> " +
                                            std::string(CENTRE) + " → " + OFFICE + "</p>"));
  CHECK_FALSE(contains(page.substr(kept_at, moved_at - kept_at), "Đổi đơn vị"));
}

TEST_CASE("/bien-tap: changed words marked inside a changed line") {
  Workflow w;
  std::string text = read_file(w.content / "van-phong/the-thuc.md");
  text.insert(4, "id: van-phong/the-thuc\n");  // after the opening "---\n"
  const std::string from = "Times New Roman, cỡ chữ 13";
  text.replace(text.find(from), from.size(), "Arial, cỡ chữ 13");
  submit(w, w.office, text);
  EditorSession ed(w.port, w.editor);
  REQUIRE(ed.ok);
  const std::string page = review_page(w, ed);
  CHECK(contains(page, "Phông chữ <del>Times New Roman</del>, cỡ chữ 13"));
  CHECK(contains(page, "Phông chữ <ins>Arial</ins>, cỡ chữ 13"));
  // The word changed, and the id line the published file did not have.
  CHECK(contains(page, "<span class=\"plus\">+2</span> <span class=\"minus\">−1</span> dòng"));
  CHECK(contains(page, "dòng không đổi</summary>"));
}

TEST_CASE("review.mustache: a submission's warnings listed when there are, nothing when not") {
  // Submission::warnings comes with the messages work (submission_json's
  // "warnings"); the page shows it as review_version() passes it on.
  json version = {{"id", "x"},
                  {"title", "T"},
                  {"has_warnings", true},
                  {"warnings", {"Dòng 7: bảng HTML đã được đổi thành bảng Markdown."}}};
  json data = {{"groups", {{{"id", "x"}, {"title", "T"}, {"versions", {version}}}}},
               {"has_pending", true}};
  const std::string with = render_template("review", data);
  CHECK(contains(with, "<li>Dòng 7: bảng HTML đã được đổi thành bảng Markdown.</li>"));
  version.erase("warnings");
  version.erase("has_warnings");
  data["groups"][0]["versions"] = {version};
  CHECK_FALSE(contains(render_template("review", data), "Cảnh báo khi nộp"));
}

}  // namespace
}  // namespace sotay
