// Quick publish (quick_publish.h): body-only edits become a new edition
// without a regular build, equal to what a regular build gives (suggestion
// statistics aside); everything else falls back to the regular build.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <thread>

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "edition_admin.h"
#include "files.h"
#include "index_contract.h"
#include "quick_publish.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const SECTIONS_FILE = "trung-tam/mot-cua.md";

BuildReport build_with(const fs::path& content, const fs::path& index, bool quick = true) {
  BuildOptions o;
  o.quick = quick;
  return build(content, index, o);
}

// Appends `text` to a file's body.
void append(const fs::path& file, const std::string& text) {
  write_file(file, read_file(file) + text);
}

bool finds(const fs::path& edition, const std::string& q) {
  Searcher s{Xapian::Database(edition.string())};
  SearchRequest r;
  r.query = q;
  return !s.search(r).hits.empty();
}

// Sections (terms with wdf and positions, values, data), metadata and
// spellings, without what a quick publish leaves as it was (suggestion
// statistics) or stamps anew (edition id and time, file times).
std::map<std::string, std::string> contents(const fs::path& edition) {
  const Xapian::Database db(edition.string());
  std::map<std::string, std::string> out;
  const std::string q(contract::PREFIX_UNIQUE);
  for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
    const Xapian::Document d = db.get_document(*db.postlist_begin(*t));
    std::string s = d.get_data() + "\n" + describe_terms(d);
    for (auto v = d.values_begin(); v != d.values_end(); ++v) {
      s += std::to_string(v.get_valueno()) + "=" + *v + "\n";
    }
    out["section " + *t] = s;
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
    if ((*k).rfind(contract::META_SUGGEST_ALL, 0) == 0) continue;
    // The history of earlier editions: a build into an empty directory has none.
    if (*k == contract::META_CHANGES) continue;
    json value = json::parse(db.get_metadata(*k), nullptr, false);
    if (*k == contract::META_EDITION) {
      value.erase("id");
      value.erase("built");
    }
    if (*k == contract::META_SOURCES) {
      for (auto& [path, f] : value["files"].items()) {
        f.erase("size");
        f.erase("mtime_ns");
      }
    }
    out["meta " + *k] = value.is_discarded() ? db.get_metadata(*k) : value.dump();
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
    out["spelling " + *w] = std::to_string(w.get_termfreq());
  }
  return out;
}

}  // namespace

TEST_CASE("a body edit is published quickly and equals a regular build") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  write_fixture_content(content);
  const BuildReport first = build_with(content, tmp.path() / "index");
  REQUIRE(first.published);
  CHECK_FALSE(first.quick);
  const fs::path before = *current_edition(tmp.path() / "index");
  CHECK(fs::exists(tmp.path() / "index/editions/.spare"));

  // A new paragraph citing another handbook document's number, and a
  // changed paragraph, in a document of three sections.
  append(content / SECTIONS_FILE,
         "\nHồ sơ lưu theo Nghị định 30/2020/NĐ-CP, kèm phiếu kiểmtraxyz.\n");
  const BuildReport quick = build_with(content, tmp.path() / "index");
  CAPTURE(quick.quick_reason);
  REQUIRE(quick.published);
  CHECK(quick.quick);
  CHECK(quick.reindexed == 1);
  CHECK(quick.documents == 5);
  CHECK(quick.sections == first.sections);
  CHECK(quick.edition_id != first.edition_id);
  const fs::path after = *current_edition(tmp.path() / "index");
  CHECK(finds(after, "kiểmtraxyz"));
  // The previous edition is intact, listed, and can be rolled back to.
  CHECK_FALSE(finds(before, "kiểmtraxyz"));
  CHECK(list_editions(tmp.path() / "index").size() == 2);
  // A spare of the new edition is ready for the next change.
  CHECK(fs::exists(tmp.path() / "index/editions/.spare"));

  // The same content built from scratch, without the quick path.
  const BuildReport full = build_with(content, tmp.path() / "full", false);
  CHECK(full.content_hash == quick.content_hash);
  const auto a = contents(after);
  const auto b = contents(*current_edition(tmp.path() / "full"));
  CHECK(a.size() == b.size());
  for (const auto& [key, value] : b) {
    CAPTURE(key);
    REQUIRE(a.count(key) == 1);
    CHECK(a.at(key) == value);
  }
  // The cited number resolved to its document by looking in the index.
  const json doc =
      json::parse(Xapian::Database(after.string())
                      .get_metadata(std::string(contract::META_DOC_PREFIX) + "trung-tam/mot-cua"));
  REQUIRE(doc["cites"].size() == 1);
  CHECK(doc["cites"][0]["id"] == "van-phong/the-thuc");

  // And again: a second quick publish from the refreshed spare.
  append(content / SECTIONS_FILE, "\nThêm lầnhaiabc.\n");
  const BuildReport second = build_with(content, tmp.path() / "index");
  CHECK(second.quick);
  CHECK(finds(*current_edition(tmp.path() / "index"), "lầnhaiabc"));

  // Rolling back to the first edition serves it again; the next change then
  // has no spare of the current edition and goes the regular way.
  switch_current(tmp.path() / "index", before);
  append(content / SECTIONS_FILE, "\nLần ba.\n");
  const BuildReport after_rollback = build_with(content, tmp.path() / "index");
  CHECK_FALSE(after_rollback.quick);
  CHECK(contains(after_rollback.quick_reason, "dự phòng"));
  CHECK(after_rollback.incremental);
}

