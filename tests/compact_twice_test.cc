// compact_twice.h: the edition and its spare from one compaction step; a
// spare that cannot be made never fails the edition, and an edition that
// cannot be made leaves no spare.
#include <doctest/doctest.h>

#include <stdexcept>

#include <xapian.h>

#include "compact_twice.h"
#include "files.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

// A small database with one document and one metadata key.
fs::path small_database(const fs::path& dir) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE);
  Xapian::Document d;
  d.add_term("thu");
  d.set_data("một");
  db.add_document(d);
  db.set_metadata("k", "v");
  db.commit();
  return dir;
}

}  // namespace

TEST_CASE("compact_twice writes the edition and a copy with its own UUID") {
  TempDir tmp;
  const fs::path from = small_database(tmp.path() / "from");
  const fs::path out = tmp.path() / "out", copy = tmp.path() / "copy";
  fs::create_directories(copy);
  write_file(copy / "stale", "an older copy is replaced");
  CHECK(compact_twice([&] { return Xapian::Database(from.string()); }, out, &copy));
  const Xapian::Database a(out.string()), b(copy.string());
  CHECK(a.get_doccount() == 1);
  CHECK(b.get_doccount() == 1);
  CHECK(b.get_metadata("k") == "v");
  CHECK(b.get_document(1).get_data() == "một");
  CHECK(a.get_uuid() != b.get_uuid());
  CHECK_FALSE(fs::exists(copy / "stale"));
  // Without a copy, only the edition.
  CHECK_FALSE(compact_twice([&] { return Xapian::Database(from.string()); }, tmp.path() / "alone",
                            nullptr));
  CHECK(Xapian::Database((tmp.path() / "alone").string()).get_doccount() == 1);
}

TEST_CASE("a copy that cannot be made does not fail the edition") {
  TempDir tmp;
  const fs::path from = small_database(tmp.path() / "from");
  write_file(tmp.path() / "file", "x");
  const fs::path out = tmp.path() / "out", copy = tmp.path() / "file/copy";  // under a file
  CHECK_FALSE(compact_twice([&] { return Xapian::Database(from.string()); }, out, &copy));
  CHECK(Xapian::Database(out.string()).get_doccount() == 1);
  CHECK_FALSE(fs::exists(copy));
}

TEST_CASE("an edition that cannot be made throws and leaves no copy") {
  TempDir tmp;
  const fs::path from = small_database(tmp.path() / "from");
  write_file(tmp.path() / "file", "x");
  const fs::path out = tmp.path() / "file/out", copy = tmp.path() / "copy";
  CHECK_THROWS(compact_twice([&] { return Xapian::Database(from.string()); }, out, &copy));
  CHECK_FALSE(fs::exists(copy));
}
