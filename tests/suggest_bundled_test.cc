// Suggestions as you type and "did you mean" on the bundled content/ (the
// handbook the ward ships): the core tasks of a clerk must be suggested, and
// a correction must never lead astray.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include <xapian.h>

#include "edition.h"
#include "searcher.h"
#include "suggester.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

// content/ built once for every case of this file.
struct Bundled {
  TempDir tmp;
  std::unique_ptr<Xapian::Database> db;
  Bundled() {
    const BuildReport report =
        build(std::filesystem::path(SOTAY_SOURCE_DIR) / "content", tmp.path() / "index");
    REQUIRE(report.errors.empty());
    db = std::make_unique<Xapian::Database>(current_edition(tmp.path() / "index").value().string());
  }
};

Bundled& bundled() {
  static Bundled b;
  return b;
}

std::string describe(const std::vector<Suggestion>& found) {
  std::string out;
  for (const Suggestion& s : found) out += "[" + s.kind + "] " + s.text + " " + s.url + "\n";
  return out;
}

}  // namespace

TEST_CASE("a prefix of any title, heading, abbreviation or number of the handbook suggests it") {
  Xapian::Database& db = *bundled().db;
  struct Case {
    const char* typed;
    const char* kind;
    const char* text;  // the suggestion expected among the first ones
    const char* url;   // its link ("" for an abbreviation)
  };
  const Case cases[] = {
      {"khai s", "heading", "Đăng ký khai sinh",
       "/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich#dang-ky-khai-sinh"},
      {"khai s", "title", "Hướng dẫn đăng ký khai sinh, kết hôn, khai tử tại UBND phường",
       "/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich"},
      {"dang ky kh", "title", "Hướng dẫn đăng ký khai sinh, kết hôn, khai tử tại UBND phường",
       "/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich"},
      {"đăng ký k", "heading", "Đăng ký khai sinh",
       "/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich#dang-ky-khai-sinh"},
      {"su kien", "title", "Quy trình tổ chức sự kiện, chương trình, hội nghị của UBND phường", ""},
      {"xin l", "title", "Quy trình xin lỗi và hẹn lại ngày trả kết quả đối với hồ sơ trễ hạn",
       "/doc/trung-tam-phuc-vu-hanh-chinh-cong/xin-loi-khi-tre-han"},
      {"tthc", "abbreviation", "TTHC", ""},
      {"nd 30", "number", "30/2020/NĐ-CP", "/doc/van-phong/nghi-dinh-30-2020-the-thuc-van-ban"},
      {"nđ30", "number", "30/2020/NĐ-CP", ""},
      {"30-2020", "number", "30/2020/NĐ-CP", ""},
      {"ND-CP 30", "number", "30/2020/NĐ-CP", ""},
      {"nghị định 30", "number", "30/2020/NĐ-CP", ""},
      {"phí ch", "heading", "Phí chứng thực", ""},
      {"phi chu", "heading", "Phí chứng thực", ""},
  };
  for (const Case& c : cases) {
    const std::string typed = c.typed;
    CAPTURE(typed);
    const std::vector<Suggestion> found = suggest(db, typed);
    CAPTURE(describe(found));
    const auto it = std::find_if(found.begin(), found.end(), [&](const Suggestion& s) {
      return s.kind == c.kind && s.text == c.text;
    });
    REQUIRE(it != found.end());
    if (*c.url) CHECK(it->url == c.url);
    if (std::string(c.kind) == "abbreviation") CHECK(it->detail == "thủ tục hành chính");
    if (std::string(c.kind) == "heading") CHECK(!it->detail.empty());  // its document
  }
}

TEST_CASE("a default abbreviation the handbook never uses is not suggested") {
  Xapian::Database& db = *bundled().db;
  // HTX (hợp tác xã), TAND (Tòa án nhân dân), CSGT (cảnh sát giao thông):
  // default dictionary, nowhere in content/.
  for (const std::string typed : {"htx", "HTX", "tand", "csgt"}) {
    CAPTURE(typed);
    const std::vector<Suggestion> found = suggest(db, typed);
    CAPTURE(describe(found));
    CHECK(std::none_of(found.begin(), found.end(),
                       [](const Suggestion& s) { return s.kind == "abbreviation"; }));
  }
  // Used ones still are: by the abbreviation (UBND) or by what it stands for.
  for (const auto& [typed, text] :
       {std::pair{"ubn", "UBND"}, std::pair{"tthc", "TTHC"}, std::pair{"attp", "ATTP"}}) {
    CAPTURE(typed);
    const std::vector<Suggestion> found = suggest(db, typed);
    CAPTURE(describe(found));
    CHECK(std::any_of(found.begin(), found.end(), [&](const Suggestion& s) {
      return s.kind == "abbreviation" && s.text == text;
    }));
  }
}

TEST_CASE("suggestions: titles before headings before phrases, each text once, a capped list") {
  Xapian::Database& db = *bundled().db;
  for (const std::string typed : {"khai s", "dang ky", "thu tuc", "van ban", "ho so"}) {
    CAPTURE(typed);
    const std::vector<Suggestion> found = suggest(db, typed);
    CAPTURE(describe(found));
    CHECK(found.size() <= SuggestOptions{}.limit);
    const auto order = [](const std::string& kind) {
      return kind == "title" ? 0 : kind == "heading" ? 1 : 2;
    };
    for (std::size_t i = 1; i < found.size(); ++i) {
      CHECK(order(found[i - 1].kind) <= order(found[i].kind));
      for (std::size_t k = 0; k < i; ++k) CHECK(found[k].text != found[i].text);
    }
  }
}

TEST_CASE("did you mean: no wrong correction, a good one where one exists, once") {
  Searcher searcher(*bundled().db);
  struct Case {
    const char* query;
    const char* suggestion;  // "" when none may be offered
  };
  const Case cases[] = {
      {"CCCD", ""},  // an abbreviation is a word: never "pccc"
      {"cccd", ""},
      {"khai sin", "khai sinh"},
      {"thuer tucj", "thủ tục"},
      {"thu tuc", ""},  // nothing to correct
      {"chung thuc ban sao", ""},
      {"chứng thưc ban sao", ""},
      {"hoa giai", ""},
      {"30/2020/NĐ-CP", ""},
  };
  for (const Case& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    SearchRequest request;
    request.query = c.query;
    request.group = true;
    const SearchResult result = searcher.search(request);
    CHECK(result.suggestion == c.suggestion);
  }
}

TEST_CASE("a whole sentence typed in Telex is read, its last syllable too") {
  Searcher searcher(*bundled().db);
  struct Case {
    const char* query;
    std::vector<std::pair<std::string, std::string>> decoded;
  };
  const Case cases[] = {
      {"tacs haij cuar thuoocs las",
       {{"tacs", "tác"}, {"haij", "hại"}, {"cuar", "của"}, {"thuoocs", "thuốc"}, {"las", "lá"}}},
      {"thuoocs las", {{"thuoocs", "thuốc"}, {"las", "lá"}}},
      {"huts thuoocs las", {{"huts", "hút"}, {"thuoocs", "thuốc"}, {"las", "lá"}}},
  };
  for (const Case& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    SearchRequest request;
    request.query = c.query;
    request.group = true;
    const SearchResult result = searcher.search(request);
    CHECK(result.decoded == c.decoded);
    CHECK(result.total > 0);
  }
}
