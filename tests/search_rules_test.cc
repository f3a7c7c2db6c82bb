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
    doc("hop-dong", "Hợp đồng lao động", "Ký hợp đồng với người lao động làm việc tại phường.");
    doc("chinh-sach", "Hỗ trợ người dân", "Chính sách hỗ trợ kịp thời. Hành động nhanh chóng.");
    doc("uy-ban-nd", "Kế hoạch năm", "Ủy ban nhân dân phường ban hành kế hoạch công tác năm.");
    doc("pccc", "An toàn trụ sở", "Trang bị phương tiện phòng cháy, chữa cháy tại trụ sở.");
    doc("tthc-ubnd", "Thẩm quyền giải quyết", "Thủ tục hành chính thuộc thẩm quyền UBND phường.");
    doc("luat-tn", "Luật Thanh niên",
        "Luật quy định về thanh niên.\n\n## Điều 8. Quyền của thanh niên\n\n"
        "Khoản 2. Thanh niên được học tập.\n\n## Điều 9. Nghĩa vụ\n\nKhoản 1. Chấp hành pháp luật.",
        "number: 57/2020/QH14\ntype: Luật\n");
    doc("dan-chieu", "Quyền học tập",
        "*(Điều 2 Luật số 57/2020/QH14, có hiệu lực từ 01/01/2021)*\n\n"
        "Thanh niên có quyền học tập suốt đời.");
    doc("cho", "Quản lý vật nuôi", "Nuôi chó phải tiêm phòng dại đầy đủ.");
    doc("cho-nau", "Cây xanh đô thị", "Cây chò nâu được trồng trên vỉa hè.");
    doc("het-hieu-luc", "Quy định cũ về lưu trữ hồ sơ", "Lưu trữ hồ sơ giấy tại kho.",
        "status: expired\n");
    doc("con-hieu-luc", "Quy định mới về lưu trữ hồ sơ", "Lưu trữ hồ sơ giấy tại kho.");
    doc("bien-ban", "Biên bản làm việc",
        "Làm việc với TP.HCM về Covid-19; phí 1.000.000 đồng; liên hệ vanthu@viethung.gov.vn.");
    write_file(c / "_dictionary/abbreviations.txt",
               "UBND = Ủy ban nhân dân\nTTHC = thủ tục hành chính\n"
               "PCCC = phòng cháy, chữa cháy\nCT = Chủ tịch | Chỉ thị ; 0.4\n");
    write_file(c / "_dictionary/stopwords.txt", "tại\nvà\ncủa\n");
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
  std::string query;
  std::string id;
};

void check_finds(std::initializer_list<FindRow> rows) {
  for (const FindRow& r : rows) {
    CAPTURE(r.query);
    CAPTURE(r.id);
    CHECK(corpus().finds(r.query, r.id));
  }
}

