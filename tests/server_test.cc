// The real server on a free port, driven over HTTP by httplib::Client.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

using Fixture = ServedFixture;

}  // namespace

TEST_CASE("home page lists departments, fields and recent documents") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(contains(res->body, "<html lang=\"vi\">"));
  CHECK(contains(res->body, "Văn phòng HĐND và UBND"));
  CHECK(contains(res->body, "Văn thư - Lưu trữ"));
  CHECK(contains(res->body, "href=\"/doc/van-hoa/thu-phi\""));
  CHECK(contains(res->body, "name=\"q\""));
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(contains(res->get_header_value("Content-Security-Policy"), "frame-ancestors 'none'"));
}

TEST_CASE("search pages with and without accents") {
  Fixture f;
  auto c = f.server->client();
  for (const char* q : {"/search?q=thu+tuc", "/search?q=th%E1%BB%A7+t%E1%BB%A5c"}) {
    CAPTURE(q);
    const auto res = c.Get(q);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(contains(res->body, "Tiếp nhận hồ sơ tại bộ phận một cửa"));
    CHECK(contains(res->body, "<mark>thủ</mark> <mark>tục</mark>"));
    CHECK(contains(res->body, "href=\"/doc/trung-tam/mot-cua"));
  }
  const auto number = c.Get("/search?q=30%2F2020%2FN%C4%90-CP");
  REQUIRE(number);
  const auto first = number->body.find("result-title");
  REQUIRE(first != std::string::npos);
  CHECK(number->body.find("/doc/van-phong/the-thuc", first) <
        number->body.find("/doc/van-phong/van-thu-cu", first));
  const auto none = c.Get("/search?q=zzzkhongco");
  REQUIRE(none);
  CHECK(none->status == 200);
  CHECK(contains(none->body, "Không tìm thấy văn bản phù hợp"));
}

TEST_CASE("empty query goes home, bad pages and long queries are 400") {
  Fixture f;
  auto c = f.server->client();
  const auto empty = c.Get("/search?q=");
  REQUIRE(empty);
  CHECK(empty->status == 302);
  CHECK(empty->get_header_value("Location") == "/");
  const std::string long_q(1001, 'a');
  const auto too_long = c.Get(("/search?q=" + long_q).c_str());
  CHECK(too_long->status == 400);
  CHECK(contains(too_long->body, "quá dài"));
  CHECK(c.Get("/search?q=a&page=0")->status == 400);
  CHECK(c.Get("/search?q=a&page=abc")->status == 400);
  CHECK(c.Get("/search?q=a&page=99999")->status == 400);
  const auto beyond = c.Get("/search?q=ho+so&page=50");
  CHECK(beyond->status == 200);
  CHECK(contains(beyond->body, "Không còn kết quả ở trang 50"));
  CHECK(c.Get("/search?q=a&q=b")->status == 200);
}

TEST_CASE("markup in the query is escaped everywhere it is echoed") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%22%3E%3Cimg");
  REQUIRE(res);
  CHECK_FALSE(contains(res->body, "<script>alert"));
  CHECK_FALSE(contains(res->body, "\"><img"));
  CHECK(contains(res->body, "&lt;script&gt;"));
}

TEST_CASE("document page: metadata, table of contents, anchors, tables") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/doc/van-phong/the-thuc");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(contains(res->body, "<h1>Thể thức văn bản hành chính</h1>"));
  CHECK(contains(res->body, "30/2020/NĐ-CP"));
  CHECK(contains(res->body, "Chính phủ"));
  CHECK(contains(res->body, "05/03/2020"));
  CHECK(contains(res->body, "href=\"#dieu-5-phong-chu\""));
  CHECK(contains(res->body, "<h2 id=\"dieu-8-so-va-ky-hieu\">"));
  const auto expired = c.Get("/doc/van-phong/van-thu-cu");
  CHECK(contains(expired->body, "<strong>Hết hiệu lực</strong>"));
  CHECK(contains(expired->body, "30/2020/NĐ-CP"));
  const auto missing = c.Get("/doc/khong/co");
  CHECK(missing->status == 404);
  CHECK(contains(missing->body, "Không tìm thấy"));
  CHECK(c.Get("/khong-co-trang-nay")->status == 404);
}

