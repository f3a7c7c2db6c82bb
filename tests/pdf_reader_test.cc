#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "import_support.h"
#include "page_layout.h"
#include "pdf_reader.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
// Poppler looks up fonts a PDF does not embed through fontconfig, whose
// configuration parser leaks a few hundred bytes once per process (not
// ours to fix): the ASan build's leak check must not fail on it.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace {

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(SOTAY_SOURCE_DIR) / "tests" / "fixtures" / "import" / name;
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A one-page PDF written by hand: `catalog` goes into the catalog
// dictionary, `content` is the page's content stream (Helvetica-Bold as F1).
std::string minimal_pdf(const std::string& catalog, const std::string& content) {
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R " + catalog + " >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> "
      ">> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    const std::string n = std::to_string(off);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

size_t find_block(const SourceText& t, const std::string& start) {
  for (size_t i = 0; i < t.blocks.size(); ++i) {
    if (t.blocks[i].text.starts_with(start)) return i;
  }
  return t.blocks.size();
}

}  // namespace

TEST_CASE("a ward's Quyết định exported by LibreOffice: facts and words") {
  PdfFacts facts;
  const auto pages = read_pdf_words(fixture("quyet-dinh-phuong.pdf"), facts);
  REQUIRE(pages.size() == 2);
  CHECK(facts.pages == 2);
  CHECK_FALSE(facts.has_embedded_files);
  CHECK_FALSE(facts.has_javascript);
  CHECK(contains(facts.producer, "LibreOffice"));
  CHECK_FALSE(only_signature_stamp(pages));
  CHECK(pages[0].width == doctest::Approx(595.3).epsilon(0.01));
  CHECK(pages[0].height == doctest::Approx(841.9).epsilon(0.01));

  SUBCASE("boxes from the top-left corner, fonts without subset prefix") {
    const auto& words = pages[0].words;
    const auto q = std::find_if(words.begin(), words.end(),
                                [](const SourceWord& w) { return w.text == "CỘNG"; });
    const auto so = std::find_if(words.begin(), words.end(),
                                 [](const SourceWord& w) { return w.text == "Số:"; });
    REQUIRE(q != words.end());
    REQUIRE(so != words.end());
    CHECK(q->bold);
    CHECK(q->font == "LiberationSerif-Bold");
    CHECK(q->font_size == doctest::Approx(13));
    CHECK_FALSE(so->bold);
    CHECK(q->y1 < so->y0);  // the Quốc hiệu is above the number
    CHECK(q->y0 > 50);
    CHECK(q->y1 < 200);
    CHECK(so->x0 < q->x0);  // left column
  }
}

