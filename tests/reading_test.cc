// Reading the handbook over HTTP: citation links and /so/<number>, what a
// document cites and what cites it, the document page, browse pages, site
// settings and the compiled handbook /so-tay.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

namespace {

// The fixture content, a document citing an article of 30/2020/NĐ-CP and a
// number that is not in the handbook, and site settings.
struct Fixture {
  TempDir tmp;
  std::unique_ptr<TestServer> server;
  Fixture() {
    const auto content = tmp.path() / "content";
    write_fixture_content(content);
    write_file(content / "van-phong/ky-so.md",
               content_file("title: Ký số văn bản điện tử\n"
                            "department: Văn phòng HĐND và UBND\n"
                            "field: Văn thư - Lưu trữ\n"
                            "type: Hướng dẫn\n"
                            "issued: 2025-10-15\n",
                            "Căn cứ Nghị định 30/2020/NĐ-CP và Chỉ thị 11/CT-UBND.\n\n"
                            "## Số và ký hiệu\n\n"
                            "Ghi số theo Điều 8 Nghị định 30/2020/NĐ-CP.\n"));
    write_file(content / "_site.yaml",
               "ward_name: UBND phường Thử Nghiệm\n"
               "handbook_title: Sổ tay công vụ thử\n"
               "editor: Văn phòng thử\n"
               "contact: 024 1234 5678\n");
    const BuildReport report = build(content, tmp.path() / "index");
    REQUIRE(report.errors.empty());
    server = std::make_unique<TestServer>(tmp.path() / "index");
  }
};

}  // namespace

TEST_CASE("/so/<number> resolves any spelling to the document, an article to its section") {
  Fixture f;
  auto c = f.server->client();
  struct Row {
    const char* path;
    int status;
    const char* location;
  };
  const Row rows[] = {
      {"/so/30/2020/N%C4%90-CP", 302, "/doc/van-phong/the-thuc"},
      {"/so/30%2F2020%2FN%C4%90-CP", 302, "/doc/van-phong/the-thuc"},
      {"/so/30/2020/nd-cp", 302, "/doc/van-phong/the-thuc"},
      {"/so/30/2020/ND-CP", 302, "/doc/van-phong/the-thuc"},
      {"/so/30/N%C4%90-CP", 302, "/doc/van-phong/the-thuc"},
      {"/so/30/2020", 302, "/doc/van-phong/the-thuc"},
      {"/so/110/2004/N%C4%90-CP", 302, "/doc/van-phong/van-thu-cu"},
      {"/so/30/2020/N%C4%90-CP?dieu=8", 302, "/doc/van-phong/the-thuc#dieu-8-so-va-ky-hieu"},
      {"/so/30/2020/nd-cp?dieu=08", 302, "/doc/van-phong/the-thuc#dieu-8-so-va-ky-hieu"},
      {"/so/30/2020/N%C4%90-CP?dieu=5", 302, "/doc/van-phong/the-thuc#dieu-5-phong-chu"},
      // The article is not a section: the document itself.
      {"/so/30/2020/N%C4%90-CP?dieu=99", 302, "/doc/van-phong/the-thuc"},
      // Every spelling the search and the suggestions accept.
      {"/so/30-2020", 302, "/doc/van-phong/the-thuc"},
      {"/so/N%C4%90%2030/2020", 302, "/doc/van-phong/the-thuc"},
      {"/so/N%C4%90%2030/2020?dieu=8", 302, "/doc/van-phong/the-thuc#dieu-8-so-va-ky-hieu"},
      {"/so/nd%2030", 302, "/doc/van-phong/the-thuc"},
      {"/so/n%C4%9130", 302, "/doc/van-phong/the-thuc"},
      {"/so/ND-CP%2030", 302, "/doc/van-phong/the-thuc"},
      {"/so/ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh%2030", 302, "/doc/van-phong/the-thuc"},
      {"/so/N%C4%90%20110", 302, "/doc/van-phong/van-thu-cu"},
      // Well-formed but not in the handbook: 404, with a search for the
      // number (cited_by lists mentions).
      {"/so/11/CT-UBND", 404, "/search?q=11%2FCT-UBND"},
      {"/so/99/2021/N%C4%90-CP?dieu=3", 404, "/search?q=99%2F2021%2FN%C4%90-CP"},
      {"/so/nd%2099", 404, "/search?q=nd+99"},
      // Not a number, or not an article number: 400 with a message.
      {"/so/hello", 400, ""},
      {"/so/05/3/2020", 400, ""},
      {"/so/khai%20sinh", 400, ""},
      {"/so/30/2020/N%C4%90-CP?dieu=abc", 400, ""},
  };
  for (const Row& r : rows) {
    const std::string path = r.path;
    CAPTURE(path);
    const auto res = c.Get(r.path);
    REQUIRE(res);
    CHECK(res->status == r.status);
    if (r.status == 302) {
      CHECK(res->get_header_value("Location") == std::string(r.location));
    } else if (r.status == 404) {
      CHECK(contains(res->body, "Sổ tay chưa có văn bản số"));
      CHECK(contains(res->body, std::string("href=\"") + r.location + "\""));
    } else {
      CHECK(contains(res->body, "không"));
    }
  }
}

