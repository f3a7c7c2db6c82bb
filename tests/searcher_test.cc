// A Searcher follows its database: what it read from the edition's metadata
// (dictionary, facet codes, edition summary) is read again when the database
// is at a new revision, and only then.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <type_traits>

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "dictionary.h"
#include "edition.h"
#include "index_contract.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The department facet's values as shown, for a query matching everything.
std::vector<std::string> departments(Searcher& s) {
  SearchRequest r;
  r.query = "văn bản";
  r.facets = true;
  std::vector<std::string> out;
  for (const FacetCounts& f : s.search(r).facets) {
    if (f.name != "department") continue;
    for (const FacetValue& v : f.values) out.push_back(v.value);
  }
  return out;
}

bool has(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A copy of the fixture's edition as a plain database directory (an index
// root that is itself a database, edition.h is_in_place_database()).
fs::path in_place_database(const TempDir& tmp) {
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  const fs::path db_dir = tmp.path() / "db";
  fs::copy(*current_edition(tmp.path() / "index"), db_dir, fs::copy_options::recursive);
  REQUIRE(is_in_place_database(db_dir));
  return db_dir;
}

}  // namespace

TEST_CASE("a database changed in place: the same Searcher reads its new dictionary and codes") {
  TempDir tmp;
  const fs::path db_dir = in_place_database(tmp);
  Searcher searcher{Xapian::Database(db_dir.string())};
  REQUIRE(has(departments(searcher), "Văn phòng HĐND và UBND"));
  CHECK(searcher.dictionary().abbreviation("xyzt") == nullptr);
  {
    Xapian::WritableDatabase w(db_dir.string(), Xapian::DB_OPEN);
    Dictionary dictionary;
    std::vector<ContentError> errors;
    dictionary.parse_abbreviations("_dictionary/abbreviations.txt", "XYZT = Xã yên tĩnh\n", errors);
    REQUIRE(errors.empty());
    w.set_metadata(std::string(contract::META_DICTIONARY), dictionary.to_json());
    // The same codes, the department's value renamed.
    json codes = json::parse(w.get_metadata(std::string(contract::META_FACET_CODES)));
    for (json& v : codes["department"]) {
      if (v == "Văn phòng HĐND và UBND") v = "Văn phòng mới";
    }
    w.set_metadata(std::string(contract::META_FACET_CODES), codes.dump());
    json edition = json::parse(w.get_metadata(std::string(contract::META_EDITION)));
    edition["id"] = "in-place-2";
    w.set_metadata(std::string(contract::META_EDITION), edition.dump());
    w.commit();
  }
  // What with_retry() does on DatabaseModifiedError, and a watcher on an
  // in-place database every interval.
  searcher.database().reopen();
  CHECK(searcher.edition().value("id", "") == "in-place-2");
  CHECK(searcher.dictionary().abbreviation("xyzt") != nullptr);
  const std::vector<std::string> after = departments(searcher);
  CHECK(has(after, "Văn phòng mới"));
  CHECK_FALSE(has(after, "Văn phòng HĐND và UBND"));
}

TEST_CASE("the edition summary is parsed once per revision, not once per call") {
  TempDir tmp;
  const fs::path db_dir = in_place_database(tmp);
  Searcher searcher{Xapian::Database(db_dir.string())};
  // Generic, so that the test compiled (and failed) while edition() still
  // returned a fresh parse by value.
  const auto check = [&](auto& s) {
    using Edition = decltype(s.edition());
    REQUIRE(std::is_lvalue_reference_v<Edition>);
    if constexpr (std::is_lvalue_reference_v<Edition>) {
      const json* first = &s.edition();
      CHECK(first == &s.edition());
      CHECK(first->value("documents", 0) == 5);
      {
        Xapian::WritableDatabase w(db_dir.string(), Xapian::DB_OPEN);
        json edition = json::parse(w.get_metadata(std::string(contract::META_EDITION)));
        edition["documents"] = 6;
        w.set_metadata(std::string(contract::META_EDITION), edition.dump());
        w.commit();
      }
      // The same revision until reopened: the same parse.
      CHECK(s.edition().value("documents", 0) == 5);
      CHECK(s.reopen());
      CHECK(s.edition().value("documents", 0) == 6);
      CHECK_FALSE(s.reopen());
    }
  };
  check(searcher);
}