struct RankRow {
  std::string query;
  std::string higher;
  std::string lower;
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

TEST_CASE("rule 8: Telex and VNI typed without an input method") {
  check_finds({{"thur tucj", "tthc"},
               {"dduowngf giao thoong", "duong"},
               {"thu3 tu5c", "tthc"},
               {"howjp ddoongf", "hop-dong"},
               {"hopwj ddongf", "hop-dong"}});
  // A word that exists as typed is never decoded.
  CHECK(corpus().ids("ubnd").size() >= 2);
}

TEST_CASE("rule 9: adjacent syllables rank higher, quotes make a strict phrase") {
  check_ranks({{"hành chính", "tthc", "chinh-sach"}, {"hanh chinh", "tthc", "chinh-sach"}});
  CHECK(corpus().finds("hành chính", "chinh-sach"));
  CHECK_FALSE(corpus().finds("\"hành chính\"", "chinh-sach"));
}

TEST_CASE("rule 10: abbreviations expand both ways") {
  check_finds({{"UBND", "uy-ban-nd"},
               {"ubnd", "uy-ban-nd"},
               {"ủy ban nhân dân", "ubnd"},
               {"uy ban nhan dan", "ubnd"},
               {"TTHC", "tthc"},
               {"PCCC", "pccc"},
               {"CT", "ubnd"}});
  // The abbreviation as written ranks above its expansion for itself.
  check_ranks({{"UBND phường", "ubnd", "uy-ban-nd"}});
}

TEST_CASE("rule 12: article citations in any order") {
  for (const std::string q : {"Điều 8 Khoản 2", "khoản 2 điều 8", "dieu 8 khoan 2 luat thanh nien",
                              "Điều 8 Luật 57/2020/QH14", "dieu 8 luat 57/2020/QH14"}) {
    CAPTURE(q);
    SearchRequest r;
    r.query = q;
    const auto hits = corpus().searcher->search(r).hits;
    REQUIRE(!hits.empty());
    CHECK(hits[0].id == "luat-tn");
    CHECK(hits[0].anchor == "dieu-8-quyen-cua-thanh-nien");
  }
  CHECK(corpus().ids("Điều 2 Luật số 57/2020/QH14").at(0) == "dan-chieu");
}

TEST_CASE("rule 14: stopwords are optional, not removed") {
  check_finds({{"thủ tục tại UBND", "tthc-ubnd"}, {"thu tuc tai ubnd", "tthc-ubnd"}});
  CHECK_FALSE(corpus().finds("\"thủ tục tại UBND\"", "tthc-ubnd"));
  // A query of stopwords only still requires them.
  CHECK(corpus().ids("và của").empty() == false);
}

TEST_CASE("rule 15: tokenizer edge cases in search") {
  check_finds({{"TP.HCM", "bien-ban"},
               {"TP HCM", "bien-ban"},
               {"tphcm", "bien-ban"},
               {"1.000.000 đồng", "bien-ban"},
               {"covid 19", "bien-ban"},
               {"\"covid 19\"", "bien-ban"},
               {"Covid-19", "bien-ban"},
               {"vanthu@viethung.gov.vn", "bien-ban"},
               {"viethung", "bien-ban"}});
  CHECK_FALSE(corpus().finds("1.000", "bien-ban"));
}

TEST_CASE("rule 16: accented words are not fuzzed") {
  CHECK(corpus().ids("chó").at(0) == "cho");
  CHECK(corpus().ids("chò").at(0) == "cho-nau");
  SearchRequest r;
  r.query = "chó";
  CHECK(corpus().searcher->search(r).suggestion.empty());
}

TEST_CASE("in-force documents rank above expired ones of similar relevance") {
  check_ranks({{"lưu trữ hồ sơ", "con-hieu-luc", "het-hieu-luc"},
               {"luu tru ho so", "con-hieu-luc", "het-hieu-luc"}});
  CHECK(corpus().ids("lưu trữ hồ sơ hieu-luc:het") == std::vector<std::string>{"het-hieu-luc"});
}

TEST_CASE("spelling suggestion from the edition's vocabulary, never for numbers") {
  SearchRequest r;
  r.query = "thủ tụcc hành chính";
  SearchResult result = corpus().searcher->search(r);
  CHECK(result.suggestion == "thủ tục hành chính");
  r.query = "thanh nienn";
  // shown as the handbook writes it
  CHECK(corpus().searcher->search(r).suggestion == "thanh niên");
  r.query = "31/2020/NĐ-CP";
  CHECK(corpus().searcher->search(r).suggestion.empty());
  // A word typed in capitals is an abbreviation, never corrected into
  // another (CCCD is not "PCCC"; did_you_mean.h).
  r.query = "UBNDD";
  CHECK(corpus().searcher->search(r).suggestion.empty());
  r.query = "PCCC";
  CHECK(corpus().searcher->search(r).suggestion.empty());
}

TEST_CASE("a keyword query that matches nothing is relaxed and says so") {
  SearchRequest r;
  r.query = "hợp đồng khủng long";
  const SearchResult result = corpus().searcher->search(r);
  CHECK(result.relaxed);
  REQUIRE(!result.hits.empty());
  CHECK(result.hits[0].id == "hop-dong");
}

TEST_CASE("rule 13: titles outrank a passing mention in a body") {
  check_ranks({{"an toàn thực phẩm", "an-toan-thuc-pham", "ten-de-muc"},
               {"an toan thuc pham", "an-toan-thuc-pham", "ten-de-muc"}});
}

TEST_CASE("the query language narrows results") {
  CHECK(corpus().ids("văn thư -phí") == std::vector<std::string>{"van-thu", "nd30"});
  CHECK(corpus().finds("\"thủ tục hành chính\"", "tthc"));
  CHECK_FALSE(corpus().finds("\"hành chính thủ tục\"", "tthc"));
  // A quoted phrase keeps the accents typed: "vẫn thu" is not "văn thư".
  CHECK(corpus().ids("\"vẫn thu\"") == std::vector<std::string>{"van-thu-phi"});
  CHECK(corpus().finds("\"van thu\"", "van-thu"));
  CHECK(corpus().finds("\"van thu\"", "van-thu-phi"));
  CHECK(corpus().finds("thuy loi OR dang uy", "thuy-loi"));
  CHECK(corpus().finds("thuy loi OR dang uy", "dang-uy"));
  CHECK(corpus().ids("zzqqk xxyyww").empty());
  CHECK(corpus().ids("!!! ???").empty());
}

TEST_CASE("a question that holds a document's title ranks that document first") {
  // The other articles share more of the question's words ("lãnh sự danh
  // dự", "nhiệm kỳ", "năm", "quy định"); the answer is the article whose
  // title the question holds.
  TempDir tmp;
  const auto c = tmp.path() / "content";
  const auto doc = [&](const std::string& id, const std::string& title, const std::string& body) {
    write_file(c / (id + ".md"),
               content_file("title: " + title + "\ndepartment: Bộ pháp điển\n", body + "\n"));
  };
  doc("nhiem-ky", "Điều 23.1.TT.2.2. Nhiệm kỳ Lãnh sự danh dự",
      "Nhiệm kỳ là 05 năm, có thể được gia hạn.");
  doc("bo-nhiem", "Điều 23.1.TT.2.3. Bổ nhiệm Lãnh sự danh dự",
      "Lãnh sự danh dự được bổ nhiệm theo quy định. Hết nhiệm kỳ, Lãnh sự danh dự được xem "
      "xét bổ nhiệm lại theo quy định, mấy năm một lần tùy trường hợp.");
  doc("quyen", "Điều 23.1.TT.2.4. Quyền của Lãnh sự danh dự",
      "Trong nhiệm kỳ, Lãnh sự danh dự có các quyền theo quy định của pháp luật hằng năm.");
  doc("khac", "Điều 23.1.TT.2.5. Báo cáo hằng năm",
      "Lãnh sự danh dự báo cáo hằng năm về nhiệm kỳ theo quy định.");
  REQUIRE(build(c, tmp.path() / "index").errors.empty());
  Searcher searcher(Xapian::Database(current_edition(tmp.path() / "index")->string()));
  for (const char* q : {"Nhiệm kỳ của Lãnh sự danh dự là mấy năm theo quy định?",
                        "nhiem ky cua lanh su danh du la may nam theo quy dinh"}) {
    CAPTURE(q);
    SearchRequest r;
    r.query = q;
    const SearchResult result = searcher.search(r);
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits.front().id == "nhiem-ky");
  }
}
