// Finding things over HTTP: facets, sort, chips, suggestions, OpenSearch,
// highlights and bad input (server/handlers_search.cc).
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

namespace {

using Fixture = ServedFixture;

json get_json(httplib::Client& c, const std::string& url) {
  const auto res = c.Get(url.c_str());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body);
}

std::size_t facet_count(const json& facets, const std::string& name, const std::string& slug) {
  for (const json& v : facets.at(name)) {
    if (v.at("slug") == slug) return v.at("count").get<std::size_t>();
  }
  return 0;
}

// Positions of result document links in a results page, in order.
std::vector<std::string> result_docs(const std::string& body) {
  std::vector<std::string> out;
  const std::regex title(R"(class="result-title"><a href="(/doc/[^"?#]+))");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), title);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("facets count documents, not sections") {
  Fixture f;
  auto c = f.server->client();
  const json r = get_json(c, "/api/search?q=van+thu&limit=100");
  std::set<std::string> docs;
  for (const json& h : r["hits"]) {
    if (h["department"] == "Văn phòng HĐND và UBND") docs.insert(h["id"].get<std::string>());
  }
  REQUIRE(r["hits"].size() > docs.size());  // several sections of one document matched
  CHECK(facet_count(r["facets"], "department", "van-phong-hdnd-va-ubnd") == docs.size());
  CHECK(facet_count(r["facets"], "year", "2020") == 1);
  CHECK(facet_count(r["facets"], "status", "het") == 1);
  for (const char* name : {"department", "field", "type", "year", "status"}) {
    CHECK(r["facets"].contains(name));
  }
  // The results page shows the same counts and an exact total.
  const auto page = c.Get("/search?q=van+thu&don-vi=van-phong-hdnd-va-ubnd");
  REQUIRE(page);
  CHECK(contains(page->body, "Khoảng <strong>" + std::to_string(docs.size()) + "</strong>"));
}

TEST_CASE("facet parameters narrow like filters, chips remove them") {
  Fixture f;
  auto c = f.server->client();
  const json all = get_json(c, "/api/search?q=van+thu&limit=100");
  const json narrowed = get_json(c, "/api/search?q=van+thu&limit=100&hieu-luc=het");
  REQUIRE(narrowed["hits"].size() > 0);
  CHECK(narrowed["hits"].size() < all["hits"].size());
  for (const json& h : narrowed["hits"]) CHECK(h["status"] == "expired");

  const auto res = c.Get("/search?q=van+thu&loai=nghi-dinh&nam=2020&sort=ten");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(result_docs(res->body) == std::vector<std::string>{"/doc/van-phong/the-thuc"});
  // Chips: each one removes its filter and keeps the rest of the state.
  CHECK(contains(res->body, "<span class=\"chip-key\">Loại văn bản:</span> Nghị định"));
  CHECK(contains(res->body, "href=\"/search?q=van+thu&amp;nam=2020&amp;sort=ten\""));
  CHECK(contains(res->body, "href=\"/search?q=van+thu&amp;loai=nghi-dinh&amp;sort=ten\""));
  // Facet links keep the query and the sort, and go back to page 1.
  CHECK(contains(res->body, "aria-current=\"true\" title=\"Bỏ chọn\""));

  // Filters alone browse (no query).
  const auto browse = c.Get("/search?don-vi=phong-van-hoa-xa-hoi");
  REQUIRE(browse);
  CHECK(browse->status == 200);
  CHECK(result_docs(browse->body) == std::vector<std::string>{"/doc/van-hoa/thu-phi"});
}

TEST_CASE("sort orders: relevance, newest, title") {
  Fixture f;
  auto c = f.server->client();
  const auto newest = c.Get("/search?q=van+thu&sort=moi-nhat");
  const auto by_title = c.Get("/search?q=van+thu&sort=ten");
  REQUIRE(newest);
  REQUIRE(by_title);
  const auto n = result_docs(newest->body);
  const auto t = result_docs(by_title->body);
  auto pos = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) - v.begin();
  };
  // Thể thức (2020) is newer than Công tác văn thư (2004); "Công…" < "Thể…".
  CHECK(pos(n, "/doc/van-phong/the-thuc") < pos(n, "/doc/van-phong/van-thu-cu"));
  CHECK(pos(t, "/doc/van-phong/van-thu-cu") < pos(t, "/doc/van-phong/the-thuc"));
  CHECK(
      contains(newest->body, "<span class=\"sort-current\" aria-current=\"true\">Mới nhất</span>"));
}

