// OCR of scans (ocr.h) and digital signatures (pdf_signature.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ocr.h"
#include "pdf_signature.h"
#include "test_support.h"

using namespace sotay;
using sotay::test::contains;

namespace {

const std::filesystem::path FIXTURES =
    std::filesystem::path(SOTAY_SOURCE_DIR) / "tests/fixtures/ocr";

std::string words_text(const SourcePage& page) {
  std::string text;
  for (const auto& word : page.words) text += (text.empty() ? "" : " ") + word.text;
  return text;
}

// Real pdfsig 22.12 output (stdout, then stderr) for files in
// ../shared/data/documents, cut to the lines that matter.
const char* const WARD_05CT = R"(Digital Signature Info of: ward/05CT_20250517_033418.pdf
Signature #1:
  - Signature Field Name: Signature1
  - Signer Certificate Common Name: Ủy ban nhân dân tỉnh Quảng Ngãi
  - Signer full Distinguished Name: CN=Ủy ban nhân dân tỉnh Quảng Ngãi,L=Quảng Ngãi,O=Tỉnh Quảng Ngãi,C=VN
  - Signing Time: Apr 16 2020 07:37:07
  - Signing Hash Algorithm: SHA-256
  - Signature Type: adbe.pkcs7.detached
  - Signed Ranges: [0 - 1849359], [1874129 - 1905598]
  - Total document signed
  - Signature Validation: Signature is Valid.
  - Certificate Validation: Certificate issuer is unknown.
)";

const char* const WARD_24TTR = R"(Digital Signature Info of: ward/24-TTR.signed_20250510_124908.pdf
Signature #1:
  - Signature Field Name: Signature1
  - Signer Certificate Common Name: Ủy ban nhân dân tỉnh Quảng Ngãi
  - Signer full Distinguished Name: CN=Ủy ban nhân dân tỉnh Quảng Ngãi,L=Quảng Ngãi,O=Tỉnh Quảng Ngãi,C=VN
  - Signing Time: Feb 07 2025 07:59:55
  - Signing Hash Algorithm: SHA1
  - Signature Type: ETSI.CAdES.detached
  - Signed Ranges: [0 - 939533], [964303 - 995878]
  - Not total document signed
  - Signature Validation: Signature is Valid.
  - Certificate Validation: Certificate issuer is unknown.
Signature #2:
  - Signature Field Name: Signature2
  - Signer Certificate Common Name: TRUNG TÂM CÔNG BÁO VÀ TIN HỌC
  - Signer full Distinguished Name: E=ttcbth@quangngai.gov.vn,UID=MST:4300476238,UID=MNS:1103293,CN=TRUNG TÂM CÔNG BÁO VÀ TIN HỌC,OU=VĂN PHÒNG,O=ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI,L=Quảng Ngãi,C=VN
  - Signing Time: Feb 07 2025 15:53:02
  - Signing Hash Algorithm: SHA-256
  - Signature Type: adbe.pkcs7.detached
  - Signed Ranges: [0 - 1073701], [1090087 - 1123284]
  - Total document signed
  - Signature Validation: Signature is Valid.
  - Certificate Validation: Certificate issuer is unknown.
)";

const char* const GAZETTE_117 =
    R"(Digital Signature Info of: gazette/nghi-dinh-so-117-2022-nd-cp-38918.pdf
Signature #1:
  - Signature Field Name: Signature2
  - Signer Certificate Common Name: (null)
  - Signer full Distinguished Name: (null)
  - Signing Time: Mar 13 2023 02:29:10
  - Signing Hash Algorithm: unknown
  - Signature Type: adbe.pkcs7.detached
  - Signed Ranges: [0 - 1370345], [1395115 - 1433989]
  - Not total document signed
  - Signature Validation: Signature has not yet been verified.

Syntax Error (0): Illegal values in ByteRange array
)";

const char* const GAZETTE_21 = R"(Digital Signature Info of: gazette/chi-thi-so-21-ct-ttg-469580.pdf
Signature #1:
  - Signature Field Name: Signature_35309168-2d3c-4517-b433-79e8034c0168
  - Signer Certificate Common Name: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  - Signer full Distinguished Name: CN=CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM,O=VĂN PHÒNG CHÍNH PHỦ,L=Hà Nội,C=VN
  - Signing Time: Jun 02 2026 01:06:58
  - Signing Hash Algorithm: SHA-256
  - Signature Type: adbe.pkcs7.detached
  - Signed Ranges: [0 - 418934], [681080 - 726431]
  - Total document signed
  - Signature Validation: Signature is Valid.
  - Certificate Validation: Certificate issuer is unknown.
)";