TEST_CASE("/so/<number> shared by several documents offers a choice") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  write_file(content / "van-phong/cu.md", content_file("title: Nghị định cũ cùng số\n"
                                                       "department: Văn phòng HĐND và UBND\n"
                                                       "type: Nghị định\n"
                                                       "number: 30/2019/NĐ-CP\n",
                                                       "Nội dung.\n"));
  REQUIRE(build(content, tmp.path() / "index").errors.empty());
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  for (const std::string path : {"/so/30/N%C4%90-CP", "/so/nd%2030", "/so/30%20nd%20cp"}) {
    CAPTURE(path);
    const auto res = c.Get(path);
    REQUIRE(res);
    CAPTURE(res->get_header_value("Location"));
    CHECK(res->status == 200);
    CHECK(contains(res->body, "Có 2 văn bản mang số"));
    CHECK(contains(res->body, "href=\"/doc/van-phong/the-thuc\""));
    CHECK(contains(res->body, "href=\"/doc/van-phong/cu\""));
  }
  // The year tells them apart.
  const auto one = c.Get("/so/nd%2030%2F2019");
  REQUIRE(one);
  CHECK(one->status == 302);
  CHECK(one->get_header_value("Location") == "/doc/van-phong/cu");
}

TEST_CASE("follow a citation to its target section and back") {
  Fixture f;
  auto c = f.server->client();
  const auto citing = c.Get("/doc/van-phong/ky-so");
  REQUIRE(citing);
  REQUIRE(citing->status == 200);
  const std::string article_link = "href=\"/so/30/2020/N%C4%90-CP?dieu=8\">Điều 8</a>";
  REQUIRE(contains(citing->body, article_link));
  CHECK(contains(citing->body, "href=\"/so/11/CT-UBND\">11/CT-UBND</a>"));

  const auto target = c.Get("/so/30/2020/N%C4%90-CP?dieu=8");
  REQUIRE(target);
  const std::string location = target->get_header_value("Location");
  const std::string path = location.substr(location.find("/doc/"));
  const auto page = c.Get(path.substr(0, path.find('#')).c_str());
  REQUIRE(page);
  CHECK(contains(page->body, "id=\"" + path.substr(path.find('#') + 1) + "\""));
  // Back: the target lists the citing document, linked to the citing section.
  const auto pos = page->body.find("Được dẫn chiếu bởi");
  REQUIRE(pos != std::string::npos);
  CHECK(page->body.find("href=\"/doc/van-phong/ky-so", pos) != std::string::npos);
  CHECK(page->body.find("Ký số văn bản điện tử", pos) != std::string::npos);
  // Its own mentions of its number are not backlinks.
  CHECK(page->body.find("href=\"/doc/van-phong/the-thuc", pos) == std::string::npos);
}

TEST_CASE("what a document cites and what cites it") {
  Fixture f;
  auto c = f.server->client();
  const json citing = json::parse(c.Get("/api/doc/van-phong/ky-so")->body);
  REQUIRE(citing["cites"].size() == 2);
  CHECK(citing["cites"][0]["number"] == "30/2020/NĐ-CP");
  CHECK(citing["cites"][0]["present"] == true);
  CHECK(citing["cites"][0]["id"] == "van-phong/the-thuc");
  CHECK(citing["cites"][1]["number"] == "11/CT-UBND");
  CHECK(citing["cites"][1]["present"] == false);

  const auto page = c.Get("/doc/van-phong/ky-so");
  const auto cites = page->body.find("Văn bản dẫn chiếu");
  REQUIRE(cites != std::string::npos);
  CHECK(page->body.find("Thể thức văn bản hành chính", cites) != std::string::npos);
  CHECK(page->body.find("chưa có trong sổ tay", cites) != std::string::npos);
  CHECK_FALSE(contains(page->body, "Được dẫn chiếu bởi"));  // nothing cites it (no number)

  // 110/2004 (expired) mentions 30/2020 and is cited by nobody; 30/2020 is
  // cited by both other documents, each once, by title.
  const auto decree = c.Get("/doc/van-phong/the-thuc")->body;
  const auto by = decree.find("Được dẫn chiếu bởi");
  REQUIRE(by != std::string::npos);
  const std::string list = decree.substr(by, decree.find("</section>", by) - by);
  CHECK(contains(list, "Ký số văn bản điện tử"));
  CHECK(contains(list, "Công tác văn thư (văn bản cũ)"));
  CHECK(list.find("Ký số văn bản điện tử") == list.rfind("Ký số văn bản điện tử"));
  CHECK(list.find("Công tác văn thư") < list.find("Ký số"));  // by title
}

