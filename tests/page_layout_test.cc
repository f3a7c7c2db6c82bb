#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "import_support.h"
#include "page_layout.h"

using namespace sotay;
using namespace sotay::test;

namespace {

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

size_t letters(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Lines of words laid out by hand: a word is half its size wide per letter.
struct PageBuilder {
  SourcePage page;
  double size = 13;
  explicit PageBuilder(int number) {
    page.number = number;
    page.width = 595;
    page.height = 842;
  }
  // A line from x0 at baseline y; when `x1` is set the gaps are widened so
  // that it ends there (a justified line).
  PageBuilder& line(double x0, double y, const std::string& text, double x1 = 0,
                    bool bold = false) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    double natural = 0;
    for (const auto& w : words) natural += 0.5 * size * static_cast<double>(letters(w));
    double gap = 0.25 * size;
    if (x1 > 0 && words.size() > 1)
      gap = (x1 - x0 - natural) / static_cast<double>(words.size() - 1);
    double x = x0;
    for (const auto& w : words) {
      SourceWord sw;
      sw.text = w;
      sw.x0 = x;
      sw.x1 = x + 0.5 * size * static_cast<double>(letters(w));
      sw.y0 = y - 0.9 * size;
      sw.y1 = y + 0.25 * size;
      sw.font_size = size;
      sw.font = bold ? "Times New Roman,Bold" : "Times New Roman";
      sw.bold = bold;
      page.words.push_back(sw);
      x = sw.x1 + gap;
    }
    return *this;
  }
  // A footnote number set small and raised after the last word.
  PageBuilder& raised(const std::string& number) {
    SourceWord w = page.words.back();
    w.text = number;
    w.x0 = w.x1 + 0.5;
    w.x1 = w.x0 + 0.3 * size * static_cast<double>(number.size());
    w.font_size = 0.6 * size;
    w.y1 = w.y1 - 0.5 * size;
    w.y0 = w.y1 - 0.7 * size;
    page.words.push_back(w);
    return *this;
  }
  // Centred on the page.
  PageBuilder& centred(double y, const std::string& text, bool bold = true) {
    std::istringstream in(text);
    double width = 0;
    size_t n = 0;
    for (std::string w; in >> w; ++n) width += 0.5 * size * static_cast<double>(letters(w));
    width += 0.25 * size * static_cast<double>(n > 0 ? n - 1 : 0);
    return line((page.width - width) / 2, y, text, 0, bold);
  }
};

}  // namespace

TEST_CASE("tone marks typed as separate characters go back on their vowel") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Nghi \u0323đinh \u0323", "Nghị định"},
      {"Ứng du \u0323ng công nghê \u0323 thông tin", "Ứng dụng công nghệ thông tin"},
      {"phu \u0323c vu \u0323 công", "phục vụ công"},
      {"cu \u0309a", "của"},      // two vowels, no final: the first
      {"ngoa \u0300i", "ngoài"},  // three vowels: the middle one
      {"hoa \u0300", "hòa"},
      {"đươ \u0323c", "được"},                   // the vowel with a horn
      {"Qua \u0301 tri \u0300nh", "Quá trình"},  // "qu" is a consonant
      {"giư \u0303 gìn", "giữ gìn"},             // so is "gi" before a vowel
      {"NGHI \u0323 ĐINH \u0323", "NGHỊ ĐỊNH"},
      {"Nghi\u0323 đi\u0323nh", "Nghị định"},  // plain NFD: NFC
      {"Cộng hòa xã hội", "Cộng hòa xã hội"},
      {"giai đoạn 2021 - 2025", "giai đoạn 2021 - 2025"},
      {"\u0323 đầu dòng", "\u0323 đầu dòng"},  // nothing before the mark: left alone
  };
  for (const Row& r : rows) {
    const std::string captured = r.in;
    CAPTURE(captured);
    CHECK(repair_separate_tone_marks(r.in) == r.out);
  }
}

