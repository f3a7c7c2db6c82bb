#include <doctest/doctest.h>

#include <filesystem>

#include "edition.h"
#include "edition_records.h"
#include "hash.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

TEST_CASE("each build is a new edition switched in atomically, old ones are pruned") {
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

TEST_CASE("edition_content_hash: 8 hex digits of the settings and every file's hash") {
  const Dictionary dictionary;
  const SiteSettings site;
  const std::vector<FileHash> files = {{"a.md", "11"}, {"b/c.md", "22"}};
  const std::string hash = edition_content_hash(dictionary, site, files);
  CHECK(hash.size() == 8);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(hash ==
        content_hash(dictionary.to_json() + site.to_json().dump() + "a.md\t11\nb/c.md\t22\n")
            .substr(0, 8));
  CHECK(edition_content_hash(dictionary, site, {{"a.md", "11"}, {"b/c.md", "23"}}) != hash);
  CHECK(edition_content_hash(dictionary, site, {{"a.md", "11"}, {"b/d.md", "22"}}) != hash);
  CHECK(edition_content_hash(dictionary, site, {{"a.md", "11"}}) != hash);
  SiteSettings renamed;
  renamed.ward_name = "UBND phường Bến Thành";
  CHECK(edition_content_hash(dictionary, renamed, files) != hash);
}
