// Validity over time (validity.h): the statuses front matter accepts, the
// checks of dates and articles, the status on a day, and the search filter
// and facet on a real index with the day moved (never waited for).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <xapian.h>

#include "edition.h"
#include "front_matter.h"
#include "searcher.h"
#include "test_support.h"
#include "validity.h"

using namespace sotay;
using namespace sotay::test;

namespace {

ParsedFile parse(const std::string& fields, std::vector<ContentError>& errors) {
  return parse_content_file("p/a.md", "---\ntitle: T\ndepartment: D\n" + fields + "---\nx\n",
                            errors);
}

}  // namespace

TEST_CASE("status spellings: the national database's names and the old English codes") {
  struct Row {
    const char* written;
    const char* code;
  };
  const Row rows[] = {
      {"in-force", "in-force"},
      {"expired", "expired"},
      {"còn hiệu lực", "in-force"},
      {"Còn hiệu lực", "in-force"},
      {"con hieu luc", "in-force"},
      {"chưa có hiệu lực", "not-yet-in-force"},
      {"hết hiệu lực toàn bộ", "expired"},
      {"hết hiệu lực", "expired"},
      {"hết hiệu lực một phần", "partly-expired"},
      {"ngưng hiệu lực", "suspended"},
      {"not-yet-in-force", "not-yet-in-force"},
      {"suspended", "suspended"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.written);
    std::vector<ContentError> errors;
    const std::string extra =
        std::string(row.code) == "partly-expired" ? "expired_articles: [5, 7]\n" : "";
    const ParsedFile f = parse("status: " + std::string(row.written) + "\n" + extra, errors);
    CHECK(errors.empty());
    CHECK(f.meta.status == row.code);
  }
}