// 05CT with one byte of its scan changed (real output).
const char* const TAMPERED_05CT = R"(Digital Signature Info of: t.pdf
Signature #1:
  - Signer Certificate Common Name: Ủy ban nhân dân tỉnh Quảng Ngãi
  - Signer full Distinguished Name: CN=Ủy ban nhân dân tỉnh Quảng Ngãi,L=Quảng Ngãi,O=Tỉnh Quảng Ngãi,C=VN
  - Signing Time: Apr 16 2020 07:37:07
  - Signed Ranges: [0 - 1849359], [1874129 - 1905598]
  - Total document signed
  - Signature Validation: Digest Mismatch.
)";

// Not seen on this machine (no trusted CA, no revoked certificate): 05CT
// with the certificate line pdfsig prints in those cases.
std::string with_certificate(const std::string& line) {
  std::string out = WARD_05CT;
  const std::string unknown = "Certificate issuer is unknown.";
  return out.replace(out.find(unknown), unknown.size(), line);
}

// The bytes of `from` with one byte inside its first embedded JPEG inverted.
void write_tampered_copy(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::ifstream in(from, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t image = bytes.find("/DCTDecode");
  REQUIRE(image != std::string::npos);
  REQUIRE(image + 5000 < bytes.size());
  bytes[image + 5000] = static_cast<char>(~bytes[image + 5000]);
  sotay::test::write_file(to, bytes);
}

}  // namespace

TEST_CASE("parse_tesseract_tsv scales boxes to points and skips non-words") {
  // Tesseract 5.3 TSV (vie) of a 300 dpi render, cut and given a few bad rows.
  const std::string tsv =
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_"
      "num\tleft\ttop\twidth\theight\tconf\ttext\n"
      "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
      "2\t1\t1\t0\t0\t0\t300\t150\t900\t90\t-1\t\n"
      "3\t1\t1\t1\t0\t0\t300\t150\t900\t90\t-1\t\n"
      "4\t1\t1\t1\t1\t0\t300\t150\t900\t100\t-1\t\n"
      "5\t1\t1\t1\t1\t1\t300\t150\t120\t60\t96.294540\tỦY\n"
      "5\t1\t1\t1\t1\t2\t450\t150\t180\t60\t91.5\tBAN\n"
      "5\t1\t1\t1\t1\t3\t650\t150\t10\t60\t95\t \n"
      "5\t1\t1\t1\t1\t4\t700\t150\t10\t60\t-1\tx\n"
      "5\t1\t1\t1\t1\t5\t720\t150\tten\t60\t90\tbad\n"
      "5\t1\t1\t1\t1\t6\t740\t150\n"
      "5\t1\t1\t1\t1\t7\t900\t150\t300\t60\t42\tSố:\r\n";
  const SourcePage page = parse_tesseract_tsv(tsv, 3, 300);
  CHECK(page.number == 3);
  CHECK(page.width == doctest::Approx(595.2));
  CHECK(page.height == doctest::Approx(841.92));
  REQUIRE(page.words.size() == 3);
  CHECK(words_text(page) == "ỦY BAN Số:");
  const SourceWord& first = page.words[0];
  CHECK(first.x0 == doctest::Approx(72));
  CHECK(first.y0 == doctest::Approx(36));
  CHECK(first.x1 == doctest::Approx(100.8));
  CHECK(first.y1 == doctest::Approx(50.4));
  CHECK(first.confidence == doctest::Approx(96.29454));
  CHECK(first.font_size == doctest::Approx(24 * 0.7));  // from the 100 px line box
  CHECK(page.words[2].confidence == doctest::Approx(42));

  SUBCASE("other resolutions") {
    const SourcePage at_150 = parse_tesseract_tsv(tsv, 1, 150);
    CHECK(at_150.width == doctest::Approx(1190.4));
    CHECK(at_150.words[0].x0 == doctest::Approx(144));
  }
  SUBCASE("empty output: an empty page") {
    const SourcePage empty = parse_tesseract_tsv("", 1, 300);
    CHECK(empty.words.empty());
    CHECK(empty.width == 0);
  }
}

TEST_CASE("OCR reads a scanned page") {
  if (!ocr_available()) {
    MESSAGE("tesseract (vie) or pdftoppm not installed: OCR tests skipped");
    return;
  }
  sotay::test::TempDir tmp;
  OcrOptions options;
  std::vector<int> progress;
  options.progress = [&](int done, int total) {
    CHECK(total == 1);
    progress.push_back(done);
  };
  // A relative path: the programs run in their own directory.
  const auto pdf = std::filesystem::relative(FIXTURES / "notice-scan.pdf");
  const auto pages = ocr_pdf(pdf, 1, tmp.path(), options);
  REQUIRE(pages.size() == 1);
  const SourcePage& page = pages[0];
  const std::string text = words_text(page);
  CAPTURE(text);
  CHECK(contains(text, "ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA"));
  CHECK(contains(text, "THÔNG BÁO"));
  CHECK(contains(text, "lịch tiếp công dân vào sáng"));
  CHECK(page.width == doctest::Approx(419.76).epsilon(0.01));
  CHECK(page.height == doctest::Approx(297.72).epsilon(0.01));
  CHECK(std::all_of(page.words.begin(), page.words.end(), [&](const SourceWord& w) {
    return w.confidence > 0 && w.confidence <= 100 && w.x0 < w.x1 && w.y0 < w.y1 &&
           w.x1 <= page.width + 1;
  }));
  CHECK(progress == std::vector<int>{1});
  CHECK(std::filesystem::is_empty(tmp.path()));  // the page image is gone
}

