// /nop as a department clerk uses it, on the real server: sign in once, a
// form of fields composed with yaml-cpp, everything kept after an error,
// a PDF converted and submitted together with its original, the
// multipart API, and "Văn bản đã nộp".
#include <doctest/doctest.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "files.h"
#include "front_matter.h"
#include "front_matter_writer.h"
#include "submission_support.h"
#include "text.h"
#include "url.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const char* name) { return fs::path(SOTAY_SOURCE_DIR) / "tests/fixtures" / name; }

httplib::MultipartFormDataItems fields(const std::string& title, const std::string& body,
                                       const std::string& action = "nop") {
  return {{"title", title, "", ""},         {"field", "Văn thư", "", ""},
          {"type", "Quy chế", "", ""},      {"number", "7/QC-UBND", "", ""},
          {"issued", "2026-01-15", "", ""}, {"status", "in-force", "", ""},
          {"tags", "nội quy, họp", "", ""}, {"body", body, "", ""},
          {"action", action, "", ""}};
}

// The textarea's text in a page, HTML-unescaped enough for these tests.
std::string textarea(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("<textarea id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::size_t start = html.find('>', at) + 1;
  std::string text = html.substr(start, html.find("</textarea>", start) - start);
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&lt;", "<"},
                                 {"&gt;", ">"},
                                 {"&quot;", "\""},
                                 {"&#39;", "'"},
                                 {"&amp;", "&"}}) {
    for (std::size_t p = text.find(from); p != std::string::npos; p = text.find(from, p)) {
      text.replace(p, from.size(), to);
      p += to.size();
    }
  }
  return text;
}

std::string input_value(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("<input id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::size_t v = html.find("value=\"", at) + 7;
  return html.substr(v, html.find('"', v) - v);
}

json list_of(const Workflow& w, const std::string& token) {
  const auto res = w.client().Get("/api/submissions", {{"Authorization", "Bearer " + token}});
  REQUIRE(res);
  return json::parse(res->body)["submissions"];
}

}  // namespace

TEST_CASE("compose_content_file: awkward titles and tags read back exactly as typed") {
  const std::vector<std::string> titles = {"Quy chế: làm việc",
                                           "\"Trích\" và 'nháy'",
                                           "# không phải chú thích",
                                           "- không phải danh sách",
                                           "[a] {b} @c `d` |e",
                                           "yes",
                                           "null",
                                           "2026-01-01",
                                           "Điều 1: a # b: c",
                                           "  cách đầu dòng",
                                           "---",
                                           "dòng\ntiếp",
                                           "tab\tở giữa",
                                           "% và & và *",
                                           "? hỏi",
                                           "!tag"};
  for (const std::string& title : titles) {
    CAPTURE(title);
    FrontMatter m;
    m.id = "van-phong/thu";
    m.title = title;
    m.department = OFFICE;
    m.tags = split_tags("a: b, #c ,, - d, a: b");
    m.issued = "2026-01-15";
    const ComposedFile file = compose_content_file(m, "Dòng một.\r\n\r\n## Mục\r\nDòng bốn");
    CAPTURE(file.text);
    std::vector<ContentError> errors;
    const ParsedFile parsed = parse_content_file("", file.text, errors);
    REQUIRE(errors.empty());
    CHECK(parsed.meta.title == std::string(trim(title)));
    CHECK(parsed.meta.tags == std::vector<std::string>{"a: b", "#c", "- d"});
    CHECK(parsed.meta.issued == "2026-01-15");
    CHECK(parsed.body == "Dòng một.\n\n## Mục\nDòng bốn\n");
    CHECK(parsed.body_line == file.body_line);
    CHECK(body_box_line(file, file.body_line + 3) == 4);
    CHECK(body_box_line(file, file.key_lines.at("issued")) == 0);
  }
}

