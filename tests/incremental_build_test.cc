#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "edition_admin.h"
#include "facet_codes.h"
#include "files.h"
#include "index_contract.h"
#include "publish.h"
#include "searcher.h"
#include "submission_support.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

BuildReport build_with(const fs::path& content, const fs::path& index, bool full,
                       std::size_t keep = 5) {
  BuildOptions options;
  options.full = full;
  options.keep_editions = keep;
  return build(content, index, options);
}

// Everything a section document holds, as text: terms with wdf and
// positions, values and data.
std::string describe(const Xapian::Database& db, Xapian::docid id) {
  const Xapian::Document doc = db.get_document(id);
  std::string out = doc.get_data() + "\n" + describe_terms(doc);
  // Facet codes are numbered per edition (an incremental build appends new
  // values): compare what they stand for.
  const auto codes =
      FacetCodes::from_json(db.get_metadata(std::string(contract::META_FACET_CODES)));
  REQUIRE(codes);
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    out += std::to_string(v.get_valueno()) + "=";
    std::uint32_t section = 0;
    FacetCodeList list{};
    if (v.get_valueno() == contract::SLOT_FACETS) {
      REQUIRE(unpack_facets(*v, section, list));
      out += "section " + std::to_string(section);
      for (std::size_t f = 0; f < FACET_COUNT; ++f) out += "|" + codes->value(f, list[f]);
      // Consecutive docids per document (index_contract.h).
      CHECK(db.get_document(id - section).get_value(contract::SLOT_DOC_ID) ==
            doc.get_value(contract::SLOT_DOC_ID));
    } else {
      out += *v;
    }
    out += "\n";
  }
  return out;
}

// Section documents by unique term, metadata (edition id and build time
// aside) and spellings of a database.
struct Snapshot {
  std::map<std::string, std::string> sections;
  std::map<std::string, std::string> metadata;
  std::map<std::string, Xapian::doccount> spellings;
};

Snapshot snapshot(const fs::path& dir) {
  const Xapian::Database db(dir.string());
  Snapshot s;
  const std::string q(contract::PREFIX_UNIQUE);
  for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
    const Xapian::PostingIterator p = db.postlist_begin(*t);
    s.sections[*t] = describe(db, *p);
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
    // What's new is the history of the editions before this one, which a
    // build into an empty directory has not (validity_http_test.cc).
    if (*k == contract::META_CHANGES) continue;
    std::string value = db.get_metadata(*k);
    if (*k == contract::META_EDITION) {
      json ed = json::parse(value);
      ed.erase("id");
      ed.erase("built");
      value = ed.dump();
    }
    s.metadata[*k] = value;
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
    s.spellings[*w] = w.get_termfreq();
  }
  CHECK(db.get_doccount() == s.sections.size());
  return s;
}

void check_same(const fs::path& a, const fs::path& b) {
  const Snapshot x = snapshot(a);
  const Snapshot y = snapshot(b);
  CHECK(x.sections.size() == y.sections.size());
  for (const auto& [term, text] : y.sections) {
    INFO(term);
    const auto it = x.sections.find(term);
    REQUIRE(it != x.sections.end());
    CHECK(it->second == text);
  }
  CHECK(x.metadata.size() == y.metadata.size());
  for (const auto& [key, value] : y.metadata) {
    INFO(key);
    if (key == contract::META_SOURCES) continue;      // same files; compared below
    if (key == contract::META_FACET_CODES) continue;  // numbering differs; decoded above
    CHECK(x.metadata.count(key) == 1);
    CHECK(x.metadata.at(key) == value);
  }
  CHECK(json::parse(x.metadata.at(std::string(contract::META_SOURCES))) ==
        json::parse(y.metadata.at(std::string(contract::META_SOURCES))));
  CHECK(x.spellings == y.spellings);
}

}  // namespace

TEST_CASE("an incremental build indexes only what changed and equals a full build") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  const BuildReport first = build_with(content, tmp.path() / "index", false);
  CHECK_FALSE(first.incremental);
  CHECK(first.reindexed == 5);

  // Nothing changed: every document is kept.
  const BuildReport same = build_with(content, tmp.path() / "index", false);
  CHECK(same.incremental);
  CHECK(same.reindexed == 0);
  check_same(*current_edition(tmp.path() / "index"),
             tmp.path() / "index/editions" / first.edition_id);

  // One changed (a section removed, one added), one removed, one added, one
  // renamed with the same id.
  write_file(
      content / "trung-tam/mot-cua.md",
      content_file("title: Tiếp nhận hồ sơ tại bộ phận một cửa\n"
                   "department: Trung tâm Phục vụ hành chính công\n"
                   "field: Thủ tục hành chính\n"
                   "type: Quy trình\n"
                   "issued: 2021-06-01\n",
                   "Quy trình một cửa, bản sửa đổi.\n\n"
                   "## Tiếp nhận hồ sơ trực tuyến\n\n"
                   "Hồ sơ nộp qua cổng dịch vụ công được tiếp nhận trong giờ hành chính.\n"));
  fs::remove(content / "van-hoa/thu-phi.md");
  write_file(content / "moi/them.md",
             content_file("title: Hướng dẫn mới\ndepartment: Phòng Văn hóa - Xã hội\n"
                          "issued: 2025-01-02\n",
                          "Văn bản mới về lưu trữ điện tử, dẫn chiếu Nghị định 30/2020/NĐ-CP.\n"));
  fs::rename(content / "kinh-te/duong.md", content / "kinh-te/duong-moi.md");
  write_file(content / "kinh-te/duong-moi.md",
             "---\nid: kinh-te/duong\n" + read_file(content / "kinh-te/duong-moi.md").substr(4));

  const BuildReport inc = build_with(content, tmp.path() / "index", false);
  CHECK(inc.incremental);
  CHECK(inc.reindexed == 3);  // mot-cua, them, duong-moi
  CHECK(inc.documents == 5);
  const BuildReport full = build_with(content, tmp.path() / "full", true);
  CHECK_FALSE(full.incremental);
  CHECK(full.reindexed == 5);
  CHECK(inc.content_hash == full.content_hash);
  CHECK(inc.sections == full.sections);
  check_same(*current_edition(tmp.path() / "index"), *current_edition(tmp.path() / "full"));

  // Searches agree too: the removed section is gone, the new one found.
  for (const char* q : {"truc tuyen", "phieu xin loi", "thu phi ve sinh", "luu tru dien tu"}) {
    INFO(q);
    Searcher a(Xapian::Database(current_edition(tmp.path() / "index")->string()));
    Searcher b(Xapian::Database(current_edition(tmp.path() / "full")->string()));
    SearchRequest r;
    r.query = q;
    const SearchResult x = a.search(r);
    const SearchResult y = b.search(r);
    CHECK(x.total == y.total);
    std::set<std::string> xs, ys;
    for (const SectionHit& h : x.hits) xs.insert(h.url);
    for (const SectionHit& h : y.hits) ys.insert(h.url);
    CHECK(xs == ys);
  }

  // The compacted edition has its own database UUID (replication).
  CHECK(Xapian::Database(current_edition(tmp.path() / "index")->string()).get_uuid() !=
        Xapian::Database((tmp.path() / "index/editions" / same.edition_id).string()).get_uuid());
}