TEST_CASE("document page: breadcrumbs, banner, updated date, previous and next") {
  Fixture f;
  auto c = f.server->client();
  const auto old = c.Get("/doc/van-phong/van-thu-cu")->body;
  CHECK(contains(old, "href=\"/don-vi/van-phong-hdnd-va-ubnd\">Văn phòng HĐND và UBND</a>"));
  CHECK(contains(old, "href=\"/linh-vuc/van-thu-luu-tru\">Văn thư - Lưu trữ</a>"));
  CHECK(contains(old,
                 "<strong>Hết hiệu lực</strong> — thay thế bởi "
                 "<a href=\"/so/30/2020/N%C4%90-CP\">30/2020/NĐ-CP</a>"));
  CHECK(contains(old, "<dd>Hết hiệu lực toàn bộ</dd>"));
  CHECK(contains(old, "Cập nhật: <time>08/04/2004</time> (ngày ban hành"));
  // Van-phong by title: Công tác văn thư…, Ký số…, Thể thức…
  CHECK_FALSE(contains(old, "rel=\"prev\""));
  CHECK(contains(old, "rel=\"next\" href=\"/doc/van-phong/ky-so\""));
  const auto mid = c.Get("/doc/van-phong/ky-so")->body;
  CHECK(contains(mid, "rel=\"prev\" href=\"/doc/van-phong/van-thu-cu\""));
  CHECK(contains(mid, "rel=\"next\" href=\"/doc/van-phong/the-thuc\""));
  const auto decree = c.Get("/doc/van-phong/the-thuc")->body;
  CHECK_FALSE(contains(decree, "validity-banner"));
  CHECK_FALSE(contains(decree, "rel=\"next\""));
  CHECK(contains(decree, "<a class=\"anchor\" href=\"#dieu-8-so-va-ky-hieu\""));
  CHECK(contains(decree, "<script src=\"/static/copy-link.js\" defer></script>"));
  const auto js = c.Get("/static/copy-link.js");
  REQUIRE(js);
  CHECK(js->status == 200);
  CHECK(contains(js->body, "navigator.clipboard"));
  // No field: no empty breadcrumb or panel entry.
  const auto road = c.Get("/doc/kinh-te/duong")->body;
  CHECK_FALSE(contains(road, "/linh-vuc/\""));
  CHECK_FALSE(contains(road, "<dt>Số hiệu</dt>"));
}

TEST_CASE("browse pages by department, field and type, reachable from home") {
  Fixture f;
  auto c = f.server->client();
  const auto home = c.Get("/")->body;
  for (const char* link : {"/don-vi/van-phong-hdnd-va-ubnd", "/linh-vuc/van-thu-luu-tru",
                           "/loai/nghi-dinh", "/so-tay"}) {
    CAPTURE(link);
    CHECK(contains(home, std::string("href=\"") + link + "\""));
  }
  struct Row {
    const char* path;
    const char* heading;
    std::vector<std::string> ids;  // in order
  };
  const Row rows[] = {
      {"/don-vi/van-phong-hdnd-va-ubnd",
       "Văn phòng HĐND và UBND",
       {"van-phong/van-thu-cu", "van-phong/ky-so", "van-phong/the-thuc"}},
      {"/linh-vuc/van-thu-luu-tru",
       "Văn thư - Lưu trữ",
       {"van-phong/van-thu-cu", "van-phong/ky-so", "van-phong/the-thuc"}},
      {"/loai/nghi-dinh", "Nghị định", {"van-phong/van-thu-cu", "van-phong/the-thuc"}},
      {"/loai/huong-dan", "Hướng dẫn", {"van-phong/ky-so", "kinh-te/duong", "van-hoa/thu-phi"}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.path);
    const auto res = c.Get(r.path);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(contains(res->body, std::string("<h1 id=\"browse-title\">") + r.heading + "</h1>"));
    std::size_t last = 0;
    for (const std::string& id : r.ids) {
      const auto at = res->body.find("href=\"/doc/" + id + "\"");
      CHECK(at != std::string::npos);
      CHECK(at > last);
      last = at;
    }
    CHECK(contains(res->body, std::to_string(r.ids.size()) + " văn bản"));
  }
  CHECK(contains(c.Get("/loai/nghi-dinh")->body, "110/2004/NĐ-CP"));
  CHECK(c.Get("/don-vi/khong-co")->status == 404);
  CHECK(c.Get("/linh-vuc/khong-co")->status == 404);
  CHECK(c.Get("/loai/Nghi-Dinh")->status == 404);
}