TEST_CASE("/api/suggest: list and OpenSearch formats") {
  Fixture f;
  auto c = f.server->client();
  const json numbers = get_json(c, "/api/suggest?q=30%2F20");
  REQUIRE(numbers.is_array());
  REQUIRE(!numbers.empty());
  CHECK(numbers[0]["text"] == "30/2020/NĐ-CP");
  CHECK(numbers[0]["kind"] == "number");
  const auto os = c.Get("/api/suggest?format=opensearch&q=30%2F20");
  REQUIRE(os);
  CHECK(os->get_header_value("Content-Type") == "application/x-suggestions+json; charset=utf-8");
  const json arr = json::parse(os->body);
  CHECK(arr[0] == "30/20");
  CHECK(arr[1][0] == "30/2020/NĐ-CP");
  CHECK(get_json(c, "/api/suggest?q=").empty());
  CHECK(get_json(c, "/api/suggest").empty());
  for (const char* bad : {"/api/suggest?q=a&limit=x", "/api/suggest?q=a&limit=99"}) {
    CAPTURE(bad);
    const auto res = c.Get(bad);
    REQUIRE(res);
    CHECK(res->status == 400);
  }
  const auto too_long = c.Get(("/api/suggest?q=" + std::string(1001, 'a')).c_str());
  REQUIRE(too_long);
  CHECK(too_long->status == 400);
}

TEST_CASE("/opensearch.xml describes search and suggestions, every page links it") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/opensearch.xml");
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type") ==
        "application/opensearchdescription+xml; charset=utf-8");
  CHECK(contains(res->body, "template=\"http://127.0.0.1:" + std::to_string(f.server->port()) +
                                "/search?q={searchTerms}\""));
  CHECK(contains(res->body, "/api/suggest?format=opensearch&amp;q={searchTerms}"));
  // A Host header that is not a host name is not echoed.
  const auto evil = c.Get("/opensearch.xml", {{"Host", "a\"><x>"}});
  REQUIRE(evil);
  CHECK_FALSE(contains(evil->body, "<x>"));
  CHECK(contains(evil->body, "http://localhost/search"));
  for (const char* page : {"/", "/search?q=van+thu", "/doc/van-phong/the-thuc"}) {
    CAPTURE(page);
    const auto p = c.Get(page);
    REQUIRE(p);
    CHECK(contains(p->body, "<link rel=\"search\" type=\"application/opensearchdescription+xml\""));
    CHECK(contains(p->body, "<script src=\"/static/search.js\" defer></script>"));
  }
}

TEST_CASE("results link to their section with the query, the page highlights it") {
  Fixture f;
  auto c = f.server->client();
  const auto res = c.Get("/search?q=ph%C3%B4ng+ch%E1%BB%AF");
  REQUIRE(res);
  CHECK(contains(res->body,
                 "href=\"/doc/van-phong/the-thuc?q=ph%C3%B4ng+ch%E1%BB%AF#dieu-5-phong-chu\""));
  const auto doc = c.Get("/doc/van-phong/the-thuc?q=ph%C3%B4ng+ch%E1%BB%AF");
  REQUIRE(doc);
  CHECK(contains(doc->body, "<mark>Phông</mark> <mark>chữ</mark>"));
  CHECK(contains(doc->body, "class=\"highlight-note\""));
  // Never inside a tag: no "<mark>" between '<' and '>'.
  CHECK_FALSE(std::regex_search(doc->body, std::regex("<[^>]*<mark>")));
  const auto plain = c.Get("/doc/van-phong/the-thuc");
  REQUIRE(plain);
  CHECK_FALSE(contains(plain->body, "<mark>"));
  const auto number = c.Get("/doc/van-phong/van-thu-cu?q=30%2F2020%2FN%C4%90-CP");
  REQUIRE(number);
  CHECK(contains(number->body, "<mark>30/2020/NĐ-CP</mark>"));
}