TEST_CASE("a dictionary or settings change makes the build full") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  write_fixture_content(content);
  build_with(content, tmp.path() / "index", false);
  write_file(content / "_dictionary/abbreviations.txt", "VT = văn thư\n");
  const BuildReport r = build_with(content, tmp.path() / "index", false);
  CHECK_FALSE(r.incremental);
  CHECK(r.full_reason.find("content/_") != std::string::npos);
  CHECK(build_with(content, tmp.path() / "index", false).incremental);
  write_file(content / "_site.yaml", "# cấu hình\n");
  CHECK_FALSE(build_with(content, tmp.path() / "index", false).incremental);
}

TEST_CASE("editions are listed and rolled back, pruning spares the current and the replaced") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  const auto index = tmp.path() / "index";
  write_fixture_content(content);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(build_with(content, index, false, 2).edition_id);
  // keep 2, plus the one the last build replaced (it is among the newest two).
  REQUIRE(list_editions(index) == std::vector<std::string>{ids[1], ids[2]});
  auto infos = describe_editions(index);
  REQUIRE(infos.size() == 2);
  CHECK_FALSE(infos[0].current);
  CHECK(infos[1].current);
  CHECK(infos[1].documents == 5);
  CHECK(infos[1].built.size() == 20);

  CHECK(rollback_edition(index, "") == ids[1]);
  CHECK(current_edition(index)->filename() == ids[1]);
  CHECK_THROWS_AS(rollback_edition(index, ""), std::runtime_error);  // nothing older
  CHECK_THROWS_AS(rollback_edition(index, "20000101T000000.000Z-nope"), std::runtime_error);
  CHECK(rollback_edition(index, ids[2]) == ids[2]);
  CHECK(rollback_edition(index, ids[1]) == ids[1]);

  // Two more builds with keep 1: the newest, plus the edition each build
  // replaced (the rolled-back one first) survive.
  const std::string a = build_with(content, index, false, 1).edition_id;
  CHECK(list_editions(index) == std::vector<std::string>{ids[1], a});
  const std::string b = build_with(content, index, false, 1).edition_id;
  CHECK(list_editions(index) == std::vector<std::string>{a, b});
  CHECK(rollback_edition(index, "") == a);
}

TEST_CASE("a stale .building directory from a killed build is removed by the next build") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  const auto index = tmp.path() / "index";
  write_fixture_content(content);
  build_with(content, index, false);
  fs::create_directories(index / "editions/.building-x.copy");
  write_file(index / "editions/.building-x/postlist.glass", "half written");
  CHECK(build_with(content, index, false).published);
  CHECK_FALSE(fs::exists(index / "editions/.building-x"));
  CHECK_FALSE(fs::exists(index / "editions/.building-x.copy"));
}

TEST_CASE("an approval after a build by sotay-indexer is incremental: one builder identity") {
  // The server publishes approvals with the core the indexer also links:
  // the edition `sotay-indexer build` wrote must be reused, not rebuilt.
  Workflow w(30, false);
  const std::string cmd = std::string(SOTAY_INDEXER_BIN) + " build --content '" +
                          w.content.string() + "' --index '" + w.index.string() + "' --full 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  REQUIRE(pipe);
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe.get())) out += buf;
  CAPTURE(out);
  REQUIRE(::pclose(pipe.release()) == 0);

  Publisher publisher(w.publish_options());
  const Principal office{w.office.substr(0, 8), OFFICE, ROLE_DEPARTMENT};
  const Principal editor{w.editor.substr(0, 8), "Biên tập viên A", ROLE_EDITOR};
  const SubmitResult submitted = publisher.submit(
      office, office_doc("van-phong/sau-dong-lenh", "Văn bản mới duyệt trên web."));
  REQUIRE(submitted.submission);
  const ApproveResult approved = publisher.approve(submitted.submission->id, editor);
  REQUIRE(approved.published);
  json publication;
  std::istringstream audit(read_file(w.audit));
  for (std::string line; std::getline(audit, line);) {
    if (contains(line, "\"publication\"")) publication = json::parse(line);
  }
  CAPTURE(publication.dump());
  CHECK(publication["incremental"] == true);
  CHECK(publication["reindexed"] == 1);
}