TEST_CASE("site settings appear in the header, the footer and the cover") {
  Fixture f;
  auto c = f.server->client();
  for (const char* path :
       {"/", "/doc/van-phong/the-thuc", "/don-vi/van-phong-hdnd-va-ubnd", "/search?q=van+thu"}) {
    CAPTURE(path);
    const auto body = c.Get(path)->body;
    CHECK(contains(body, "<span class=\"brand-org\">UBND phường Thử Nghiệm</span>"));
    CHECK(contains(body, "<span class=\"brand-name\">Sổ tay công vụ thử</span>"));
    CHECK(contains(body, "Văn phòng thử biên tập."));
    CHECK(contains(body, "Liên hệ: 024 1234 5678."));
  }
  const auto book = c.Get("/so-tay")->body;
  CHECK(contains(book, "<p class=\"cover-org\">UBND phường Thử Nghiệm</p>"));
  CHECK(contains(book, "<h1 class=\"cover-title\" id=\"cover-title\">Sổ tay công vụ thử</h1>"));
  const auto css = c.Get("/so-tay.css");
  REQUIRE(css);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(contains(css->body, "@top-left { content: \"Sổ tay công vụ thử\""));
  CHECK(contains(css->body, "counter(page)"));
}

TEST_CASE("/so-tay contains every document, in table-of-contents order") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/so-tay");
  REQUIRE(res);
  CHECK(res->status == 200);
  const std::string& book = res->body;
  const json health = json::parse(c.Get("/healthz")->body);
  CHECK(contains(book, "<p class=\"cover-count\">6 văn bản</p>"));
  CHECK(contains(book, "Ấn bản ngày " + health["built"].get<std::string>().substr(8, 2) + "/"));
  // Fields alphabetically without accents (documents without one last),
  // then departments, then titles.
  const std::vector<std::pair<std::string, std::string>> order = {
      {"1.1.1", "Thu phí vệ sinh"},                      // Tài chính
      {"2.1.1", "Tiếp nhận hồ sơ tại bộ phận một cửa"},  // Thủ tục hành chính
      {"3.1.1", "Công tác văn thư (văn bản cũ)"},        // Văn thư - Lưu trữ
      {"3.1.2", "Ký số văn bản điện tử"},
      {"3.1.3", "Thể thức văn bản hành chính"},
      {"4.1.1", "Quản lý đường giao thông"},  // Xây dựng - Đô thị
  };
  const auto toc_start = book.find("<nav class=\"book-toc\"");
  const auto body_start = book.find("<main class=\"book-body\">");
  REQUIRE(toc_start != std::string::npos);
  REQUIRE(body_start != std::string::npos);
  std::size_t toc_at = toc_start, body_at = body_start;
  for (const auto& [number, title] : order) {
    CAPTURE(title);
    const std::string entry = number + ". " + title;
    const auto t = book.find(entry, toc_at);
    CHECK(t < body_start);
    toc_at = t;
    const auto b = book.find("<h3 class=\"document-title\">" + entry + "</h3>", body_at);
    CHECK(b != std::string::npos);
    body_at = b;
  }
  CHECK(contains(book, "<h1 class=\"chapter-title\">3. Văn thư - Lưu trữ</h1>"));
  CHECK(contains(book, "<h2 class=\"department-title\">3.1. Văn phòng HĐND và UBND</h2>"));
  // Headings are unique in the book and citations point inside it.
  CHECK(contains(book, "<h4 id=\"vb-3-1-3-dieu-8-so-va-ky-hieu\">"));
  CHECK(contains(book, "<a href=\"#vb-3-1-3-dieu-8-so-va-ky-hieu\">Điều 8</a>"));
  CHECK(contains(book, "<a href=\"#vb-3-1-3\">30/2020/NĐ-CP</a>"));
  CHECK(contains(book, "<a href=\"/so/11/CT-UBND\">11/CT-UBND</a>"));  // not in the book
  CHECK(contains(book, "<link rel=\"stylesheet\" href=\"/so-tay.css\" media=\"print\">"));
}
