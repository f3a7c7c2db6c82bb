// Validity over time and what's new on the real server: the same edition
// served with the clock moved (--today), /van-ban-moi after two builds, and
// the Atom feed validated against RFC 4287 (tests/fixtures/atom.rng).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

void doc(const fs::path& content, const std::string& name, const std::string& fields,
         const std::string& body = "Quy định về lưu trữ hồ sơ.\n") {
  write_file(
      content / (name + ".md"),
      content_file("title: Quy định " + name + "\ndepartment: Phòng Tư pháp\n" + fields, body));
}

// The document ids a filtered search finds, in the result page's links.
bool finds(const TestServer& server, const std::string& query, const std::string& id) {
  return contains(get_ok(server, "/search?q=" + query), "href=\"/doc/" + id + "?");
}

// The <li> of a list that links to /doc/<id>, up to its end.
std::string list_entry(const std::string& page, const std::string& id) {
  const std::size_t at = page.find("href=\"/doc/" + id + "\"");
  if (at == std::string::npos) return {};
  return page.substr(at, page.find("</li>", at) - at);
}

// The heading and metadata of a document of /so-tay, up to its body.
std::string book_entry(const std::string& page, const std::string& title) {
  const std::size_t at = page.find(title + "</h3>");
  if (at == std::string::npos) return {};
  return page.substr(at, page.find("<div class=\"doc-body\">", at) - at);
}

}  // namespace

TEST_CASE("browse pages and /so-tay show the status on today, the clock moved, no rebuild") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  doc(content, "moi", "number: 12/2026/QĐ-UBND\neffective: 2027-01-01\nfield: Hộ tịch\n");
  doc(content, "cu",
      "number: 3/2020/QĐ-UBND\neffective: 2020-01-01\nexpires: 2027-01-01\nfield: Hộ tịch\n");
  REQUIRE(build(content, tmp.path() / "index").published);
  const char* pages[] = {"/don-vi/phong-tu-phap", "/linh-vuc/ho-tich"};
  {
    const auto before = server_on_day(tmp.path() / "index", "2026-12-31");
    for (const char* path : pages) {
      CAPTURE(path);
      const std::string page = get_ok(*before, path);
      CHECK(contains(list_entry(page, "moi"), "Chưa có hiệu lực</span>"));
      CHECK(contains(list_entry(page, "cu"), "Còn hiệu lực</span>"));
    }
    const std::string book = get_ok(*before, "/so-tay");
    CHECK(contains(book_entry(book, "Quy định moi"), "Chưa có hiệu lực</span>"));
    CHECK(contains(book_entry(book, "Quy định moi"),
                   "Văn bản chưa có hiệu lực: có hiệu lực từ ngày 01/01/2027."));
    CHECK(contains(book_entry(book, "Quy định cu"), "Còn hiệu lực</span>"));
    CHECK_FALSE(contains(book_entry(book, "Quy định cu"), "Văn bản đã hết hiệu lực"));
  }
  {
    const auto after = server_on_day(tmp.path() / "index", "2027-01-01");
    for (const char* path : pages) {
      CAPTURE(path);
      const std::string page = get_ok(*after, path);
      CHECK(contains(list_entry(page, "moi"), "Còn hiệu lực</span>"));
      CHECK(contains(list_entry(page, "cu"), "Hết hiệu lực toàn bộ</span>"));
      CHECK(contains(page, "<li class=\"expired\">"));
    }
    const std::string book = get_ok(*after, "/so-tay");
    CHECK(contains(book_entry(book, "Quy định moi"), "Còn hiệu lực</span>"));
    CHECK_FALSE(contains(book_entry(book, "Quy định moi"), "chưa có hiệu lực"));
    CHECK(contains(book_entry(book, "Quy định cu"), "Văn bản đã hết hiệu lực"));
  }
}

TEST_CASE("the same edition, the clock moved: not yet in force, then in force") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  doc(content, "moi", "number: 12/2026/QĐ-UBND\neffective: 2027-01-01\n");
  doc(content, "cu",
      "number: 3/2020/QĐ-UBND\neffective: 2020-01-01\nexpires: 2027-01-01\n"
      "superseded_by: 12/2026/QĐ-UBND\n");
  doc(content, "mot-phan",
      "number: 7/2021/QĐ-UBND\nstatus: hết hiệu lực một phần\nexpired_articles: [2]\n");
  REQUIRE(build(content, tmp.path() / "index").published);
  {
    const auto before = server_on_day(tmp.path() / "index", "2026-12-31");
    const std::string page = get_ok(*before, "/doc/moi");
    CHECK(
        contains(page, "Chưa có hiệu lực</strong> — có hiệu lực từ ngày <time>01/01/2027</time>"));
    CHECK(contains(page, "<dd>Chưa có hiệu lực</dd>"));
    const std::string old = get_ok(*before, "/doc/cu");
    CHECK(contains(old, "Còn hiệu lực</strong> — hết hiệu lực từ ngày <time>01/01/2027</time>"));
    CHECK_FALSE(finds(*before, "luu+tru+hieu-luc:con", "moi"));
    CHECK(finds(*before, "luu+tru+hieu-luc:chua", "moi"));
    CHECK(finds(*before, "luu+tru+hieu-luc:con", "cu"));
    const std::string partly = get_ok(*before, "/doc/mot-phan");
    CHECK(contains(partly, "Hết hiệu lực một phần</strong>"));
    CHECK(contains(partly, "href=\"/so/7/2021/Q%C4%90-UBND?dieu=2\""));
  }
  {
    const auto after = server_on_day(tmp.path() / "index", "2027-01-01");
    const std::string page = get_ok(*after, "/doc/moi");
    CHECK_FALSE(contains(page, "Chưa có hiệu lực"));
    CHECK(contains(page, "<dd>Còn hiệu lực</dd>"));
    const std::string old = get_ok(*after, "/doc/cu");
    CHECK(contains(old,
                   "Hết hiệu lực từ ngày <time>01/01/2027</time></strong> — thay thế bởi "
                   "<a href=\"/so/12/2026/Q%C4%90-UBND\">12/2026/QĐ-UBND</a>"));
    CHECK(finds(*after, "luu+tru+hieu-luc:con", "moi"));
    CHECK_FALSE(finds(*after, "luu+tru+hieu-luc:con", "cu"));
    CHECK(finds(*after, "luu+tru+hieu-luc:het", "cu"));
    // The facet link of the page follows the same day.
    CHECK(contains(get_ok(*after, "/search?q=luu+tru"), "Hết hiệu lực toàn bộ"));
  }
}