TEST_CASE("OCR failures name the page") {
  if (!ocr_available()) {
    MESSAGE("tesseract (vie) or pdftoppm not installed: OCR tests skipped");
    return;
  }
  sotay::test::TempDir tmp;
  const auto not_pdf = tmp.path() / "not.pdf";
  sotay::test::write_file(not_pdf, "này không phải PDF");
  OcrOptions options;
  options.jobs = 2;
  // Both pages fail at once: the first page is the one named.
  CHECK_THROWS_WITH_AS(ocr_pdf(not_pdf, 2, tmp.path(), options),
                       doctest::Contains("Trang 1: không chuyển được trang thành ảnh"),
                       ImportError);
  CHECK_THROWS_WITH_AS(ocr_image(not_pdf, tmp.path(), options),
                       doctest::Contains("Trang 1: không nhận dạng được chữ"), ImportError);
  CHECK(ocr_pdf(not_pdf, 0, tmp.path(), options).empty());
}

TEST_CASE("parse_pdfsig_output: verdicts from real pdfsig output") {
  using V = PdfSignature::Verdict;
  struct Row {
    const char* what;
    std::string out;
    std::vector<V> verdicts;
    std::vector<std::string> sentence_parts;  // in the last signature's sentence
  };
  const std::vector<Row> rows = {
      {"scan signed once, issuer unknown",
       WARD_05CT,
       {V::VALID},
       {"Chữ ký số hợp lệ: Ủy ban nhân dân tỉnh Quảng Ngãi (Tỉnh Quảng Ngãi), ký ngày 16/04/2020.",
        "tên người ký chưa được xác nhận"}},
      {"signed twice: the first covers an earlier version",
       WARD_24TTR,
       {V::UNVERIFIABLE, V::VALID},
       {"Chữ ký số hợp lệ: TRUNG TÂM CÔNG BÁO VÀ TIN HỌC (ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI)"}},
      {"Gazette extract, bad ByteRange",
       GAZETTE_117,
       {V::UNVERIFIABLE},
       {"Chữ ký số không kiểm tra được: ", "bản trích", "không còn kiểm tra được"}},
      {"Gazette extract signed by the Gazette itself",
       GAZETTE_21,
       {V::VALID},
       {"(VĂN PHÒNG CHÍNH PHỦ), ký ngày 02/06/2026."}},
      {"changed after signing",
       TAMPERED_05CT,
       {V::INVALID},
       {"Chữ ký số không hợp lệ: Ủy ban nhân dân tỉnh Quảng Ngãi", "đã bị sửa sau khi ký"}},
      {"trusted certificate",
       with_certificate("Certificate is Trusted."),
       {V::VALID},
       {"Chữ ký số hợp lệ: Ủy ban nhân dân tỉnh Quảng Ngãi (Tỉnh Quảng Ngãi), ký ngày "
        "16/04/2020."}},
      {"revoked certificate",
       with_certificate("Certificate has been Revoked."),
       {V::INVALID},
       {"đã bị thu hồi"}},
      {"expired certificate",
       with_certificate("Certificate has Expired"),
       {V::VALID},
       {"đã hết hạn"}},
      {"invalid signature",
       std::string(WARD_05CT).replace(std::string(WARD_05CT).find("Signature is Valid."), 19,
                                      "Signature is Invalid."),
       {V::INVALID},
       {"không khớp với chứng thư số"}},
      {"unsigned file", "File 'x.pdf' does not contain any signatures\n", {}, {}},
      {"unsigned signature field",
       "Digital Signature Info of: x.pdf\nSignature #1:\n  The signature form field is not "
       "signed.\n",
       {},
       {}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const auto signatures = parse_pdfsig_output(row.out);
    std::vector<V> verdicts;
    for (const auto& s : signatures) verdicts.push_back(s.verdict);
    CHECK(verdicts == row.verdicts);
    if (signatures.empty()) continue;
    const std::string sentence = signatures.back().sentence();
    CAPTURE(sentence);
    for (const auto& part : row.sentence_parts) CHECK(contains(sentence, part));
  }
}

TEST_CASE("parse_pdfsig_output: fields and what a sentence never says") {
  const auto ward = parse_pdfsig_output(WARD_24TTR);
  REQUIRE(ward.size() == 2);
  CHECK(ward[0].signer == "Ủy ban nhân dân tỉnh Quảng Ngãi");
  CHECK(ward[0].organisation == "Tỉnh Quảng Ngãi");
  CHECK(ward[0].signing_time == "Feb 07 2025 07:59:55");
  CHECK_FALSE(ward[0].whole_document);
  CHECK(contains(ward[0].sentence(),
                 "Chữ ký số không kiểm tra được: Ủy ban nhân dân tỉnh Quảng Ngãi"));
  CHECK(contains(ward[0].sentence(), "chỉ bảo đảm bản tài liệu lúc ký"));
  CHECK(ward[1].whole_document);
  CHECK_FALSE(ward[1].certificate_verified);
  const auto gazette = parse_pdfsig_output(GAZETTE_117);
  REQUIRE(gazette.size() == 1);
  CHECK(gazette[0].signer.empty());
  CHECK(gazette[0].organisation.empty());
  for (const auto* out : {WARD_05CT, WARD_24TTR, GAZETTE_117, GAZETTE_21, TAMPERED_05CT})
    for (const auto& s : parse_pdfsig_output(out)) {
      CAPTURE(s.sentence());
      // "hợp lệ" only for a whole, intact document; an unverified
      // certificate always says so.
      CHECK(contains(s.sentence(), "Chữ ký số hợp lệ") ==
            (s.verdict == PdfSignature::Verdict::VALID));
      if (s.verdict == PdfSignature::Verdict::VALID) CHECK(s.whole_document);
      if (!s.certificate_verified && s.verdict == PdfSignature::Verdict::VALID)
        CHECK(contains(s.sentence(), "chưa được xác nhận"));
    }
}

TEST_CASE("verify_pdf_signatures: unsigned and unreadable files") {
  // The unsigned PDF is the OCR fixture, named relative to the current
  // directory (pdfsig runs in its own).
  CHECK(verify_pdf_signatures(std::filesystem::relative(FIXTURES / "notice-scan.pdf")).empty());
  sotay::test::TempDir tmp;
  sotay::test::write_file(tmp.path() / "x.pdf", "không phải PDF");
  const auto signatures = verify_pdf_signatures(tmp.path() / "x.pdf");
  REQUIRE(signatures.size() == 1);
  CHECK(signatures[0].verdict == PdfSignature::Verdict::UNVERIFIABLE);
  CHECK(contains(signatures[0].sentence(),
                 "Chữ ký số không kiểm tra được: máy chủ không kiểm tra được"));
}

TEST_CASE("verify_pdf_signatures on the shared documents") {
  using V = PdfSignature::Verdict;
  const auto shared = sotay::test::shared_documents_dir();
  if (!shared) {
    MESSAGE("../shared/data/documents absent: live signature checks on real documents skipped");
    return;
  }
  struct Row {
    std::string file;
    std::vector<V> verdicts;
  };
  const std::vector<Row> rows = {
      {"ward/05CT_20250517_033418.pdf", {V::VALID}},
      {"ward/24-TTR.signed_20250510_124908.pdf", {V::UNVERIFIABLE, V::VALID}},
      {"ward/vht507.signed_20250510_124909.pdf",
       {V::UNVERIFIABLE, V::UNVERIFIABLE, V::UNVERIFIABLE, V::UNVERIFIABLE, V::VALID}},
      {"gazette/nghi-dinh-so-117-2022-nd-cp-38918.pdf", {V::UNVERIFIABLE}},
      {"gazette/chi-thi-so-21-ct-ttg-469580.pdf", {V::VALID}},
  };
  SUBCASE("verdicts") {
    for (const auto& row : rows) {
      CAPTURE(row.file);
      std::vector<V> verdicts;
      for (const auto& s : verify_pdf_signatures(*shared / row.file)) verdicts.push_back(s.verdict);
      CHECK(verdicts == row.verdicts);
    }
  }
  SUBCASE("a signed scan changed after signing") {
    sotay::test::TempDir tmp;
    write_tampered_copy(*shared / "ward/05CT_20250517_033418.pdf", tmp.path() / "changed.pdf");
    const auto signatures = verify_pdf_signatures(tmp.path() / "changed.pdf");
    REQUIRE(signatures.size() == 1);
    CHECK(signatures[0].verdict == V::INVALID);
    CHECK(contains(signatures[0].sentence(), "tài liệu đã bị sửa sau khi ký"));
  }
  SUBCASE("signing time in Vietnam time") {
    const auto signatures =
        verify_pdf_signatures(*shared / "ward/24-TTR.signed_20250510_124908.pdf");
    REQUIRE(!signatures.empty());
    CHECK(signatures[0].signing_time == "Feb 07 2025 14:59:55");  // as stamped on the page
  }
}
