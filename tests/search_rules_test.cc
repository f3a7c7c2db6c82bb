// The Vietnamese search rules (docs/search.md), each a table of queries and
// the documents they must find, on a real index built in a temp dir.
#include <doctest/doctest.h>

#include <xapian.h>

#include "edition.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

struct Corpus {
  TempDir tmp;
  std::unique_ptr<Searcher> searcher;

  Corpus() {
    const auto c = tmp.path() / "content";
    const auto doc = [&](const std::string& id, const std::string& title, const std::string& body,
                         const std::string& extra = "") {
      write_file(
          c / (id + ".md"),
          content_file("title: " + title + "\ndepartment: Văn phòng\n" + extra, body + "\n"));
    };
    doc("ubnd", "Tổ chức bộ máy", "UBND phường Việt Hưng có Chủ tịch và các Phó Chủ tịch.");
    doc("dang", "Danh sách cán bộ", "Ông ĐẶNG Văn Lâm phụ trách tổ dân phố số 3.");
    doc("hoa-giai", "Hoà giải ở cơ sở", "Tổ hoà giải được thành lập ở mỗi tổ dân phố.");
    doc("thuy-loi", "Công trình thuỷ lợi", "Quản lý kênh mương thuỷ lợi nội đồng.");
    doc("uy-ban", "Uỷ ban mặt trận", "Uỷ ban Mặt trận Tổ quốc phường phối hợp giám sát.");
    doc("tthc", "Giải quyết thủ tục hành chính", "Tiếp nhận và trả kết quả thủ tục hành chính.");
    doc("khong-dau", "Ghi chu noi bo", "Huong dan thu tuc dang ky tam tru cho nguoi thue nha.");
    doc("duong", "Đường giao thông", "Đường giao thông nông thôn được bê tông hóa.");
    doc("duong-tinh", "Y tế", "Ca bệnh dương tính phải được cách ly theo hướng dẫn.");
    doc("dang-uy", "Sinh hoạt Đảng ủy", "Đảng ủy phường họp thường kỳ mỗi tháng.");
    doc("van-thu", "Nhiệm vụ công tác văn thư",
        "Công tác văn thư gồm soạn thảo và ban hành văn bản.");
    doc("van-thu-phi", "Thu phí chợ", "Ban quản lý chợ vẫn thu phí hằng ngày của tiểu thương.");
    doc("ten-de-muc", "Báo cáo định kỳ",
        "Báo cáo gửi đúng hạn. Có nhắc đến an toàn thực phẩm một lần.");
    doc("an-toan-thuc-pham", "An toàn thực phẩm", "Kiểm tra cơ sở kinh doanh ăn uống.");
    doc("nd30", "Công tác văn thư theo quy định mới", "Thể thức và kỹ thuật trình bày văn bản.",
        "number: 30/2020/NĐ-CP\ntype: Nghị định\n");
    doc("nhac-nd30", "Tập huấn nghiệp vụ", "Buổi tập huấn giới thiệu Nghị định 30/2020/NĐ-CP.");
    doc("tt01", "Hướng dẫn thể thức cũ", "Nội dung hướng dẫn.", "number: 01/2011/TT-BNV\n");
    doc("nfd", "Tho\xCC\x89 tu\xCC\xA3\x63 nhập học", "Văn bản được gõ ở dạng tổ hợp NFD.");
    const BuildReport report = build(c, tmp.path() / "index");
    REQUIRE(report.errors.empty());
    searcher = std::make_unique<Searcher>(
        Xapian::Database(current_edition(tmp.path() / "index")->string()));
  }