TEST_CASE("the ward's Quyết định laid out") {
  PdfFacts facts;
  const SourceText t = lay_out_pages(read_pdf_words(fixture("quyet-dinh-phuong.pdf"), facts));
  SUBCASE("the two-column header") {
    CHECK(texts(t.header_left) == joined({"ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA BÌNH", "Số: 15/QĐ-UBND"}));
    CHECK(texts(t.header_right) ==
          joined({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Hòa Bình, ngày 12 tháng 3 năm 2025"}));
    for (const auto& l : t.header_left) CHECK(l.page == 1);
  }
  SUBCASE("blocks") {
    REQUIRE(t.blocks.size() >= 8);
    CHECK(t.blocks[0].text == "QUYẾT ĐỊNH");
    CHECK(t.blocks[0].centered);
    CHECK(t.blocks[0].bold);
    CHECK(t.blocks[1].text ==
          "Về việc ban hành Quy chế tiếp nhận hồ sơ và trả kết quả tại Bộ phận một cửa phường");
    CHECK(t.blocks[2].text == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH");
    CHECK(t.blocks[3].text ==
          "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;");
    CHECK(t.blocks[4].text ==
          "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện "
          "thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng "
          "Dịch vụ công quốc gia;");
    const size_t dieu1 = find_block(t, "Điều 1.");
    REQUIRE(dieu1 + 6 < t.blocks.size());
    CHECK(t.blocks[dieu1].text.ends_with("phường Hòa Bình, gồm các nội dung sau đây:"));
    CHECK(t.blocks[dieu1].kind == SourceBlock::Kind::PARAGRAPH);
    CHECK(
        describe(std::vector<SourceBlock>(t.blocks.begin() + static_cast<long>(dieu1) + 1,
                                          t.blocks.begin() + static_cast<long>(dieu1) + 7)) ==
        joined({"[1.] Tiếp nhận hồ sơ của tổ chức, cá nhân trong giờ hành chính từ thứ Hai đến thứ "
                "Sáu hằng tuần, trừ ngày nghỉ lễ, Tết theo quy định của pháp luật.",
                "[a)] Hồ sơ nộp trực tiếp được kiểm tra ngay khi tiếp nhận;",
                "[b)] Hồ sơ nộp trực tuyến được kiểm tra trong ngày làm việc tiếp theo.",
                "[2.] Trả kết quả đúng hẹn; trường hợp trễ hẹn phải có văn bản xin lỗi và hẹn lại "
                "thời gian trả kết quả cho tổ chức, cá nhân.",
                "[-] Ứng dụng công nghệ thông tin trong theo dõi tiến độ giải quyết hồ sơ.",
                "[-] Niêm yết công khai thủ tục hành chính tại trụ sở và trên trang thông tin điện "
                "tử của phường."}));
    const size_t dieu2 = find_block(t, "Điều 2.");
    REQUIRE(dieu2 < t.blocks.size());
    CHECK(t.blocks[dieu2].page == 2);
    CHECK(find_block(t, "Điều 3.") == dieu2 + 1);
  }
  SUBCASE("noise removed") {
    for (const auto& b : t.blocks) {
      CAPTURE(b.text);
      CHECK_FALSE(contains(b.text, "CÔNG BÁO"));
      CHECK_FALSE(contains(b.text, "Ký bởi"));
      CHECK_FALSE(contains(b.text, "ubndhoabinh@"));
      CHECK_FALSE(is_page_number(b.text));
    }
    REQUIRE(t.warnings.size() == 1);
    CHECK(contains(t.warnings[0], "chữ ký số"));
    CHECK(contains(t.warnings[0], "trang 1"));
  }
  SUBCASE("the signature: recipients first, then each line of the right column") {
    const size_t recipients = find_block(t, "Nơi nhận:");
    REQUIRE(recipients < t.blocks.size());
    CHECK(describe(std::vector<SourceBlock>(t.blocks.begin() + static_cast<long>(recipients),
                                            t.blocks.end())) ==
          joined({"Nơi nhận:", "[-] Như Điều 3;", "[-] Thường trực Đảng ủy phường;",
                  "[-] Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"}));
  }
  SUBCASE("fonts") {
    CHECK(joined(t.fonts) ==
          joined({"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "OpenSymbol",
                  "LiberationSerif-BoldItalic"}));
    CHECK(t.pages == 2);
  }
}

TEST_CASE("files that cannot be imported") {
  test::TempDir tmp;
  const std::string good = read_bytes(fixture("quyet-dinh-phuong.pdf"));
  REQUIRE(good.size() > 4000);
  struct Row {
    const char* name;
    std::string bytes;
    const char* message;
  };
  const Row rows[] = {
      {"cut.pdf", good.substr(0, 3000), "Không phải tệp PDF hợp lệ hoặc tệp bị hỏng."},
      {"page.pdf", "<!DOCTYPE html><html><body><p>Nghị định</p></body></html>",
       "Không phải tệp PDF hợp lệ"},
      {"empty.pdf", "", "Không phải tệp PDF hợp lệ"},
      {"locked.pdf", read_bytes(fixture("quyet-dinh-mat-khau.pdf")), "Tệp PDF được đặt mật khẩu"},
  };
  for (const Row& r : rows) {
    const std::string captured = r.name;
    CAPTURE(captured);
    const auto path = tmp.path() / r.name;
    test::write_file(path, r.bytes);
    PdfFacts facts;
    try {
      read_pdf_words(path, facts);
      FAIL("no ImportError");
    } catch (const ImportError& e) {
      CHECK(contains(e.what(), r.message));
    }
  }
}

TEST_CASE("the page limit") {
  PdfFacts facts;
  try {
    read_pdf_words(fixture("quyet-dinh-phuong.pdf"), facts, 1);
    FAIL("no ImportError");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == "Tệp có 2 trang, giới hạn là 1 trang.");
  }
  const auto first = read_pdf_words(fixture("quyet-dinh-phuong.pdf"), facts, 1, false);
  CHECK(first.size() == 1);
  CHECK(facts.pages == 2);
  CHECK(read_pdf_words(fixture("quyet-dinh-phuong.pdf"), facts, 2).size() == 2);
}

TEST_CASE("embedded files and JavaScript are reported") {
  PdfFacts facts;
  read_pdf_words(fixture("quyet-dinh-kem-tep.pdf"), facts);
  CHECK(facts.has_embedded_files);
  CHECK_FALSE(facts.has_javascript);

  test::TempDir tmp;
  const std::string text = "BT /F1 12 Tf 72 700 Td (Hello) Tj ET";
  struct Row {
    const char* catalog;
    bool javascript;
  };
  const Row rows[] = {
      {"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", true},
      {"/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>", true},  // #xx escapes
      {"/Names << /JavaScript 6 0 R >>", true},
      {"/PageMode /UseNone /JSON (a) /JSX (b)", false},  // other names starting with JS
  };
  for (const Row& r : rows) {
    const std::string captured = r.catalog;
    CAPTURE(captured);
    const auto path = tmp.path() / "js.pdf";
    test::write_file(path, minimal_pdf(r.catalog, text));
    const auto pages = read_pdf_words(path, facts);
    CHECK(facts.has_javascript == r.javascript);
    REQUIRE(pages.size() == 1);
    REQUIRE(pages[0].words.size() == 1);
    // Baseline 700 points above the bottom of a 792-point page: 92 from the top.
    const SourceWord& w = pages[0].words[0];
    CHECK(w.text == "Hello");
    CHECK(w.x0 == doctest::Approx(72).epsilon(0.01));
    CHECK(w.y0 > 80);
    CHECK(w.y0 < 92);
    CHECK(w.y1 > 90);
    CHECK(w.y1 < 96);
    CHECK(w.font == "Helvetica-Bold");
    CHECK(w.bold);
  }
}

TEST_CASE("scans whose text layer is only the signature stamp") {
  const auto dir = test::shared_documents_dir();
  if (!dir) {
    MESSAGE("../shared/data/documents is absent: the signed scans are not checked");
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(*dir / "ward")) {
    if (entry.path().extension() != ".pdf") continue;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    PdfFacts facts;
    const auto pages = read_pdf_words(entry.path(), facts);
    // vht507 has a real text layer; the others are scans with a stamp.
    const bool scan = !contains(name, "vht507");
    CHECK(only_signature_stamp(pages) == scan);
  }
}

TEST_CASE("the Gazette documents: header, noise, speed") {
  const auto dir = test::shared_documents_dir();
  if (!dir) {
    MESSAGE("../shared/data/documents is absent: the Gazette PDFs are not checked");
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(*dir / "gazette")) {
    if (entry.path().extension() == ".pdf") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() == 43);
  size_t with_number = 0, number_found = 0;
  std::filesystem::path biggest;
  std::uintmax_t biggest_size = 0;
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    CAPTURE(name);
    if (std::filesystem::file_size(file) > biggest_size) {
      biggest_size = std::filesystem::file_size(file);
      biggest = file;
    }
    PdfFacts facts;
    // The first pages: page 1's header, and the running header on the next.
    const auto pages = read_pdf_words(file, facts, 3, false);
    REQUIRE(!pages.empty());
    bool has_quoc_hieu_line = false, has_number_line = false;
    for (const SourceLine& l : lines_of_page(pages[0])) {
      if (is_signature_stamp_line(l.text)) continue;
      has_quoc_hieu_line = has_quoc_hieu_line || has_quoc_hieu(l.text);
      has_number_line = has_number_line || contains(l.text, "Số:") || contains(l.text, "số:");
    }
    const SourceText t = lay_out_pages(pages);
    for (const auto& b : t.blocks) CHECK_FALSE(contains(b.text, "CÔNG BÁO"));
    for (const auto& l : t.header_left) CHECK_FALSE(contains(l.text, "CÔNG BÁO"));
    for (const auto& l : t.header_right) CHECK_FALSE(contains(l.text, "CÔNG BÁO"));
    if (has_quoc_hieu_line) {
      const auto right = texts_of(t.header_right);
      CHECK(std::any_of(right.begin(), right.end(),
                        [](const std::string& s) { return has_quoc_hieu(s); }));
    }
    if (has_number_line) {
      ++with_number;
      const auto left = texts_of(t.header_left);
      if (std::any_of(left.begin(), left.end(), [](const std::string& s) {
            return contains(s, "Số:") || contains(s, "số:");
          })) {
        ++number_found;
      } else {
        MESSAGE("no \"Số:\" line in header_left of " << name);
      }
    }
  }
  CHECK(with_number >= 30);
  CHECK(number_found * 10 >= with_number * 9);
  MESSAGE("\"Số:\" in header_left: " << number_found << " of " << with_number);

  // The biggest file read and laid out whole: every page's running header goes.
  const auto start = std::chrono::steady_clock::now();
  PdfFacts facts;
  const auto pages = read_pdf_words(biggest, facts);
  const SourceText t = lay_out_pages(pages);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& b : t.blocks) CHECK_FALSE(contains(b.text, "CÔNG BÁO"));
  MESSAGE(biggest.filename().string()
          << ": " << pages.size() << " pages in " << seconds << " s ("
          << static_cast<double>(pages.size()) / seconds << " pages/s)");
}