TEST_CASE("changes other than body edits take the regular build") {
  struct Case {
    const char* name;
    void (*change)(const fs::path& content);
    const char* reason;
  };
  const Case cases[] = {
      {"title changed",
       [](const fs::path& c) {
         const std::string text = read_file(c / "van-hoa/thu-phi.md");
         write_file(c / "van-hoa/thu-phi.md",
                    "---\ntitle: Thu phí vệ sinh môi trường" + text.substr(text.find('\n', 4)));
       },
       "title"},
      {"file added",
       [](const fs::path& c) {
         write_file(c / "van-hoa/moi.md", content_file("title: Mới\n", "Văn bản mới.\n"));
       },
       "thêm hoặc xóa"},
      {"file removed", [](const fs::path& c) { fs::remove(c / "van-hoa/thu-phi.md"); },
       "thêm hoặc xóa"},
      {"bad file", [](const fs::path& c) { write_file(c / "van-hoa/thu-phi.md", "---\n[\n"); },
       "lỗi"},
      {"dictionary changed",
       [](const fs::path& c) { write_file(c / "_dictionary/stopwords.txt", "thì\n"); }, "từ điển"},
      {"nothing changed", [](const fs::path&) {}, "không có văn bản nào thay đổi"},
  };
  for (const Case& k : cases) {
    CAPTURE(k.name);
    TempDir tmp;
    const fs::path content = tmp.path() / "content";
    write_fixture_content(content);
    REQUIRE(build_with(content, tmp.path() / "index").published);
    k.change(content);
    const BuildReport r = build_with(content, tmp.path() / "index");
    CHECK_FALSE(r.quick);
    CHECK(contains(r.quick_reason, k.reason));
  }
}

TEST_CASE("more than QUICK_LIMIT changed documents take the regular build") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  for (std::size_t i = 0; i <= QUICK_LIMIT; ++i) {
    write_file(content / ("d/" + std::to_string(i) + ".md"),
               content_file("title: Văn bản " + std::to_string(i) +
                                "\ndepartment: Văn phòng\ntype: Hướng dẫn\n",
                            "Nội dung.\n"));
  }
  REQUIRE(build_with(content, tmp.path() / "index").published);
  for (std::size_t i = 0; i <= QUICK_LIMIT; ++i)
    append(content / ("d/" + std::to_string(i) + ".md"), "Thêm.\n");
  const BuildReport r = build_with(content, tmp.path() / "index");
  CHECK_FALSE(r.quick);
  CHECK(contains(r.quick_reason, "hơn"));
  CHECK(r.reindexed == QUICK_LIMIT + 1);
}