TEST_CASE("/nop sign-in: a session cookie, CSRF per session, the token never in the page") {
  Workflow w;
  auto c = w.client();
  const auto signin = c.Get("/nop");
  REQUIRE(signin);
  CHECK(signin->status == 200);
  CHECK(contains(signin->body, "action=\"/nop/dang-nhap\""));
  // Wrong token, and no CSRF cookie: refused, no session.
  const Clerk wrong(w.port, std::string(64, 'b'));
  CHECK(wrong.signin_status == 401);
  CHECK(wrong.cookie.empty());
  const auto forged =
      c.Post("/nop/dang-nhap", "csrf=x&token=" + w.office, "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 403);

  const Clerk clerk(w.port, w.office);
  REQUIRE_FALSE(clerk.cookie.empty());
  const std::string& set = clerk.signin_set_cookie;
  CHECK(contains(set, "Path=/nop"));
  CHECK(contains(set, "HttpOnly"));
  CHECK(contains(set, "SameSite=Strict"));
  const auto page = clerk.get("/nop");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(contains(page->body, OFFICE));
  CHECK_FALSE(contains(page->body, w.office));
  CHECK(contains(page->body, "value=\"\">Văn bản mới"));
  // The department's published documents can be opened for revision.
  CHECK(contains(page->body, "<option value=\"van-phong/"));
  // The session's CSRF token is required on a post.
  const auto no_csrf =
      clerk.client().Post("/nop", {{"Cookie", clerk.cookie}}, fields("Không CSRF", "Nội dung."));
  REQUIRE(no_csrf);
  CHECK(no_csrf->status == 403);
  CHECK(contains(no_csrf->body, "Không CSRF"));
  // An editor's session cookie for /bien-tap is not one for /nop.
  const EditorSession editor(w.port, w.editor);
  CHECK(clerk.client().Get("/nop/da-nop", {{"Cookie", editor.cookie}})->status == 401);
  // Sign-out ends the session on the server: the old cookie no longer works.
  const auto out = clerk.client().Post("/nop/dang-xuat", {{"Cookie", clerk.cookie}},
                                       "csrf=" + clerk.csrf, "application/x-www-form-urlencoded");
  REQUIRE(out);
  CHECK(out->status == 303);
  CHECK(contains(out->get_header_value("Set-Cookie"), "Max-Age=0"));
  CHECK(clerk.get("/nop/da-nop")->status == 401);
  CHECK(contains(clerk.get("/nop")->body, "action=\"/nop/dang-nhap\""));
}

TEST_CASE("/nop form: fields become front matter, after any error everything comes back") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  REQUIRE_FALSE(clerk.csrf.empty());
  const std::string body = "Đoạn <b>một</b> & \"hai\".\n\n- ý một\n- ý hai\n";
  SUBCASE("an empty title: the error beside the field, every value kept") {
    const auto res = clerk.post(fields("", body));
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(contains(res->body, "id=\"title-error\""));
    CHECK(textarea(res->body, "body") == body);
    CHECK(input_value(res->body, "number") == "7/QC-UBND");
    CHECK(input_value(res->body, "tags") == "nội quy, họp");
    CHECK(input_value(res->body, "issued") == "2026-01-15");
    CHECK(list_of(w, w.editor).empty());
  }
  SUBCASE("a body error names the line of the body box") {
    const auto res = clerk.post(fields("Chỉ có chú thích", "<!-- ghi chú -->\n"));
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(contains(res->body, "Nội dung: dòng 1 của ô nội dung: "));
    CHECK(contains(res->body, "id=\"body-error\""));
  }
  SUBCASE("a bad date is an error on the date field") {
    auto items = fields("Ngày sai", body);
    items[4].content = "2026-13-45";
    const auto res = clerk.post(items);
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(contains(res->body, "Ngày ban hành: "));
    CHECK(textarea(res->body, "body") == body);
  }
  SUBCASE("an expired session: the form comes back with a token box, then submits") {
    httplib::MultipartFormDataItems items = fields("Quy chế: họp \"giao ban\" # tuần", body);
    items.push_back({"csrf", clerk.csrf, "", ""});
    const auto expired = clerk.client().Post("/nop", items);  // no session cookie
    REQUIRE(expired);
    CHECK(expired->status == 401);
    CHECK(textarea(expired->body, "body") == body);
    CHECK(contains(expired->body, "name=\"token\""));
    const std::string csrf_cookie = set_cookie(*expired, "sotay_nop_csrf");
    items.back().content = hidden_value(expired->body, "csrf");
    items.push_back({"token", w.office, "", ""});
    const auto again = clerk.client().Post("/nop", {{"Cookie", csrf_cookie}}, items);
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK_FALSE(contains(again->body, w.office));
  }
  SUBCASE("accepted: an awkward title and the tags survive, the id is derived") {
    const auto res = clerk.post(fields("Quy chế: họp \"giao ban\" # tuần - 2", body));
    REQUIRE(res);
    CAPTURE(res->body);
    CHECK(res->status == 201);
    const json list = list_of(w, w.office);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["title"] == "Quy chế: họp \"giao ban\" # tuần - 2");
    CHECK(list[0]["document"] == "van-phong/quy-che-hop-giao-ban-tuan-2");
    const std::string file = read_file(w.inbox / (list[0]["id"].get<std::string>() + ".md"));
    std::vector<ContentError> errors;
    const ParsedFile parsed = parse_content_file("", file, errors);
    CHECK(errors.empty());
    CHECK(parsed.meta.tags == std::vector<std::string>{"nội quy", "họp"});
    CHECK(parsed.meta.department == OFFICE);
    CHECK(parsed.body == body);
  }
}

