// A document replaced only through another document's `thay_the`: its
// stored status and dates (what the hieu-luc filter, browse badges and the
// status facet read) agree with its page, follow the replacing document's
// `effective` date on the clock, and stay right through incremental builds
// and quick publishes (relation_links.h apply_derived_replacements()).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

void write_old(const fs::path& content, const std::string& body = "Quy định về lưu trữ hồ sơ.\n") {
  write_file(content / "cu.md", content_file("title: Quy định cũ\ndepartment: Phòng Tư pháp\n"
                                             "number: 3/2020/QĐ-UBND\neffective: 2020-01-01\n",
                                             body));
}

// The replacing document, in force from 01/01/2027; `replaces` false: the
// same document without its thay_the.
void write_new(const fs::path& content, bool replaces) {
  write_file(content / "moi.md",
             content_file("title: Quy định mới\ndepartment: Phòng Tư pháp\n"
                          "number: 12/2026/QĐ-UBND\neffective: 2027-01-01\n" +
                              std::string(replaces ? "thay_the: 3/2020/QĐ-UBND\n" : ""),
                          "Quy định mới về lưu trữ hồ sơ điện tử.\n"));
}

// Whether the search `query` (URL-encoded) lists the old document.
bool finds_old(const TestServer& server, const std::string& query) {
  return contains(get_ok(server, "/search?q=" + query), "href=\"/doc/cu?");
}

// The old document's entry on its department's browse page.
std::string browse_entry(const TestServer& server) {
  const std::string page = get_ok(server, "/don-vi/phong-tu-phap");
  const std::size_t at = page.find("href=\"/doc/cu\"");
  if (at == std::string::npos) return {};
  return page.substr(at, page.find("</li>", at) - at);
}

// The old document as the filters, the browse page and its page see it on `today`.
void check_old_on(const fs::path& index, const std::string& today, bool expired) {
  CAPTURE(today);
  CAPTURE(expired);
  const auto server = server_on_day(index, today);
  CHECK(finds_old(*server, "luu+tru+hieu-luc:het") == expired);
  CHECK(finds_old(*server, "luu+tru+hieu-luc:con") == !expired);
  CHECK(contains(browse_entry(*server),
                 expired ? "Hết hiệu lực toàn bộ</span>" : "Còn hiệu lực</span>"));
  const std::string page = get_ok(*server, "/doc/cu");
  CHECK(contains(page, expired ? "<dd>Hết hiệu lực toàn bộ</dd>" : "<dd>Còn hiệu lực</dd>"));
}

}  // namespace

TEST_CASE("replaced by another's thay_the: filters and badges follow the replacement's date") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  const fs::path index = tmp.path() / "index";
  write_old(content);
  write_new(content, true);
  REQUIRE(build(content, index).published);

  check_old_on(index, "2026-12-31", false);
  check_old_on(index, "2027-01-01", true);
  const auto before = server_on_day(index, "2026-12-31");
  CHECK(contains(get_ok(*before, "/doc/cu"),
                 "Còn hiệu lực</strong> — hết hiệu lực từ ngày <time>01/01/2027</time>"));
  const auto after = server_on_day(index, "2027-01-01");
  CHECK(contains(get_ok(*after, "/doc/cu"),
                 "Hết hiệu lực từ ngày <time>01/01/2027</time></strong> — thay thế bởi "
                 "<a href=\"/doc/moi\">12/2026/QĐ-UBND</a>"));
  // The status facet counts it where the filter finds it.
  CHECK(contains(get_ok(*after, "/search?q=luu+tru"), "Hết hiệu lực toàn bộ"));
  CHECK_FALSE(contains(get_ok(*before, "/search?q=luu+tru"), "Hết hiệu lực toàn bộ"));
}

TEST_CASE("a thay_the added or removed re-indexes the document it names, quick publish keeps it") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  const fs::path index = tmp.path() / "index";
  write_old(content);
  write_new(content, false);
  REQUIRE(build(content, index).published);
  check_old_on(index, "2027-06-01", false);

  // Only the replacing document's file changes; the old one is re-indexed too.
  write_new(content, true);
  const BuildReport added = build(content, index);
  REQUIRE(added.published);
  CHECK(added.incremental);
  CHECK(added.reindexed == 2);
  check_old_on(index, "2027-06-01", true);
  // What's new lists it as replaced, linking the replacing document.
  const std::string news = get_ok(*server_on_day(index, "2027-06-01"), "/van-ban-moi");
  CHECK(contains(news, "Bị thay thế</span>\n        <a href=\"/doc/cu\">Quy định cũ</a>"));
  CHECK(contains(news, "thay thế bởi <a href=\"/doc/moi\">12/2026/QĐ-UBND</a>"));

  // An edit to the old document's body alone takes the quick path and keeps the replacement.
  write_old(content, "Quy định về lưu trữ hồ sơ giấy.\n");
  const BuildReport edited = build(content, index);
  REQUIRE(edited.published);
  CHECK(edited.quick);
  check_old_on(index, "2027-06-01", true);
  check_old_on(index, "2026-06-01", false);

  write_new(content, false);
  const BuildReport removed = build(content, index);
  REQUIRE(removed.published);
  CHECK(removed.incremental);
  CHECK(removed.reindexed == 2);
  check_old_on(index, "2027-06-01", false);
}
