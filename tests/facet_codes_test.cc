// Facet codes (facet_codes.h): packing, the code table, and facet counts
// that agree however the edition was built — full, incremental, or before
// the codes existed.
#include <doctest/doctest.h>

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "facet_codes.h"
#include "index_contract.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

FrontMatter meta(const std::string& department, const std::string& issued = "2020-03-05") {
  FrontMatter m;
  m.department = department;
  m.field = "Văn thư";
  m.type = "Nghị định";
  m.issued = issued;
  m.status = "in-force";
  return m;
}

// "department/value=count …" for every facet of a search, in a fixed order.
std::string counts(Searcher& s, const std::string& q) {
  SearchRequest r;
  r.query = q;
  r.group = true;
  r.facets = true;
  std::string out;
  for (const FacetCounts& f : s.search(r).facets) {
    for (const FacetValue& v : f.values) {
      out += f.name + "/" + v.value + "=" + std::to_string(v.count) + " ";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("packed facet values round-trip, anything else is refused") {
  const FacetCodeList codes = {1, 65535, 0, 300, 2};
  const std::string packed = pack_facets(70000, codes);
  CHECK(packed.size() == 14);
  std::uint32_t section = 0;
  FacetCodeList back{};
  REQUIRE(unpack_facets(packed, section, back));
  CHECK(section == 70000);
  CHECK(back == codes);
  for (const std::string& bad : {std::string(), std::string("Văn phòng"), packed + "x"}) {
    CHECK_FALSE(unpack_facets(bad, section, back));
  }
}

TEST_CASE("the code table: sorted from documents, appended by add(), stored as JSON") {
  std::vector<Document> docs(2);
  docs[0].meta = meta("Văn phòng", "2021-01-01");
  docs[1].meta = meta("Tư pháp", "");
  FacetCodes codes = FacetCodes::from_documents(docs);
  CHECK(codes.size(0) == 2);
  CHECK(codes.value(0, 1) == "Tư pháp");  // byte order
  CHECK(codes.value(0, 2) == "Văn phòng");
  CHECK(codes.value(0, 3).empty());
  CHECK(codes.value(0, 0).empty());
  CHECK(codes.codes(docs[1].meta)[3] == 0);  // no year
  CHECK_THROWS_AS(codes.codes(meta("Công an")), std::logic_error);

  codes.add(meta("Công an"));  // after the others: written codes stay valid
  CHECK(codes.codes(meta("Công an"))[0] == 3);
  CHECK(codes.codes(docs[0].meta)[0] == 2);

  const auto again = FacetCodes::from_json(codes.to_json());
  REQUIRE(again);
  CHECK(again->to_json() == codes.to_json());
  for (const char* bad : {"", "[]", "{\"department\": [1]}", "{\"department\": []}", "nonsense"}) {
    CAPTURE(bad);
    CHECK_FALSE(FacetCodes::from_json(bad));
  }
}

TEST_CASE("facet counts agree for full and incremental builds and editions without codes") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "full");
  Xapian::Database full_db(current_edition(tmp.path() / "full")->string());
  Searcher full(full_db);
  const std::string expected = counts(full, "van thu");
  CHECK(contains(expected, "department/Văn phòng HĐND và UBND="));

  // An incremental build: a new department and a changed document, appended
  // after every other section.
  write_file(tmp.path() / "content/cong-an/moi.md",
             content_file("title: Văn thư của công an phường\ndepartment: Công an phường\n"
                          "issued: 2024-01-02\n",
                          "## Một\n\nCông tác văn thư.\n\n## Hai\n\nLưu trữ văn thư.\n"));
  build(tmp.path() / "content", tmp.path() / "full");
  build(tmp.path() / "content", tmp.path() / "fresh");  // full: no edition yet
  Xapian::Database inc_db(current_edition(tmp.path() / "full")->string());
  Xapian::Database fresh_db(current_edition(tmp.path() / "fresh")->string());
  Searcher incremental(inc_db), fresh(fresh_db);
  const std::string after = counts(fresh, "van thu");
  CHECK(contains(after, "department/Công an phường=1 "));
  CHECK(contains(after, "year/2024=1 "));
  CHECK(counts(incremental, "van thu") == after);

  // An edition built before the codes: counted from the display names.
  {
    Xapian::WritableDatabase w(current_edition(tmp.path() / "fresh")->string());
    w.set_metadata(std::string(contract::META_FACET_CODES), "");
    w.commit();
  }
  Xapian::Database old_db(current_edition(tmp.path() / "fresh")->string());
  Searcher old(old_db);
  CHECK(counts(old, "van thu") == after);
}

TEST_CASE("/api/search?facets=0 skips counting, other values are refused") {
  ServedFixture f;
  auto c = f.server->client();
  const auto with = c.Get("/api/search?q=van+thu");
  const auto without = c.Get("/api/search?q=van+thu&facets=0");
  const auto bad = c.Get("/api/search?q=van+thu&facets=yes");
  REQUIRE(with);
  REQUIRE(without);
  REQUIRE(bad);
  const auto a = nlohmann::json::parse(with->body);
  const auto b = nlohmann::json::parse(without->body);
  CHECK_FALSE(a["facets"]["department"].empty());
  CHECK(b["facets"]["department"].empty());
  CHECK(a["hits"] == b["hits"]);
  CHECK(bad->status == 400);
  CHECK(contains(bad->body, "facets"));
}
