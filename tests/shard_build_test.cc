// Full builds on several threads (shard_build.h) give the same edition as
// one thread: the same documents under the same ids, the same statistics,
// spellings, metadata and search results.
#include <doctest/doctest.h>

#include <xapian.h>

#include "edition.h"
#include "index_contract.h"
#include "index_writer.h"
#include "parallel.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

namespace c = contract;

// Many small documents in a few departments, so every shard gets some.
void write_many(const std::filesystem::path& dir, int count) {
  const char* words[] = {"thủ tục", "hành chính", "văn thư", "hộ tịch", "đất đai", "xây dựng"};
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    write_file(
        dir / ("phong-" + std::to_string(i % 3)) / ("vb-" + n + ".md"),
        content_file("title: Hướng dẫn " + std::string(words[i % 6]) + " số " + n +
                         "\ndepartment: Phòng " + std::to_string(i % 3) + "\ntype: Hướng dẫn\n",
                     "## Phần một\n\nNội dung " + std::string(words[(i + 1) % 6]) + " và " +
                         words[(i + 2) % 6] + " của văn bản " + n +
                         ".\n\n## Phần hai\n\nQuy trình " + words[(i + 3) % 6] + ".\n"));
  }
}

BuildReport build_with_jobs(const std::filesystem::path& content,
                            const std::filesystem::path& index, unsigned jobs) {
  BuildOptions o;
  o.jobs = jobs;
  o.full = true;
  return build(content, index, o);
}

// Everything that search and reading depend on, as text.
std::string describe(const Xapian::Database& db) {
  std::string out = "docs " + std::to_string(db.get_doccount()) + " last " +
                    std::to_string(db.get_lastdocid()) + " len " +
                    std::to_string(db.get_total_length()) + "\n";
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
    const Xapian::Document d = db.get_document(id);
    out += std::to_string(id) + ":\n" + describe_terms(d);
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
    out += "spell " + *w + "/" + std::to_string(w.get_termfreq()) + "\n";
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
    if (*k == c::META_CHANGES) continue;  // history of earlier editions: differs by design
    std::string value = db.get_metadata(*k);
    if (*k == c::META_EDITION) value = "(edition summary: id and time differ)";
    out += "meta " + *k + "=" + value + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a full build on several threads equals the one-thread build") {
  TempDir tmp;
  write_many(tmp.path() / "content", 40);
  const BuildReport one = build_with_jobs(tmp.path() / "content", tmp.path() / "one", 1);
  const BuildReport three = build_with_jobs(tmp.path() / "content", tmp.path() / "three", 3);
  REQUIRE(one.errors.empty());
  CHECK(one.documents == 40);
  CHECK(one.sections == 80);
  CHECK(three.sections == one.sections);

  const Xapian::Database a(current_edition(tmp.path() / "one")->string());
  const Xapian::Database b(current_edition(tmp.path() / "three")->string());
  CHECK(a.get_doccount() == 80);
  const std::string da = describe(a);
  // Spellings are the folded syllables did_you_mean.h reads, not exact forms.
  CHECK(da.find("spell hanh/") != std::string::npos);
  CHECK(da.find("spell hành/") == std::string::npos);
  CHECK(da.find("meta doc:phong-1/vb-4=") != std::string::npos);
  CHECK(describe(b) == da);
  // Sections keep the documents' order: file order, then section order.
  CHECK(a.get_document(1).get_value(c::SLOT_DOC_ID) == "phong-0/vb-0");
  CHECK(a.get_document(80).get_value(c::SLOT_DOC_ID) == "phong-2/vb-8");  // names sort as text
  // No temporary shard is left beside the edition.
  for (const auto& e : std::filesystem::directory_iterator(tmp.path() / "three" / "editions")) {
    CHECK(e.path().filename().string().find(".shard-") == std::string::npos);
    CHECK(e.path().filename().string().find(".meta") == std::string::npos);
  }
}

TEST_CASE("a build on several threads with more threads than documents") {
  TempDir tmp;
  write_many(tmp.path() / "content", 2);
  const BuildReport r = build_with_jobs(tmp.path() / "content", tmp.path() / "index", 8);
  CHECK(r.published);
  CHECK(Xapian::Database(current_edition(tmp.path() / "index")->string()).get_doccount() == 4);
}

TEST_CASE("bad files are reported in file order whatever the number of threads") {
  TempDir tmp;
  write_many(tmp.path() / "content", 30);
  write_file(tmp.path() / "content/phong-0/hong-a.md", "---\ntitle: [\n---\nx\n");
  write_file(tmp.path() / "content/phong-2/hong-b.md", "không có front matter\n");
  std::vector<std::string> seen;
  for (unsigned jobs : {1u, 2u, 4u}) {
    CAPTURE(jobs);
    TempDir index;
    const BuildReport r = build_with_jobs(tmp.path() / "content", index.path(), jobs);
    CHECK(r.documents == 30);
    REQUIRE(r.errors.size() == 2);
    std::string files = r.errors[0].path + " " + r.errors[1].path;
    CHECK(files == "phong-0/hong-a.md phong-2/hong-b.md");
    CHECK(r.errors[0].line >= 1);
  }
}

TEST_CASE("parallel_for runs every item once and rethrows the first failure") {
  std::vector<int> hits(1000, 0);
  parallel_for(hits.size(), 4, [&](std::size_t i) { hits[i] += 1; });
  CHECK(std::count(hits.begin(), hits.end(), 1) == 1000);
  CHECK_THROWS_WITH_AS(parallel_for(100, 3,
                                    [](std::size_t i) {
                                      if (i == 7) throw std::runtime_error("item 7");
                                    }),
                       "item 7", std::runtime_error);
  parallel_for(0, 4, [](std::size_t) { FAIL("no items"); });
}