TEST_CASE("/van-ban-moi and its Atom feed after two builds") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  const fs::path index = tmp.path() / "index";
  doc(content, "giu", "number: 1/2020/QĐ-UBND\n");
  doc(content, "sua", "number: 2/2020/QĐ-UBND\n");
  doc(content, "bo", "number: 3/2020/QĐ-UBND\n");
  doc(content, "cu", "number: 4/2020/QĐ-UBND\n");
  REQUIRE(build(content, index).published);
  doc(content, "them", "number: 5/2026/QĐ-UBND\n");
  doc(content, "sua", "number: 2/2020/QĐ-UBND\n", "Quy định mới về lưu trữ hồ sơ điện tử.\n");
  fs::remove(content / "bo.md");
  doc(content, "cu",
      "number: 4/2020/QĐ-UBND\nsuperseded_by: 5/2026/QĐ-UBND\nexpires: 2026-06-01\n");
  REQUIRE(build(content, index).published);

  const auto server = server_on_day(index, "2026-12-05");
  const std::string page = get_ok(*server, "/van-ban-moi");
  const auto at = [&](const std::string& s) { return page.find(s); };
  CHECK(contains(page, "1 văn bản mới, 1 sửa đổi, 1 bị thay thế, 1 gỡ bỏ"));
  CHECK(contains(page, "Văn bản mới</span>\n        <a href=\"/doc/them\">Quy định them</a>"));
  CHECK(contains(page, "Sửa đổi</span>\n        <a href=\"/doc/sua\">Quy định sua</a>"));
  CHECK(contains(page, "<span class=\"removed-title\">Quy định bo</span>"));
  CHECK(contains(page, "Bị thay thế</span>\n        <a href=\"/doc/cu\">Quy định cu</a>"));
  CHECK(contains(page, "thay thế bởi <a href=\"/so/5/2026/Q%C4%90-UBND\">5/2026/QĐ-UBND</a>"));
  CHECK(contains(page, "Phòng Tư pháp"));
  CHECK_FALSE(contains(page, "Quy định giu"));  // unchanged: not listed
  // Newest first: the second build before the first edition's record.
  CHECK(at("Quy định them") < at("Ấn bản đầu tiên được ghi lại: 4 văn bản"));

  const std::string home = get_ok(*server, "/");
  CHECK(contains(home,
                 "<link rel=\"alternate\" type=\"application/atom+xml\" "
                 "href=\"/van-ban-moi.atom\""));
  CHECK(contains(home, "Thay đổi gần đây"));
  CHECK(contains(home, "<a href=\"/doc/them\">Quy định them</a>"));
  CHECK(contains(get_ok(*server, "/doc/giu"), "href=\"/van-ban-moi.atom\""));

  auto c = server->client();
  const auto feed = c.Get("/van-ban-moi.atom", {{"Host", "sotay.phuong.gov.vn"}});
  REQUIRE(feed);
  CHECK(feed->status == 200);
  CHECK(feed->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
  const std::string& xml = feed->body;
  CHECK(contains(xml, "<id>http://sotay.phuong.gov.vn/van-ban-moi</id>"));
  CHECK(contains(xml,
                 "<link rel=\"self\" type=\"application/atom+xml\" "
                 "href=\"http://sotay.phuong.gov.vn/van-ban-moi.atom\"/>"));
  CHECK(contains(xml,
                 "<link rel=\"alternate\" type=\"text/html\" "
                 "href=\"http://sotay.phuong.gov.vn/van-ban-moi\"/>"));
  CHECK(contains(xml, "<title>Văn bản mới: Quy định them</title>"));
  CHECK(contains(xml, "href=\"http://sotay.phuong.gov.vn/doc/them\""));
  CHECK(contains(xml, "<author><name>Phòng Tư pháp</name></author>"));

  // Valid Atom: well-formed XML, and every element RFC 4287 requires.
  const fs::path file = tmp.path() / "feed.atom";
  write_file(file, xml);
  std::string out;
  const std::string schema = std::string(SOTAY_SOURCE_DIR) + "/tests/fixtures/atom.rng";
  const int status = run_command("xmllint --noout --relaxng " + schema + " " + file.string(), out);
  CAPTURE(out);
  CHECK(status == 0);
  CHECK(contains(out, "validates"));
  // The schema can fail: an entry without its summary does not validate.
  std::string broken = xml;
  const std::size_t summary = broken.find("<summary>");
  broken.erase(summary, broken.find("</summary>") + 10 - summary);
  write_file(file, broken);
  CHECK(run_command("xmllint --noout --relaxng " + schema + " " + file.string(), out) != 0);
}
