// Vocabulary in search (docs/search.md, "Vocabulary"): the default
// dictionary on a content folder without _dictionary/, the editors'
// overrides, kí/ký spellings, synonyms and number shorthands, on real
// indexes built in temp dirs.
#include <doctest/doctest.h>

#include <xapian.h>

#include "edition.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

// An edition of `docs` (id, title, body, extra front matter), with the
// `dictionary` files (name, text) under _dictionary/ when given.
struct Edition {
  TempDir tmp;
  std::unique_ptr<Searcher> searcher;

  Edition(std::initializer_list<std::array<std::string, 4>> docs,
          std::initializer_list<std::pair<std::string, std::string>> dictionary = {}) {
    const auto c = tmp.path() / "content";
    for (const auto& [id, title, body, extra] : docs) {
      write_file(
          c / (id + ".md"),
          content_file("title: " + title + "\ndepartment: Văn phòng\n" + extra, body + "\n"));
    }
    for (const auto& [name, text] : dictionary) write_file(c / "_dictionary" / name, text);
    const BuildReport report = build(c, tmp.path() / "index");
    REQUIRE(report.errors.empty());
    searcher = std::make_unique<Searcher>(
        Xapian::Database(current_edition(tmp.path() / "index")->string()));
  }

  std::vector<std::string> ids(const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.group = true;
    r.limit = 50;
    std::vector<std::string> out;
    for (const DocumentHit& d : searcher->search(r).documents) out.push_back(d.best.id);
    return out;
  }
  bool finds(const std::string& q, const std::string& id) {
    const auto v = ids(q);
    return std::find(v.begin(), v.end(), id) != v.end();
  }
};

const std::initializer_list<std::array<std::string, 4>> DOCS = {
    {"cong-bo", "Công bố danh mục", "Quyết định công bố thủ tục hành chính mới.", ""},
    {"htx", "Giải thể hợp tác xã", "Hồ sơ giải thể hợp tác xã tự nguyện.", ""},
    {"attp", "Thanh tra an toàn thực phẩm", "Thanh tra cơ sở về an toàn thực phẩm.", ""},
    {"tncn", "Thuế thu nhập cá nhân", "Quyết toán thuế thu nhập cá nhân hằng năm.", ""},
    {"hdld", "Tạm hoãn hợp đồng", "Các trường hợp tạm hoãn hợp đồng lao động.", ""},
    {"cmnd", "Cấp chứng minh", "Thủ tục cấp chứng minh nhân dân.", ""},
    {"cccd", "Căn cước", "Cấp thẻ căn cước công dân cho người đủ 14 tuổi.", ""},
    {"khai-sinh", "Đăng ký khai sinh", "Hồ sơ đăng ký khai sinh cho trẻ.", ""},
    {"ket-hon", "Đăng kí kết hôn", "Hồ sơ đăng kí kết hôn tại phường.", ""},
    {"ly-lich", "Lý lịch tư pháp", "Cấp phiếu lý lịch tư pháp.", ""},
    {"xe-may", "Đăng ký xe máy", "Thủ tục đăng ký xe máy mới mua.", ""},
    {"xe-mo-to", "Xe mô tô", "Đăng ký xe mô tô, xe gắn máy chuyển nhượng.", ""},
    {"ly-hon", "Giải quyết ly hôn", "Thủ tục ly hôn thuận tình.", ""},
    {"nd30", "Công tác văn thư", "Thể thức trình bày văn bản.",
     "number: 30/2020/NĐ-CP\ntype: Nghị định\n"},
    {"nhac-30", "Tập huấn", "Giới thiệu Nghị định số 30 về văn thư và số 30 khác.", ""},
};

Edition& plain() {
  static Edition e(DOCS);  // no _dictionary/: the default dictionary alone
  return e;
}

}  // namespace

TEST_CASE("the default dictionary expands abbreviations on content without _dictionary/") {
  const std::pair<const char*, const char*> rows[] = {
      {"công bố TTHC", "cong-bo"},      {"giải thể HTX", "htx"},   {"thanh tra ATTP", "attp"},
      {"quyết toán thuế TNCN", "tncn"}, {"tạm hoãn HĐLĐ", "hdld"}, {"tam hoan HDLD", "hdld"},
      {"thủ tục cấp CMND", "cmnd"},     {"CCCD", "cccd"},          {"giai the hop tac xa", "htx"},
  };
  for (const auto& [query, id] : rows) {
    CAPTURE(query);
    const auto found = plain().ids(query);
    REQUIRE_FALSE(found.empty());
    CHECK(found.front() == id);
  }
}

TEST_CASE("_dictionary/ overrides and removes default abbreviations") {
  Edition e(DOCS, {{"abbreviations.txt", "HTX = hồ sơ\n- CCCD\n"}});
  CHECK(e.finds("HTX", "htx"));  // "hồ sơ giải thể": the content's meaning
  CHECK(e.finds("HTX", "cmnd") == false);
  CHECK(e.finds("HTX tự nguyện", "htx"));
  CHECK_FALSE(e.finds("HTX giải thể", "cong-bo"));
  CHECK_FALSE(e.finds("CCCD", "cccd"));  // removed: only the word itself
  CHECK(plain().finds("CCCD", "cccd"));
}

TEST_CASE("kí and ký, lí and lý are one word, with accents and without") {
  const std::pair<const char*, std::vector<std::string>> rows[] = {
      {"đăng kí", {"khai-sinh", "ket-hon"}},
      {"đăng ký", {"khai-sinh", "ket-hon"}},
      {"dang ki", {"khai-sinh", "ket-hon"}},
      {"dang ky", {"khai-sinh", "ket-hon"}},
      {"đăng kí khai sinh", {"khai-sinh"}},
      {"\"đăng kí khai sinh\"", {"khai-sinh"}},
      {"lí lịch", {"ly-lich"}},
      {"li lich tu phap", {"ly-lich"}},
  };
  for (const auto& [query, expected] : rows) {
    CAPTURE(query);
    const auto found = plain().ids(query);
    for (const std::string& id : expected) {
      CAPTURE(id);
      CHECK(std::find(found.begin(), found.end(), id) != found.end());
    }
  }
  // The spelling typed ranks first.
  CHECK(plain().ids("đăng kí").front() == "ket-hon");
  CHECK(plain().ids("đăng ký").front() != "ket-hon");
}

TEST_CASE("a synonym finds the legal word, ranked below the word typed") {
  const std::tuple<const char*, const char*, const char*> rows[] = {
      {"đăng ký xe máy", "xe-may", "xe-mo-to"},
      {"ly dị", "ly-hon", ""},
      {"ly hôn", "ly-hon", ""},
      {"xe mô tô", "xe-mo-to", "xe-may"},
  };
  for (const auto& [query, first, second] : rows) {
    CAPTURE(query);
    const auto found = plain().ids(query);
    REQUIRE_FALSE(found.empty());
    CHECK(found.front() == first);
    if (*second) CHECK(std::find(found.begin(), found.end(), second) != found.end());
  }
}

TEST_CASE("number shorthands find the document that has the number") {
  for (const char* query : {"ND30", "nđ 30", "nd 30", "NĐ 30", "NĐ30 văn thư"}) {
    CAPTURE(query);
    const auto found = plain().ids(query);
    REQUIRE_FALSE(found.empty());
    CHECK(found.front() == "nd30");
  }
  CHECK(plain().ids("ND31").empty());
}