TEST_CASE("bad validity fields are refused at their line, saying what to write") {
  struct Row {
    const char* name;
    std::string fields;
    int line;
    const char* message_part;
  };
  const Row rows[] = {
      {"unknown status", "status: đang áp dụng\n", 4, "hết hiệu lực một phần"},
      {"expires before effective", "effective: 2026-03-01\nexpires: 2026-02-01\n", 5,
       "ngày hết hiệu lực 01/02/2026 không sau ngày có hiệu lực 01/03/2026"},
      {"expires on effective", "effective: 2026-03-01\nexpires: 2026-03-01\n", 5,
       "phải sau ngày có hiệu lực"},
      {"expires before effective, reversed order", "expires: 2026-02-01\neffective: 2026-03-01\n",
       4, "\"expires\""},
      {"bad expires date", "expires: 2026-02-30\n", 4, "ngày không hợp lệ \"2026-02-30\""},
      {"partly without articles", "status: hết hiệu lực một phần\n", 4, "expired_articles"},
      {"articles without partly", "expired_articles: [5]\n", 4, "hết hiệu lực một phần"},
      {"article not a number", "status: hết hiệu lực một phần\nexpired_articles: [năm]\n", 5,
       "không phải là số điều"},
      {"superseded without expiry", "superseded_by: 30/2020/NĐ-CP\n", 1, "expires"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    std::vector<ContentError> errors;
    parse(row.fields, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "p/a.md");
    CHECK(errors[0].line == row.line);
    CHECK(contains(errors[0].message, row.message_part));
  }
}

TEST_CASE("expired articles and expires are read") {
  std::vector<ContentError> errors;
  const ParsedFile f = parse(
      "effective: 2026-01-01\nexpires: 2027-01-01\nstatus: hết hiệu lực một phần\n"
      "expired_articles: [5, Điều 7, 12a]\n",
      errors);
  REQUIRE(errors.empty());
  CHECK(f.meta.expires == "2027-01-01");
  CHECK(f.meta.expired_articles == std::vector<std::string>{"5", "7", "12a"});
  // A replacement with the day it takes effect: valid without status.
  parse("superseded_by: 30/2020/NĐ-CP\nexpires: 2027-01-01\n", errors);
  CHECK(errors.empty());
}

TEST_CASE("the status on a day: before effective, on the day, after expires") {
  using V = Validity;
  struct Row {
    V stored;
    const char* effective;
    const char* expires;
    const char* today;
    V expected;
  };
  const Row rows[] = {
      {V::IN_FORCE, "2027-01-01", "", "2026-12-31", V::NOT_YET_IN_FORCE},
      {V::IN_FORCE, "2027-01-01", "", "2027-01-01", V::IN_FORCE},  // on the day
      {V::IN_FORCE, "2027-01-01", "", "2027-06-01", V::IN_FORCE},
      {V::IN_FORCE, "2020-01-01", "2027-01-01", "2026-12-31", V::IN_FORCE},
      {V::IN_FORCE, "2020-01-01", "2027-01-01", "2027-01-01", V::EXPIRED},  // from expires
      {V::IN_FORCE, "", "", "2027-01-01", V::IN_FORCE},
      {V::EXPIRED, "2030-01-01", "", "2027-01-01", V::EXPIRED},
      {V::SUSPENDED, "", "2020-01-01", "2027-01-01", V::SUSPENDED},
      {V::PARTLY_EXPIRED, "2020-01-01", "", "2027-01-01", V::PARTLY_EXPIRED},
      {V::PARTLY_EXPIRED, "2028-01-01", "", "2027-01-01", V::NOT_YET_IN_FORCE},
      {V::PARTLY_EXPIRED, "", "2027-01-01", "2027-01-01", V::EXPIRED},
      {V::NOT_YET_IN_FORCE, "", "", "2027-01-01", V::NOT_YET_IN_FORCE},
      {V::NOT_YET_IN_FORCE, "2027-01-01", "", "2027-01-01", V::IN_FORCE},
  };
  for (const Row& row : rows) {
    CAPTURE(validity_code(row.stored));
    CAPTURE(row.effective);
    CAPTURE(row.expires);
    CAPTURE(row.today);
    CHECK(validity_code(validity_on(row.stored, {row.effective, row.expires}, row.today)) ==
          validity_code(row.expected));
  }
}

TEST_CASE("today is Hà Nội's date, and can be fixed for tests") {
  using namespace std::chrono;
  // 2026-12-31 17:00 UTC is already 2027-01-01 00:00 in Hà Nội.
  const auto t = sys_days{year{2026} / 12 / 31} + hours(17);
  CHECK(hanoi_date(t) == "2027-01-01");
  CHECK(hanoi_date(t - seconds(1)) == "2026-12-31");
  CHECK(today_date("2030-05-06") == "2030-05-06");
  CHECK(is_iso_date(today_date()));
}

TEST_CASE("the hieu-luc filter and status facet follow the day asked, on one edition") {
  TempDir tmp;
  const auto doc = [&](const std::string& name, const std::string& fields) {
    write_file(tmp.path() / "c" / (name + ".md"),
               content_file("title: Quy định " + name + "\ndepartment: Văn phòng\n" + fields,
                            "Quy định về lưu trữ hồ sơ.\n"));
  };
  doc("cu", "effective: 2020-01-01\n");
  doc("moi", "effective: 2027-01-01\n");
  doc("het-han", "effective: 2020-01-01\nexpires: 2027-01-01\n");
  doc("bai-bo", "status: hết hiệu lực\n");
  doc("mot-phan", "status: hết hiệu lực một phần\nexpired_articles: [2]\n");
  doc("ngung", "status: ngưng hiệu lực\n");
  REQUIRE(build(tmp.path() / "c", tmp.path() / "i").published);
  Searcher s(Xapian::Database(current_edition(tmp.path() / "i")->string()));
  const auto ids = [&](const std::string& status, const std::string& today) {
    SearchRequest r;
    r.query = "lưu trữ hieu-luc:" + status;
    r.today = today;
    r.limit = 20;
    r.group = true;
    std::vector<std::string> out;
    for (const DocumentHit& d : s.search(r).documents) out.push_back(d.best.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  using L = std::vector<std::string>;
  CHECK(ids("con", "2026-12-31") == L{"cu", "het-han"});
  CHECK(ids("chua", "2026-12-31") == L{"moi"});
  CHECK(ids("het", "2026-12-31") == L{"bai-bo"});
  CHECK(ids("mot-phan", "2026-12-31") == L{"mot-phan"});
  CHECK(ids("ngung", "2026-12-31") == L{"ngung"});
  // The clock moved to the new year: the same edition, other answers.
  CHECK(ids("con", "2027-01-01") == L{"cu", "moi"});
  CHECK(ids("chua", "2027-01-01").empty());
  CHECK(ids("het", "2027-01-01") == L{"bai-bo", "het-han"});
  // The old English filter values still work.
  CHECK(ids("in-force", "2027-01-01") == L{"cu", "moi"});
  CHECK(ids("expired", "2027-01-01") == L{"bai-bo", "het-han"});

  SearchRequest r;
  r.query = "lưu trữ";
  r.facets = true;
  r.today = "2026-12-31";
  const auto count = [&](const std::string& slug) {
    for (const FacetCounts& f : s.search(r).facets) {
      if (f.name != "status") continue;
      for (const FacetValue& v : f.values) {
        if (v.slug == slug) return v.count;
      }
    }
    return std::size_t{0};
  };
  CHECK(count("con") == 2);
  CHECK(count("chua") == 1);
  CHECK(count("het") == 1);
  r.today = "2027-01-01";
  CHECK(count("con") == 2);
  CHECK(count("chua") == 0);
  CHECK(count("het") == 2);
}