TEST_CASE("line rules: bullets, stamps, running headers, page numbers, markers") {
  SUBCASE("bullet glyphs") {
    CHECK(map_bullet_glyphs("\uF0B7 Niêm yết công khai") == "- Niêm yết công khai");
    CHECK(map_bullet_glyphs("\uF06FĐề nghị chuyển nơi hưởng") == "- Đề nghị chuyển nơi hưởng");
    CHECK(map_bullet_glyphs("• Điểm một") == "- Điểm một");
    CHECK(map_bullet_glyphs("Ø Điểm hai", true) == "- Điểm hai");
    CHECK(map_bullet_glyphs("Ø Điểm hai") == "Ø Điểm hai");
    CHECK(map_bullet_glyphs("Nhà nước \uF06F; Ngoài nhà nước \uF06F") ==
          "Nhà nước □; Ngoài nhà nước □");
  }
  SUBCASE("lines") {
    struct Row {
      const char* line;
      bool stamp, gazette, page_number, type;
    };
    const Row rows[] = {
        {"Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, false, false},
        {"Người ký: Cổng Thông tin điện tử Chính phủ", true, false, false, false},
        {"Thời gian ký: 28.07.2025 14:15:48 +07:00", true, false, false, false},
        {"ttcbth@quangngai.gov.vn", true, false, false, false},
        {"06.11.2024 09:27:05", true, false, false, false},
        {"2 CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025", false, true, false, false},
        {"CÔNG BÁO/Số 293/Ngày 31-05-2026 14", false, true, false, false},
        {"đăng Công báo số 12 ngày 5/3/2025", false, false, false, false},
        {"14", false, false, true, false},
        {"- 3 -", false, false, true, false},
        {"Trang 2/5", false, false, true, false},
        {"2025.", false, false, false, false},
        {"NGHỊ ĐỊNH", false, false, false, true},
        {"THÔNG TƯ1", false, false, false, true},
        {"NGHỊ ĐỊNH SỐ 15", false, false, false, false},
    };
    for (const Row& r : rows) {
      const std::string captured = r.line;
      CAPTURE(captured);
      CHECK(is_signature_stamp_line(r.line) == r.stamp);
      CHECK(is_gazette_running_header(r.line) == r.gazette);
      CHECK(is_page_number(r.line) == r.page_number);
      CHECK(is_document_type_line(r.line) == r.type);
    }
  }
  SUBCASE("units and list markers") {
    struct Row {
      const char* line;
      bool unit;
      const char* marker;
    };
    const Row rows[] = {
        {"Điều 5. Hiệu lực thi hành", true, ""},
        {"Điều 12a. Bổ sung", true, ""},
        {"Điều 28 của Luật Bảo hiểm y tế;", false, ""},
        {"Chương II", true, ""},
        {"Chương trình mục tiêu quốc gia", false, ""},
        {"Mục 2 của Chương này", false, ""},
        {"II. Về quan điểm", true, ""},
        {"1. Tiếp nhận hồ sơ", false, "1."},
        {"1.2. Thời hạn", false, "1.2."},
        {"1.000 đồng", false, ""},
        {"a) Hồ sơ nộp trực tiếp", false, "a)"},
        {"đ) Phân bổ quỹ", false, "đ)"},
        {"- Như trên;", false, "-"},
        {"– Lưu: VT.", false, "-"},
        {"+ Cột 1", false, "+"},
        {"-Không cách", false, ""},
    };
    for (const Row& r : rows) {
      const std::string captured = r.line;
      CAPTURE(captured);
      CHECK(starts_structural_unit(r.line) == r.unit);
      CHECK(list_marker_of(r.line) == r.marker);
    }
  }
}

TEST_CASE("paragraphs rejoined from hard-wrapped lines") {
  // Text from x 85 to 510, first lines indented 30 points, 18 points apart.
  constexpr double L = 85, R = 510, INDENT = 115;
  struct Line {
    double x0;
    bool full;
    const char* text;
  };
  struct Row {
    const char* what;
    std::vector<Line> lines;
    std::vector<std::string> blocks;
  };
  const Row rows[] = {
      {"a word cut at its hyphen is joined without a space",
       {{INDENT, true,
         "Hiệp định Thương mại tự do giữa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-"},
        {L, false, "len được thực hiện từ năm 2021."}},
       {"Hiệp định Thương mại tự do giữa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-len được "
        "thực hiện từ năm 2021."}},
      {"a spaced dash at the end of a line keeps its spaces",
       {{INDENT, true, "Chương trình mục tiêu quốc gia cho vùng đồng bào giai đoạn 2021 -"},
        {L, false, "2025 được kéo dài."}},
       {"Chương trình mục tiêu quốc gia cho vùng đồng bào giai đoạn 2021 - 2025 được kéo dài."}},
      {"a wrapped line starting with Điều N is not a new article",
       {{INDENT, true, "a) Đối tượng tham gia bảo hiểm y tế theo quy định tại khoản 1"},
        {L, true, "Điều 28 của Luật này và các đối tượng khác có liên quan đến việc"},
        {L, false, "đóng bảo hiểm y tế;"},
        {INDENT, false, "b) Mức đóng bảo hiểm y tế."}},
       {"[a)] Đối tượng tham gia bảo hiểm y tế theo quy định tại khoản 1 Điều 28 của Luật này và "
        "các đối tượng khác có liên quan đến việc đóng bảo hiểm y tế;",
        "[b)] Mức đóng bảo hiểm y tế."}},
      {"short indented lines are paragraphs of their own",
       {{INDENT, false, "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"},
        {INDENT, false, "Theo đề nghị của Bộ trưởng Bộ Y tế,"},
        {INDENT, true, "Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật"},
        {L, false, "Bảo hiểm y tế."}},
       {"Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        "Theo đề nghị của Bộ trưởng Bộ Y tế,",
        "Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Bảo hiểm y tế."}},
      {"an article heading, then its clauses",
       {{INDENT, false, "Điều 5. Hiệu lực thi hành"},
        {INDENT, true, "1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026 và"},
        {L, false, "thay thế Nghị định số 59/2020/NĐ-CP."},
        {INDENT, false, "2. Các Bộ trưởng chịu trách nhiệm thi hành."}},
       {"Điều 5. Hiệu lực thi hành",
        "[1.] Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026 và thay thế Nghị định "
        "số 59/2020/NĐ-CP.",
        "[2.] Các Bộ trưởng chịu trách nhiệm thi hành."}},
  };
  for (const Row& r : rows) {
    const std::string captured = r.what;
    CAPTURE(captured);
    PageBuilder p(1);
    double y = 300;
    for (const Line& l : r.lines) {
      p.line(l.x0, y, l.text, l.full ? R : 0);
      y += 18;
    }
    // Two full lines far below fix the text area's edges.
    p.line(L, 700, "Dòng cuối trang thứ nhất để định lề trái và lề phải của vùng chữ", R);
    p.line(L, 718, "Dòng cuối trang thứ hai để định lề trái và lề phải của vùng chữ.", R);
    SourceText t = lay_out_pages({p.page});
    REQUIRE(!t.blocks.empty());
    t.blocks.pop_back();
    CHECK(describe(t.blocks) == joined(r.blocks));
  }
}

TEST_CASE("a title of centred lines is one block, the type line another") {
  PageBuilder p(1);
  p.centred(200, "NGHỊ ĐỊNH")
      .centred(218, "Quy định chi tiết một số điều")
      .centred(236, "của Luật Bảo hiểm y tế");
  p.line(115, 280, "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", 0);
  p.line(85, 700, "Dòng cuối trang thứ nhất để định lề trái và lề phải của vùng chữ", 510);
  p.line(85, 718, "Dòng cuối trang thứ hai để định lề trái và lề phải của vùng chữ.", 510);
  const SourceText t = lay_out_pages({p.page});
  REQUIRE(t.blocks.size() >= 3);
  CHECK(t.blocks[0].text == "NGHỊ ĐỊNH");
  CHECK(t.blocks[1].text == "Quy định chi tiết một số điều của Luật Bảo hiểm y tế");
  CHECK(t.blocks[1].centered);
  CHECK(t.blocks[1].bold);
  CHECK(t.blocks[2].text == "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;");
  CHECK_FALSE(t.blocks[2].bold);
}

TEST_CASE("running headers, page numbers and a line repeated on every page are removed") {
  std::vector<SourcePage> pages;
  for (int n = 1; n <= 4; ++n) {
    PageBuilder p(n);
    p.line(170, 60, std::to_string(n + 40) + " CÔNG BÁO/Số 5 + 6/Ngày 10-02-2025");
    p.line(85, 120, "Điều " + std::to_string(n) + ". Nội dung của trang " + std::to_string(n), 0,
           true);
    p.line(115, 140, "Khoản thứ nhất của điều này được viết trên một dòng đầy đủ cho rộng", 510);
    p.line(85, 158, "và kết thúc ở dòng sau.");
    p.line(200, 770, "Tài liệu dùng trong nội bộ phường");
    p.line(290, 800, std::to_string(n));
    pages.push_back(p.page);
  }
  const SourceText t = lay_out_pages(pages);
  CHECK(t.blocks.size() == 8);
  for (const auto& b : t.blocks) {
    CAPTURE(b.text);
    CHECK_FALSE(contains(b.text, "CÔNG BÁO"));
    CHECK_FALSE(contains(b.text, "nội bộ"));
    CHECK_FALSE(is_page_number(b.text));
  }
  REQUIRE(t.warnings.size() == 1);
  CHECK(t.warnings[0] ==
        "Đã bỏ dòng «Tài liệu dùng trong nội bộ phường» lặp lại ở đầu hoặc cuối 4 trang.");
}

TEST_CASE("footnotes at the foot of the page are taken out of the body") {
  std::vector<SourcePage> pages;
  PageBuilder p1(1);
  p1.line(115, 100, "Luật Bảo hiểm y tế số 25/2008/QH12 được sửa đổi, bổ sung bởi các Luật", 510);
  p1.line(85, 118, "sau đây và được hợp nhất tại văn bản này cùng với các văn bản hướng dẫn", 510);
  p1.line(85, 136, "thi hành").raised("1");
  p1.line(115, 154, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam và các luật có", 510);
  p1.line(85, 172, "liên quan đến bảo hiểm y tế và các văn bản quy định chi tiết thi hành các",
          510);
  p1.line(85, 190, "luật đó;", 0);
  p1.size = 11;
  p1.line(115, 760, "1 Luật số 32/2013/QH13 sửa đổi, bổ sung một số điều của Luật Thuế thu nhập",
          510);
  p1.line(85, 774, "doanh nghiệp có căn cứ ban hành như sau:", 0);
  pages.push_back(p1.page);
  PageBuilder p2(2);
  p2.line(115, 100, "Quốc hội ban hành Luật Bảo hiểm y tế với các nội dung sửa đổi bổ sung", 510);
  p2.line(85, 118, "như sau.").raised("2");
  p2.line(115, 136, "Điều 1. Phạm vi điều chỉnh");
  p2.size = 11;
  p2.line(85, 746, "“Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam.”.");
  p2.line(115, 760, "2 Khoản này được sửa đổi theo Luật số 46/2014/QH13.");
  pages.push_back(p2.page);
  const SourceText t = lay_out_pages(pages);
  CHECK(joined(t.footnotes) ==
        joined({"Luật số 32/2013/QH13 sửa đổi, bổ sung một số điều của Luật Thuế thu nhập "
                "doanh nghiệp có căn cứ ban hành như sau: “Căn cứ Hiến pháp nước Cộng hòa xã "
                "hội chủ nghĩa Việt Nam.”.",
                "Khoản này được sửa đổi theo Luật số 46/2014/QH13."}));
  CHECK(
      describe(t.blocks) ==
      joined(
          {"Luật Bảo hiểm y tế số 25/2008/QH12 được sửa đổi, bổ sung bởi các Luật sau đây và được "
           "hợp nhất tại văn bản này cùng với các văn bản hướng dẫn thi hành 1",
           "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam và các luật có liên quan đến "
           "bảo hiểm y tế và các văn bản quy định chi tiết thi hành các luật đó;",
           "Quốc hội ban hành Luật Bảo hiểm y tế với các nội dung sửa đổi bổ sung như sau. 2",
           "Điều 1. Phạm vi điều chỉnh"}));
}

TEST_CASE("page 1 header variants") {
  const auto filler = [](PageBuilder& p) {
    p.line(115, 400, "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025 và các văn bản", 510);
    p.line(85, 418, "hướng dẫn thi hành có liên quan đến công tác lao động và việc làm;", 510);
  };
  SUBCASE("a line across both columns, under the Gazette's section title") {
    PageBuilder p(1);
    p.centred(60, "VĂN BẢN QUY PHẠM PHÁP LUẬT").centred(80, "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI");
    p.line(67, 120, "BỘ LAO ĐỘNG - THƯƠNG BINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0, true);
    p.line(128, 138, "VÀ XÃ HỘI", 0, true).line(322, 138, "Độc lập - Tự do - Hạnh phúc", 0, true);
    p.line(70, 160, "Số: 15/2022/TT-BLĐTBXH").line(300, 160, "Hà Nội, ngày 30 tháng 8 năm 2022");
    p.centred(200, "THÔNG TƯ");
    filler(p);
    const SourceText t = lay_out_pages({p.page});
    CHECK(texts(t.header_left) ==
          joined({"BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI", "Số: 15/2022/TT-BLĐTBXH"}));
    CHECK(texts(t.header_right) ==
          joined({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Hà Nội, ngày 30 tháng 8 năm 2022"}));
    REQUIRE(!t.blocks.empty());
    CHECK(t.blocks[0].text == "THÔNG TƯ");
  }
  SUBCASE("a Công văn: V/v lines under the number") {
    PageBuilder p(1);
    p.line(100, 100, "ỦY BAN NHÂN DÂN", 0, true)
        .line(260, 100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0, true);
    p.line(100, 118, "PHƯỜNG HÒA BÌNH", 0, true)
        .line(300, 118, "Độc lập - Tự do - Hạnh phúc", 0, true);
    p.line(100, 140, "Số: 120/UBND-VP").line(290, 140, "Hòa Bình, ngày 5 tháng 3 năm 2025");
    p.line(70, 158, "V/v tiếp nhận hồ sơ trực tuyến");
    p.line(95, 176, "trên Cổng Dịch vụ công");
    p.line(180, 220, "Kính gửi: Các tổ dân phố trên địa bàn phường.");
    filler(p);
    const SourceText t = lay_out_pages({p.page});
    CHECK(texts(t.header_left) ==
          joined({"ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA BÌNH", "Số: 120/UBND-VP",
                  "V/v tiếp nhận hồ sơ trực tuyến", "trên Cổng Dịch vụ công"}));
    CHECK(t.header_right.size() == 3);
    REQUIRE(!t.blocks.empty());
    CHECK(t.blocks[0].text == "Kính gửi: Các tổ dân phố trên địa bàn phường.");
  }
  SUBCASE("a Văn bản hợp nhất: no left column, the issuer from the Gazette's section") {
    PageBuilder p(1);
    p.centred(80, "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI");
    p.line(250, 120, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0, true);
    p.line(290, 138, "Độc lập - Tự do - Hạnh phúc", 0, true);
    p.centred(180, "LUẬT").centred(198, "BẢO HIỂM Y TẾ");
    filler(p);
    const SourceText t = lay_out_pages({p.page});
    CHECK(texts(t.header_left) == joined({"VĂN PHÒNG QUỐC HỘI"}));
    CHECK(texts(t.header_right) ==
          joined({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}));
    REQUIRE(t.blocks.size() >= 2);
    CHECK(t.blocks[0].text == "LUẬT");
    CHECK(t.blocks[1].text == "BẢO HIỂM Y TẾ");
  }
  SUBCASE("no Quốc hiệu and no two columns: no header") {
    PageBuilder p(1);
    p.centred(100, "HƯỚNG DẪN").centred(118, "Tiếp nhận hồ sơ tại Bộ phận một cửa");
    filler(p);
    const SourceText t = lay_out_pages({p.page});
    CHECK(t.header_left.empty());
    CHECK(t.header_right.empty());
    REQUIRE(!t.blocks.empty());
    CHECK(t.blocks[0].text == "HƯỚNG DẪN");
  }
}
