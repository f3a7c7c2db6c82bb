#include <doctest/doctest.h>

#include <filesystem>

#include "edition.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

TEST_CASE("each build is a new edition switched in atomically; old ones are pruned") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  const auto index = tmp.path() / "index";
  write_fixture_content(content);
  BuildOptions options;
  options.content_dir = content;
  options.index_root = index;
  options.keep_editions = 2;
  const BuildReport first = build_edition(options);
  REQUIRE(first.published);
  CHECK(fs::is_symlink(index / "current"));
  CHECK(fs::read_symlink(index / "current") == fs::path("editions") / first.edition_id);
  CHECK(first.edition_id.size() > 17);
  CHECK(first.edition_id.find(first.content_hash) != std::string::npos);

  std::vector<std::string> ids{first.edition_id};
  for (int i = 0; i < 3; ++i) ids.push_back(build_edition(options).edition_id);
  CHECK(current_edition(index)->filename() == ids.back());
  CHECK(list_editions(index) == std::vector<std::string>{ids[2], ids[3]});
}

TEST_CASE("a build that fails leaves the current edition untouched") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  const auto index = tmp.path() / "index";
  write_fixture_content(content);
  build(content, index);
  const auto before = current_edition(index);
  REQUIRE(before);
  // All files bad: nothing to publish.
  TempDir bad;
  write_file(bad.path() / "a.md", "no front matter");
  CHECK_THROWS(build(bad.path(), index));
  CHECK(current_edition(index) == before);
  // Missing content directory.
  CHECK_THROWS(build(tmp.path() / "missing", index));
  CHECK(current_edition(index) == before);
}

TEST_CASE("two builds cannot run at once on one index") {
  TempDir tmp;
  IndexLock first(tmp.path());
  CHECK_THROWS_AS(IndexLock(tmp.path()), std::runtime_error);
}

TEST_CASE("a directory that is itself a Xapian database is served as is") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  const auto dir = current_edition(tmp.path() / "index");
  REQUIRE(dir);
  CHECK(current_edition(*dir) == fs::absolute(*dir));
  CHECK_FALSE(current_edition(tmp.path() / "content"));
}