TEST_CASE("/nop: a published document opened for revision keeps what the form does not show") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  const auto page = clerk.get("/nop?sua=van-phong/the-thuc");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  const std::string title = input_value(page->body, "title");
  CHECK_FALSE(title.empty());
  const std::string body = textarea(page->body, "body");
  REQUIRE_FALSE(body.empty());
  auto items = fields(title, body + "\nMột đoạn thêm.\n");
  items.push_back({"edit", "van-phong/the-thuc", "", ""});
  const auto res = clerk.post(items);
  REQUIRE(res);
  CAPTURE(res->body);
  CHECK(res->status == 201);
  const json list = list_of(w, w.office);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["document"] == "van-phong/the-thuc");
  // `original:` is not in the form; the published one is kept, the file already there.
  CHECK(contains(read_file(w.inbox / (list[0]["id"].get<std::string>() + ".md")),
                 "original: the-thuc.txt"));
  // Another department may not revise it.
  const Clerk centre(w.port, w.centre);
  auto other = fields(title, body);
  other.push_back({"edit", "van-phong/the-thuc", "", ""});
  const auto refused = centre.post(other);
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(textarea(refused->body, "body") == body);
}

TEST_CASE("/nop: a PDF is converted, its fields marked, submitted and approved with its original") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  const std::string pdf = read_file(fixture("import/quyet-dinh-phuong.pdf"));
  const auto read = clerk.post({{"upload", pdf, "Quyết định 15.pdf", "application/pdf"},
                                {"title", "", "", ""},
                                {"body", "", "", ""},
                                {"action", "tai-len", "", ""}});
  REQUIRE(read);
  CAPTURE(read->body);
  REQUIRE(read->status == 200);
  CHECK(input_value(read->body, "number") == "15/QĐ-UBND");
  CHECK(input_value(read->body, "issued") == "2025-03-12");
  CHECK(contains(read->body, "Bản gốc đính kèm: <strong>Quyết định 15.pdf</strong>"));
  CHECK(contains(read->body, "class=\"preview\""));
  const std::string draft = hidden_value(read->body, "draft");
  REQUIRE(draft.size() == 32);
  CHECK(fs::exists(w.inbox / "drafts" / draft / "original"));
  // Another department cannot use the draft.
  const Clerk centre(w.port, w.centre);
  auto stolen = fields("Lấy bản gốc", "Nội dung.");
  stolen.push_back({"draft", draft, "", ""});
  const auto stolen_res = centre.post(stolen);
  REQUIRE(stolen_res);
  CHECK(stolen_res->status == 422);

  // The clerk corrects a field and submits: the text and the original go together.
  auto items = fields(input_value(read->body, "title"), textarea(read->body, "body"));
  items[3].content = "15/QĐ-UBND";
  items[4].content = "2025-03-12";
  items.push_back({"draft", draft, "", ""});
  const auto sent = clerk.post(items);
  REQUIRE(sent);
  CAPTURE(sent->body);
  REQUIRE(sent->status == 201);
  CHECK_FALSE(fs::exists(w.inbox / "drafts" / draft));
  const json list = list_of(w, w.office);
  REQUIRE(list.size() == 1);
  const std::string id = list[0]["id"];
  const std::string doc = list[0]["document"];
  CHECK(read_file(w.inbox / (id + ".original")) == pdf);
  CHECK(list[0]["original_source"] == "Quyết định 15.pdf");

  const EditorSession editor(w.port, w.editor);
  REQUIRE(editor.ok);
  const auto approved = editor.approve(w.port, id);
  REQUIRE(approved);
  CHECK(approved->status == 303);
  const std::string original = list[0]["original"];
  const fs::path md = w.content / (doc + ".md");
  REQUIRE(fs::exists(md));
  CHECK(read_file(md.parent_path() / original) == pdf);
  int status = 0;
  std::string served;
  for (int i = 0; i < 100 && status != 200; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto res = w.client().Get(("/doc/" + doc + "/ban-goc").c_str());
    REQUIRE(res);
    status = res->status;
    served = res->body;
  }
  CHECK(status == 200);
  CHECK(served == pdf);
}