  // Document ids in rank order (grouped by document).
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
  std::size_t rank(const std::string& q, const std::string& id) {
    const auto v = ids(q);
    return static_cast<std::size_t>(std::find(v.begin(), v.end(), id) - v.begin());
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

struct FindRow {
  const char* query;
  const char* id;
};

void check_finds(std::initializer_list<FindRow> rows) {
  for (const FindRow& r : rows) {
    CAPTURE(r.query);
    CAPTURE(r.id);
    CHECK(corpus().finds(r.query, r.id));
  }
}

struct RankRow {
  const char* query;
  const char* higher;
  const char* lower;
};

void check_ranks(std::initializer_list<RankRow> rows) {
  for (const RankRow& r : rows) {
    CAPTURE(r.query);
    CAPTURE(r.higher);
    CAPTURE(r.lower);
    const std::size_t hi = corpus().rank(r.query, r.higher);
    const std::size_t lo = corpus().rank(r.query, r.lower);
    CHECK(hi < corpus().ids(r.query).size());
    CHECK(hi < lo);
  }
}

}  // namespace

TEST_CASE("rule 1: case-insensitive") {
  check_finds(
      {{"UBND PHƯỜNG", "ubnd"}, {"ubnd phường", "ubnd"}, {"ĐẶNG", "dang"}, {"đặng", "dang"}});
}

TEST_CASE("rule 2: Unicode-form independent") {
  check_finds({{"tho\xCC\x89 tu\xCC\xA3\x63", "nfd"},  // NFD query, NFC-normalised text
               {"thỏ tục", "nfd"},                     // NFC query, NFD source text
               {"ho\xCC\x80\x61 gia\xCC\x89i", "hoa-giai"}});
}

TEST_CASE("rule 3: tone placement ignored") {
  check_finds({{"hòa giải", "hoa-giai"},
               {"hoà giải", "hoa-giai"},
               {"thủy lợi", "thuy-loi"},
               {"Ủy ban mặt trận", "uy-ban"}});
  check_ranks({{"hòa giải", "hoa-giai", "tthc"}});
}

TEST_CASE("rule 4: accents optional, both ways") {
  check_finds({{"thu tuc hanh chinh", "tthc"},
               {"thủ tục", "khong-dau"},
               {"hoa giai", "hoa-giai"},
               {"dang ky tam tru", "khong-dau"}});
}

TEST_CASE("rule 5: đ and look-alikes fold to d") {
  check_finds({{"duong giao thong", "duong"},
               {"dang uy", "dang-uy"},
               {"ÐẢNG ỦY", "dang-uy"},                   // U+00D0 look-alike
               {"\xC6\x89\xE1\xBA\xA3ng", "dang-uy"}});  // U+0189
}

TEST_CASE("rule 6: typed accents rank higher") {
  check_ranks({{"văn thư", "van-thu", "van-thu-phi"},
               {"vẫn thu", "van-thu-phi", "van-thu"},
               {"đường", "duong", "duong-tinh"},
               {"dương", "duong-tinh", "duong"}});
  // Without accents both are found and neither form is preferred by accents.
  check_finds({{"van thu", "van-thu"}, {"van thu", "van-thu-phi"}, {"duong", "duong-tinh"}});
}

TEST_CASE("rule 7: mixed queries work syllable by syllable") {
  check_finds({{"thủ tuc hanh chính", "tthc"}, {"Đảng uy", "dang-uy"}, {"thu tục", "tthc"}});
}

TEST_CASE("rule 11: document numbers, exact hit first") {
  for (const std::string q : {"30/2020/NĐ-CP", "30/2020/nd-cp", "30/2020/ND-CP",
                              "Nghị định 30/2020", "30/NĐ-CP", "so:30/2020/NĐ-CP"}) {
    CAPTURE(q);
    const auto ids = corpus().ids(q);
    REQUIRE(!ids.empty());
    CHECK(ids[0] == "nd30");
  }
  CHECK(corpus().finds("30/2020/NĐ-CP", "nhac-nd30"));
  CHECK(corpus().ids("1/2011/TT-BNV").at(0) == "tt01");
  CHECK(corpus().ids("01/2011/TT-BNV").at(0) == "tt01");
  CHECK(corpus().ids("so:30/2020/NĐ-CP").size() == 1);
}

TEST_CASE("rule 13: titles outrank a passing mention in a body") {
  check_ranks({{"an toàn thực phẩm", "an-toan-thuc-pham", "ten-de-muc"},
               {"an toan thuc pham", "an-toan-thuc-pham", "ten-de-muc"}});
}

TEST_CASE("the query language narrows results") {
  CHECK(corpus().ids("văn thư -phí") == std::vector<std::string>{"van-thu", "nd30"});
  CHECK(corpus().finds("\"thủ tục hành chính\"", "tthc"));
  CHECK_FALSE(corpus().finds("\"hành chính thủ tục\"", "tthc"));
  CHECK(corpus().finds("thuy loi OR dang uy", "thuy-loi"));
  CHECK(corpus().finds("thuy loi OR dang uy", "dang-uy"));
  CHECK(corpus().ids("nothing-matches-this-zzz").empty());
  CHECK(corpus().ids("!!! ???").empty());
}