TEST_CASE("the JSON API") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/api/search?q=van+thu&limit=3");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  const json j = json::parse(res->body);
  CHECK(j["query"] == "van thu");
  CHECK(j["total"].get<int>() >= 2);
  REQUIRE(j["hits"].size() >= 2);
  CHECK(j["hits"].size() <= 3);
  const json& h = j["hits"][0];
  for (const char* key : {"id", "section", "title", "section_title", "url", "snippet", "score",
                          "department", "type", "number"}) {
    CAPTURE(key);
    CHECK(h.contains(key));
  }
  CHECK(h["url"].get<std::string>().rfind("/doc/" + h["id"].get<std::string>(), 0) == 0);

  const auto doc = c.Get("/api/doc/van-phong/the-thuc");
  REQUIRE(doc);
  const json d = json::parse(doc->body);
  CHECK(d["title"] == "Thể thức văn bản hành chính");
  CHECK(d["sections"].size() == 3);
  const auto missing = c.Get("/api/doc/khong-co");
  CHECK(missing->status == 404);
  CHECK(json::parse(missing->body)["error"]["status"] == 404);
  const auto bad = c.Get("/api/search?q=a&limit=1000");
  CHECK(bad->status == 400);
  CHECK(json::parse(bad->body)["error"]["message"].is_string());
  CHECK(c.Get(("/api/search?q=" + std::string(1001, 'x')).c_str())->status == 400);

  const auto health = c.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  const json hj = json::parse(health->body);
  CHECK(hj["documents"] == 5);
  CHECK(hj["built"].get<std::string>().size() == 20);
}

TEST_CASE("static assets are served with cache headers") {
  Fixture f;
  auto c = f.server->client();
  const auto css = c.Get("/static/site.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(contains(css->get_header_value("Cache-Control"), "max-age"));
  CHECK(c.Get("/static/../CMakeLists.txt")->status == 404);
}

TEST_CASE("no edition yet: 503, not a crash") {
  TempDir tmp;
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  const auto res = c.Get("/");
  REQUIRE(res);
  CHECK(res->status == 503);
}

TEST_CASE("an edition switch while requests are running fails none") {
  Fixture f;
  const auto content = f.tmp.path() / "content";
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, requests{0}, saw_new{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      auto c = f.server->client();
      while (!stop) {
        const auto res = c.Get("/api/search?q=ho+so+moi");
        ++requests;
        if (!res || res->status != 200) {
          ++failures;
          continue;
        }
        if (json::parse(res->body)["total"].get<int>() > 0) ++saw_new;
      }
    });
  }
  // Stops and joins the clients on every way out, a failed REQUIRE included.
  struct JoinClients {
    std::atomic<bool>& stop;
    std::vector<std::thread>& clients;
    ~JoinClients() {
      stop = true;
      for (auto& t : clients) t.join();
    }
  } join_clients{stop, clients};
  auto c = f.server->client();
  const auto served_edition = [&] {
    const auto res = c.Get("/healthz");
    return res && res->status == 200 ? json::parse(res->body).value("edition", "") : "";
  };
  // Publish three editions while the clients run; the last adds a document.
  // Each switch is waited for, with requests running across it.
  for (int i = 0; i < 3; ++i) {
    if (i == 2) {
      write_file(content / "moi/them.md",
                 content_file("title: Hồ sơ mới\ndepartment: Văn phòng HĐND và UBND\n",
                              "Hồ sơ mới được bổ sung.\n"));
    }
    const std::string edition = build(content, f.tmp.path() / "index").edition_id;
    CAPTURE(edition);
    REQUIRE_MESSAGE(wait_until([&] { return served_edition() == edition; }, 10s),
                    "the server did not switch to the new edition within 10 s");
    const int before = requests;
    REQUIRE_MESSAGE(wait_until([&] { return requests >= before + 8; }, 10s),
                    "the clients made no progress after the switch");
  }
  CHECK_MESSAGE(wait_until([&] { return saw_new > 0; }, 10s),
                "no client found the document of the last edition");
  stop = true;
  CHECK(requests > 20);
  CHECK(failures == 0);
}