TEST_CASE("POST /api/submissions as multipart: the Markdown and its original together") {
  Workflow w;
  const std::string pdf = read_file(fixture("import/quyet-dinh-phuong.pdf"));
  const std::string md =
      office_doc("van-phong/qd-15-api", "Nội dung quyết định.", "original: qd-15-api.pdf\n");
  auto c = w.client();
  const httplib::Headers auth = {{"Authorization", "Bearer " + w.office}};
  // Without the original part the file must already be in content/.
  const auto alone = c.Post("/api/submissions", auth, md, "text/markdown");
  REQUIRE(alone);
  CHECK(alone->status == 422);
  const auto ok =
      c.Post("/api/submissions", auth,
             httplib::MultipartFormDataItems{{"file", md, "qd.md", "text/markdown"},
                                             {"original", pdf, "QĐ 15.pdf", "application/pdf"}});
  REQUIRE(ok);
  CAPTURE(ok->body);
  CHECK(ok->status == 201);
  const json s = json::parse(ok->body);
  CHECK(s["original"] == "qd-15-api.pdf");
  CHECK(read_file(w.inbox / (s["id"].get<std::string>() + ".original")) == pdf);
  // An original without `original:` in the front matter is refused.
  const auto unnamed = c.Post(
      "/api/submissions", auth,
      httplib::MultipartFormDataItems{{"file", office_doc("van-phong/qd-16", "x"), "a.md", ""},
                                      {"original", pdf, "a.pdf", "application/pdf"}});
  REQUIRE(unnamed);
  CHECK(unnamed->status == 422);
  CHECK(contains(unnamed->body, "original"));
  // Replacing a published document's original: the old one goes to the history.
  const std::string revised =
      "---\nid: van-phong/the-thuc\ntitle: Thể thức văn bản hành chính\ndepartment: " +
      std::string(OFFICE) + "\noriginal: the-thuc.txt\n---\nBản sửa.\n";
  const auto replaced = c.Post(
      "/api/submissions", auth,
      httplib::MultipartFormDataItems{{"file", revised, "the-thuc.md", "text/markdown"},
                                      {"original", "BẢN GỐC MỚI\n", "the-thuc.txt", "text/plain"}});
  REQUIRE(replaced);
  REQUIRE(replaced->status == 201);
  const EditorSession editor(w.port, w.editor);
  REQUIRE(editor.approve(w.port, json::parse(replaced->body)["id"])->status == 303);
  CHECK(read_file(w.content / "van-phong/the-thuc.txt") == "BẢN GỐC MỚI\n");
  bool kept = false;
  for (const auto& e : fs::directory_iterator(w.content / ".history/van-phong/the-thuc")) {
    kept = kept || (e.path().string().find("the-thuc.txt") != std::string::npos &&
                    contains(read_file(e.path()), "(bản gốc)"));
  }
  CHECK(kept);
  const auto no_file = c.Post("/api/submissions", auth,
                              httplib::MultipartFormDataItems{{"original", pdf, "a.pdf", ""}});
  REQUIRE(no_file);
  CHECK(no_file->status == 400);
}

