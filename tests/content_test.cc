// The handbook's own content/: every file passes the indexer with no error,
// the first edition covers every department, and its citations link.
#include <doctest/doctest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "catalog.h"
#include "doc_number.h"
#include "edition.h"
#include "index_contract.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

TEST_CASE("every file of content/ passes the indexer with no error") {
  const std::filesystem::path content = std::filesystem::path(SOTAY_SOURCE_DIR) / "content";
  REQUIRE(std::filesystem::is_directory(content));
  TempDir tmp;
  const BuildReport report = build(content, tmp.path() / "index");
  for (const ContentError& e : report.errors) MESSAGE(e.to_string());
  CHECK(report.errors.empty());
  CHECK(report.published);
  CHECK(report.documents >= 40);

  Xapian::Database db(current_edition(tmp.path() / "index")->string());
  const json edition = json::parse(db.get_metadata(std::string(contract::META_EDITION)));
  CHECK(edition["departments"].size() >= 5);
  CHECK(edition["site"]["ward_name"] == "UBND phường Việt Hưng");

  // Every document has its legal basis cited by number, and every number a
  // document has is the target of /so/<number>.
  const json ids = json::parse(db.get_metadata(std::string(contract::META_DOCUMENTS)));
  std::size_t citing = 0;
  for (const json& id : ids) {
    const json doc = json::parse(
        db.get_metadata(std::string(contract::META_DOC_PREFIX) + id.get<std::string>()));
    if (!doc["cites"].empty()) ++citing;
    const std::string number = doc["number"];
    if (number.empty()) continue;
    CAPTURE(number);
    const NumberTarget t = resolve_number(db, number);
    CHECK(t.kind == NumberTarget::Kind::FOUND);
    CHECK(t.id == id.get<std::string>());
  }
  CHECK(citing == ids.size());
}