namespace {

// The spare a regular build leaves: a copy of the edition it published, with
// the same contents and a UUID of its own, and nothing half-made beside it.
void check_spare_of(const fs::path& index, const BuildReport& report) {
  const fs::path spare = index / "editions/.spare";
  REQUIRE(fs::exists(spare / "sotay-spare-of"));
  CHECK(read_file(spare / "sotay-spare-of") == report.edition_id + "\n");
  CHECK_FALSE(fs::exists(index / "editions/.spare.building"));
  const fs::path edition = *current_edition(index);
  CHECK(edition.filename() == report.edition_id);
  CHECK(Xapian::Database(spare.string()).get_uuid() !=
        Xapian::Database(edition.string()).get_uuid());
  CHECK(contents(spare) == contents(edition));
}

}  // namespace

TEST_CASE("a regular build compacts the spare beside the edition it publishes") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  const fs::path index = tmp.path() / "index";
  write_fixture_content(content);
  const BuildReport full = build_with(content, index, false);
  REQUIRE(full.published);
  CHECK_FALSE(full.incremental);
  check_spare_of(index, full);

  // An incremental build (a title change is not for the quick path) does the same.
  const std::string text = read_file(content / "van-hoa/thu-phi.md");
  write_file(content / "van-hoa/thu-phi.md",
             "---\ntitle: Thu phí vệ sinh môi trường" + text.substr(text.find('\n', 4)));
  const BuildReport incremental = build_with(content, index);
  REQUIRE(incremental.published);
  CHECK(incremental.incremental);
  CHECK_FALSE(incremental.quick);
  check_spare_of(index, incremental);

  // And the spare serves the next body edit by the quick path.
  append(content / SECTIONS_FILE, "\nSau bản dự phòng mớixyz.\n");
  const BuildReport quick = build_with(content, index);
  CHECK(quick.quick);
  CHECK(finds(*current_edition(index), "mớixyz"));
}

TEST_CASE("a spoilt spare is never used: the regular build publishes") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  write_fixture_content(content);
  REQUIRE(build_with(content, tmp.path() / "index").published);
  // A quick publish that died after touching the spare leaves no mark.
  fs::remove(tmp.path() / "index/editions/.spare/sotay-spare-of");
  append(content / SECTIONS_FILE, "\nĐoạn mới hỏngxyz.\n");
  const BuildReport r = build_with(content, tmp.path() / "index");
  CHECK_FALSE(r.quick);
  CHECK(r.published);
  CHECK(finds(*current_edition(tmp.path() / "index"), "hỏngxyz"));
  CHECK(fs::exists(tmp.path() / "index/editions/.spare/sotay-spare-of"));
}

TEST_CASE("the server serves a quickly published edition, and the previous one after rollback") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  write_fixture_content(content);
  const BuildReport first = build_with(content, tmp.path() / "index");
  REQUIRE(first.published);
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  // Polls /api/search for `word` (at most 10 s): the hit count once the
  // served edition is `edition`.
  const auto hits_in = [&](const std::string& edition, const std::string& word) -> long {
    for (int i = 0; i < 200; ++i) {
      const auto health = c.Get("/healthz");
      if (health && health->status == 200 &&
          json::parse(health->body).value("edition", "") == edition) {
        const auto res = c.Get(("/api/search?facets=0&q=" + word).c_str());
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return static_cast<long>(json::parse(res->body)["hits"].size());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;  // never served
  };
  CHECK(hits_in(first.edition_id, "motcuaquick") == 0);
  append(content / SECTIONS_FILE, "\nMẫu phiếu motcuaquick.\n");
  const BuildReport quick = build_with(content, tmp.path() / "index");
  REQUIRE(quick.quick);
  CHECK(hits_in(quick.edition_id, "motcuaquick") == 1);
  rollback_edition(tmp.path() / "index", first.edition_id);
  CHECK(hits_in(first.edition_id, "motcuaquick") == 0);
}