TEST_CASE("/nop/da-nop: the department's own submissions, status, reason and link") {
  Workflow w;
  const Clerk office(w.port, w.office);
  const Clerk centre(w.port, w.centre);
  REQUIRE(office.post(fields("Bài sẽ bị từ chối", "Nội dung một."))->status == 201);
  REQUIRE(office.post(fields("Bài sẽ được duyệt", "Nội dung hai."))->status == 201);
  const json list = list_of(w, w.office);
  REQUIRE(list.size() == 2);
  const EditorSession editor(w.port, w.editor);
  std::string approved_doc;
  for (const json& s : list) {
    const std::string id = s["id"];
    if (s["title"] == "Bài sẽ bị từ chối") {
      REQUIRE(editor
                  .post(w.port, "/bien-tap/tu-choi/" + id,
                        "csrf=" + editor.csrf + "&reason=" + percent_encode("Thiếu số hiệu <x>"))
                  ->status == 303);
    } else {
      REQUIRE(editor.approve(w.port, id)->status == 303);
      approved_doc = s["document"];
    }
  }
  const auto page = office.get("/nop/da-nop");
  REQUIRE(page);
  CHECK(page->status == 200);
  const std::size_t approved = page->body.find("Bài sẽ được duyệt");
  const std::size_t rejected = page->body.find("Bài sẽ bị từ chối");
  REQUIRE(approved != std::string::npos);
  REQUIRE(rejected != std::string::npos);
  CHECK(approved < rejected);  // newest first
  CHECK(contains(page->body, "Thiếu số hiệu &lt;x&gt;"));
  CHECK(contains(page->body, "bị từ chối"));
  CHECK(contains(page->body, "href=\"/doc/" + approved_doc + "\""));
  CHECK(contains(page->body, "/20"));  // a Hà Nội time "HH:MM DD/MM/YYYY"
  const auto other = centre.get("/nop/da-nop");
  REQUIRE(other);
  CHECK(other->status == 200);
  CHECK_FALSE(contains(other->body, "Bài sẽ"));
  const Clerk editor_clerk(w.port, w.editor);
  CHECK(contains(editor_clerk.get("/nop/da-nop")->body, "Bài sẽ bị từ chối"));
}

TEST_CASE("/nop: a Markdown file with front matter fills the form") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  const std::string md = office_doc("van-phong/tu-tep-md", "Nội dung từ tệp.",
                                    "number: 9/TB-UBND\nsigner: Nguyễn Văn An\n");
  const auto res =
      clerk.post({{"upload", md, "tep.md", "text/markdown"}, {"action", "tai-len", "", ""}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(input_value(res->body, "title") == "Quy chế làm việc");
  CHECK(input_value(res->body, "number") == "9/TB-UBND");
  CHECK(input_value(res->body, "id") == "van-phong/tu-tep-md");
  CHECK(textarea(res->body, "body") == "Nội dung từ tệp.\n");
  // The signer, not shown in the form, is kept in the draft and submitted.
  auto items = fields("Quy chế làm việc", "Nội dung từ tệp.\n");
  items.push_back({"draft", hidden_value(res->body, "draft"), "", ""});
  items.push_back({"id", "van-phong/tu-tep-md", "", ""});
  const auto sent = clerk.post(items);
  REQUIRE(sent);
  CHECK(sent->status == 201);
  const json list = list_of(w, w.office);
  REQUIRE(list.size() == 1);
  CHECK(contains(read_file(w.inbox / (list[0]["id"].get<std::string>() + ".md")),
                 "signer: \"Nguyễn Văn An\""));
}

TEST_CASE("/nop: fields the conversion is unsure of are marked for the clerk to check") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  // A notice whose number was left blank for hand filling, and no date.
  const std::string text =
      "UBND PHƯỜNG VIỆT HƯNG\nSố: /TB-UBND\n\nTHÔNG BÁO\nVề lịch tiếp công dân tháng 12\n\n"
      "Ủy ban nhân dân phường thông báo lịch tiếp công dân như sau.\n";
  const auto read = clerk.post({{"upload", text, "thong-bao.txt", "text/plain"},
                                {"title", "", "", ""},
                                {"body", "", "", ""},
                                {"action", "tai-len", "", ""}});
  REQUIRE(read);
  CAPTURE(read->body);
  REQUIRE(read->status == 200);
  // The number (left blank on the original) and the date (missing) are
  // marked; the type, read plainly, is not.
  const auto field_class = [&](const std::string& name) {
    const std::size_t input = read->body.find("name=\"" + name + "\"");
    REQUIRE(input != std::string::npos);
    const std::size_t div = read->body.rfind("<div class=\"field", input);
    REQUIRE(div != std::string::npos);
    return read->body.substr(div, read->body.find('>', div) - div);
  };
  CHECK(contains(field_class("number"), "chua-chac"));
  CHECK(contains(field_class("issued"), "chua-chac"));
  CHECK_FALSE(contains(field_class("type"), "chua-chac"));
  CHECK(contains(read->body, "số văn bản để trống trên bản gốc"));
}