TEST_CASE("markup in every parameter is escaped wherever it is echoed") {
  Fixture f;
  auto c = f.server->client();
  const std::string probes[] = {"%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                                "%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"};
  const char* params[] = {"q", "page", "sort", "don-vi", "linh-vuc", "loai", "nam", "hieu-luc"};
  for (const std::string& p : probes) {
    std::vector<std::string> urls;
    for (const char* name : params) {
      urls.push_back(std::string("/search?") + (std::string(name) == "q" ? "" : "q=van+thu&") +
                     name + "=" + p);
    }
    urls.push_back("/search?q=" + p + "&don-vi=" + p + "&linh-vuc=" + p + "&nam=" + p);
    urls.push_back("/doc/van-phong/the-thuc?q=" + p);
    urls.push_back("/api/suggest?q=" + p);
    urls.push_back("/api/search?q=" + p + "&loai=" + p);
    for (const std::string& url : urls) {
      CAPTURE(url);
      const auto res = c.Get(url.c_str());
      REQUIRE(res);
      CHECK(res->status < 500);
      if (url.rfind("/api/", 0) == 0) {  // JSON echoes the string as data, never as HTML
        CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
        continue;
      }
      CHECK_FALSE(contains(res->body, "<script>alert"));
      CHECK_FALSE(contains(res->body, "<img src"));
      CHECK_FALSE(contains(res->body, "\"><img"));
    }
  }
  // The chip shows the value, escaped.
  const auto chip = c.Get("/search?q=van+thu&don-vi=%3Cb%3Ex%3C%2Fb%3E");
  REQUIRE(chip);
  CHECK(chip->status == 200);
  CHECK(contains(chip->body, "&lt;b&gt;x&lt;/b&gt;"));
}

TEST_CASE("bad pages, unknown facet values, repeated parameters: a page or a 400") {
  Fixture f;
  auto c = f.server->client();
  struct Case {
    const char* url;
    int status;
    const char* expect;  // in the body
  };
  const Case cases[] = {
      {"/search?q=van+thu&page=0", 400, "Số trang không hợp lệ"},
      {"/search?q=van+thu&page=-1", 400, "Số trang không hợp lệ"},
      {"/search?q=van+thu&page=abc", 400, "Số trang không hợp lệ"},
      {"/search?q=van+thu&page=1001", 400, "Số trang không hợp lệ"},
      {"/search?q=van+thu&page=99", 200, "Không còn kết quả ở trang 99"},
      {"/search?q=van+thu&don-vi=khong-co", 200, "Không tìm thấy văn bản phù hợp"},
      {"/search?q=van+thu&don-vi=van", 200, "Không tìm thấy văn bản phù hợp"},  // exact slugs
      {"/search?q=van+thu&hieu-luc=xyz", 200, "Không tìm thấy văn bản phù hợp"},
      {"/search?q=van+thu&nam=abc", 200, "Không tìm thấy văn bản phù hợp"},
      {"/search?q=van+thu&sort=xyz", 200,
       "<span class=\"sort-current\" aria-current=\"true\">Phù hợp nhất"},
      {"/search?q=van+thu&q=zzz&page=1&page=2", 200, "Thể thức văn bản hành chính"},
      {"/search?q=van+thu&hieu-luc=het&hieu-luc=con", 200, "Công tác văn thư (văn bản cũ)"},
      {"/search?q=&don-vi=", 302, ""},
      {"/api/search?q=van+thu&don-vi=khong-co", 200, "\"total\":0"},
  };
  for (const Case& k : cases) {
    CAPTURE(k.url);
    const auto res = c.Get(k.url);
    REQUIRE(res);
    CHECK(res->status == k.status);
    CHECK(contains(res->body, k.expect));
  }
  const auto long_facet = c.Get(("/search?q=van+thu&don-vi=" + std::string(5000, 'a')).c_str());
  REQUIRE(long_facet);
  CHECK(long_facet->status == 200);
}

TEST_CASE("nothing found: spelling suggestion, relaxed results labelled, browse links") {
  Fixture f;
  auto c = f.server->client();
  const auto none = c.Get("/search?q=zzzkhongco");
  REQUIRE(none);
  CHECK(contains(none->body, "class=\"browse-departments\""));
  CHECK(contains(none->body, "href=\"/don-vi/van-phong-hdnd-va-ubnd\""));
  const auto relaxed = c.Get("/search?q=phong+chu+zzzkhongco");
  REQUIRE(relaxed);
  CHECK(contains(relaxed->body, "Kết quả gần đúng."));
  CHECK(contains(relaxed->body, "/doc/van-phong/the-thuc"));
  const auto spelling = c.Get("/search?q=phongg+chu");
  REQUIRE(spelling);
  CHECK(contains(spelling->body, "class=\"did-you-mean"));
}
