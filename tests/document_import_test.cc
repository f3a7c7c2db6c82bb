// Real documents in, end to end: `sotay-indexer import` of a Word file, a
// legacy TCVN3 text and a text PDF → build → search finds a sentence of
// the original → the page shows the header fields, "Bản gốc" and the
// signature verdict; POST /api/import; and the bad inputs, each refused with
// a message naming the file, nothing written.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "files.h"
#include "submission_support.h"
#include "subprocess.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A Quyết định of the ward as a clerk types it in Word: the two-column
// header as a table, bold type line and title, articles, recipients, signer.
constexpr const char* DECISION_MD =
    R"(| ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HƯNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|:---:|:---:|
| Số: 12/QĐ-UBND | Độc lập - Tự do - Hạnh phúc |
|  | Việt Hưng, ngày 15 tháng 3 năm 2025 |

**QUYẾT ĐỊNH**

**Ban hành Quy chế tiếp công dân của Ủy ban nhân dân phường**

Căn cứ Luật Tiếp công dân số 42/2013/QH13;

**Điều 1.** Ban hành kèm theo Quyết định này Quy chế tiếp công dân.

**Điều 2.** Công dân được tiếp vào sáng thứ Năm hằng tuần tại phòng tiếp dân của trụ sở phường.

Nơi nhận:

- Như Điều 2;
- Lưu: VT.

**CHỦ TỊCH**

Nguyễn Văn Bình
)";

struct Run {
  int status = -1;
  std::string output;
};

Run indexer(const std::string& args) {
  Run r;
  r.status = run_command(std::string(SOTAY_INDEXER_BIN) + " " + args, r.output);
  return r;
}

// The Word file made by pandoc from DECISION_MD; nullopt without pandoc.
std::optional<fs::path> make_docx(const fs::path& dir) {
  if (!program_available("pandoc")) return std::nullopt;
  write_file(dir / "qd.md", DECISION_MD);
  SubprocessLimits limits;
  limits.memory_bytes = 0;
  const SubprocessResult r = run_subprocess(
      {"pandoc", "-f", "markdown", "-t", "docx", "-o", "quyet-dinh-12.docx", "qd.md"}, limits, dir);
  REQUIRE_MESSAGE(r.ok(), r.err);
  return dir / "quyet-dinh-12.docx";
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), dir));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// `text` in TCVN3 bytes (glibc iconv), as an old .txt file holds it.
std::string tcvn3_bytes(const std::string& text) {
  iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in = text, out(text.size() * 2, '\0');
  char* ip = in.data();
  char* op = out.data();
  std::size_t il = in.size(), ol = out.size();
  REQUIRE(iconv(cd, &ip, &il, &op, &ol) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

}  // namespace

TEST_CASE("document_import: a Word file becomes a searchable page with its original") {
  TempDir tmp;
  const auto docx = make_docx(tmp.path());
  if (!docx) {
    MESSAGE("pandoc is not installed: skipped");
    return;
  }
  const fs::path content = tmp.path() / "content";
  write_fixture_content(content);
  const Run r = indexer("import " + docx->string() + " --content " + content.string() +
                        " --department 'Văn phòng HĐND và UBND' --field 'Tiếp công dân'");
  CAPTURE(r.output);
  REQUIRE(r.status == 0);
  CHECK(contains(r.output, "Quyết định 12/QĐ-UBND"));
  const fs::path dir = content / "van-phong-hdnd-va-ubnd";
  const fs::path md = dir / "quyet-dinh-12-qd-ubnd.md";
  REQUIRE(fs::exists(md));
  CHECK(read_file(dir / "quyet-dinh-12-qd-ubnd.docx") == read_file(*docx));
  const std::string file = read_file(md);
  CAPTURE(file);
  for (const char* line :
       {"title: \"Ban hành Quy chế tiếp công dân của Ủy ban nhân dân phường\"",
        "type: \"Quyết định\"", "number: \"12/QĐ-UBND\"",
        "issuer: \"Ủy ban nhân dân phường Việt Hưng\"", "issued: \"2025-03-15\"",
        "place: \"Việt Hưng\"", "signer: \"Nguyễn Văn Bình\"", "signer_position: \"Chủ tịch\"",
        "original: \"quyet-dinh-12-qd-ubnd.docx\"", "## Điều 2"}) {
    CHECK(contains(file, line));
  }
  CHECK_FALSE(contains(file, "CỘNG HÒA XÃ HỘI"));  // the header is front matter, not body

  const fs::path index = tmp.path() / "index";
  const BuildReport report = build(content, index);
  REQUIRE(report.errors.empty());
  TestServer server(index);
  httplib::Client c = server.client();
  const auto search = c.Get("/api/search?q=ti%E1%BA%BFp+d%C3%A2n+s%C3%A1ng+th%E1%BB%A9+N%C4%83m");
  REQUIRE(search);
  CHECK(contains(search->body, "van-phong-hdnd-va-ubnd/quyet-dinh-12-qd-ubnd"));
  const auto page = c.Get("/doc/van-phong-hdnd-va-ubnd/quyet-dinh-12-qd-ubnd");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(contains(page->body, "Nguyễn Văn Bình"));
  CHECK(contains(page->body, "12/QĐ-UBND"));
  CHECK(contains(page->body, "href=\"/doc/van-phong-hdnd-va-ubnd/quyet-dinh-12-qd-ubnd/ban-goc\""));
  CHECK(contains(page->body, "Word (.docx)"));
  CHECK(contains(page->body, "Nơi nhận"));
  const auto original = c.Get("/doc/van-phong-hdnd-va-ubnd/quyet-dinh-12-qd-ubnd/ban-goc");
  REQUIRE(original);
  CHECK(original->status == 200);
  CHECK(original->body == read_file(*docx));
  CHECK(contains(original->get_header_value("Content-Disposition"), "attachment"));
  CHECK(original->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(contains(original->get_header_value("Content-Type"), "wordprocessingml"));
  // A document without an original has no download.
  const auto none = c.Get("/doc/van-phong/quy-che-lam-viec/ban-goc");
  REQUIRE(none);
  CHECK(none->status == 404);

  SUBCASE("a changed original is a changed document; a removed one an error naming it") {
    write_file(dir / "quyet-dinh-12-qd-ubnd.docx", read_file(*docx) + "x");
    const BuildReport again = build(content, index);
    CHECK(again.reindexed == 1);
    fs::remove(dir / "quyet-dinh-12-qd-ubnd.docx");
    const BuildReport missing = build(content, index);
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].path == "van-phong-hdnd-va-ubnd/quyet-dinh-12-qd-ubnd.md");
    CHECK(contains(missing.errors[0].message, "quyet-dinh-12-qd-ubnd.docx"));
  }
}

TEST_CASE("document_import: an old TCVN3 text file is decoded") {
  TempDir tmp;
  const std::string text =
      "ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HƯNG\nSố: 05/TB-UBND\n"
      "Việt Hưng, ngày 2 tháng 4 năm 2024\n\nTHÔNG BÁO\nLịch tiếp công dân quý II\n\n"
      "Ủy ban nhân dân phường thông báo lịch tiếp công dân định kỳ vào thứ Năm hằng tuần.\n";
  write_file(tmp.path() / "thong-bao.txt", tcvn3_bytes(text));
  const fs::path content = tmp.path() / "content";
  const Run r = indexer("import " + (tmp.path() / "thong-bao.txt").string() + " --content " +
                        content.string() + " --department 'Văn phòng HĐND và UBND' --json");
  CAPTURE(r.output);
  REQUIRE(r.status == 0);
  const json out = json::parse(r.output);
  REQUIRE(out.size() == 1);
  CHECK(out[0]["legacy_encoding"] == "TCVN3");
  CHECK(out[0]["fields"]["number"] == "05/TB-UBND");
  CHECK(out[0]["fields"]["type"] == "Thông báo");
  CHECK(contains(read_file(out[0]["path"].get<std::string>()), "thông báo lịch tiếp công dân"));
}

TEST_CASE("document_import: bad inputs are refused by name and nothing is written") {
  TempDir tmp;
  const fs::path in = tmp.path() / "in";
  fs::create_directories(in);
  write_file(in / "trong.pdf", "");
  write_file(in / "trang-web.pdf", "<!DOCTYPE html><html><body>Đăng nhập</body></html>");
  write_file(in / "hong.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n");
  write_file(in / "la.docx", "không phải tệp Word");
  write_file(in / "da-la.md", "---\ntitle: x\ndepartment: y\n---\nnội dung\n");
  struct Case {
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {"trong.pdf", "tệp trống"},         {"trang-web.pdf", "trang web"}, {"hong.pdf", "PDF"},
      {"la.docx", "nội dung không phải"}, {"da-la.md", "Markdown"},
  };
  const fs::path content = tmp.path() / "content";
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const Run r = indexer("import " + (in / c.file).string() + " --content " + content.string() +
                          " --department 'Văn phòng HĐND và UBND'");
    CAPTURE(r.output);
    CHECK(r.status == 1);
    CHECK(contains(r.output, std::string("✗ ") + (in / c.file).string() + ": "));
    CHECK(contains(r.output, c.message));
    CHECK(files_under(content).empty());
  }
}

TEST_CASE("document_import: POST /api/import proposes the document for confirmation") {
  Workflow w;
  const auto docx = make_docx(w.tmp.path());
  if (!docx) {
    MESSAGE("pandoc is not installed: skipped");
    return;
  }
  httplib::Client c = w.client();
  const httplib::Headers auth = {{"Authorization", "Bearer " + w.office}};
  const auto ok = c.Post("/api/import?filename=qd%2012.docx", auth, read_file(*docx),
                         "application/octet-stream");
  REQUIRE(ok);
  CAPTURE(ok->body);
  REQUIRE(ok->status == 200);
  const json doc = json::parse(ok->body)["document"];
  CHECK(doc["fields"]["number"] == "12/QĐ-UBND");
  CHECK(doc["source_name"] == "qd 12.docx");
  CHECK(contains(doc["content"].get<std::string>(), "department: \"Văn phòng HĐND và UBND\""));
  // Nothing reaches content/ or the inbox before the department confirms.
  CHECK_FALSE(fs::exists(w.content / "van-phong-hdnd-va-ubnd"));

  const auto html = c.Post("/api/import?filename=nghi-dinh.pdf", auth,
                           "<html><body>trang web</body></html>", "application/pdf");
  REQUIRE(html);
  CHECK(html->status == 422);
  CHECK(contains(html->body, "nghi-dinh.pdf"));
  CHECK(contains(html->body, "trang web"));
  const auto anonymous = c.Post("/api/import?filename=a.pdf", read_file(*docx), "application/pdf");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  const auto empty = c.Post("/api/import?filename=a.pdf", auth, "", "application/pdf");
  REQUIRE(empty);
  CHECK(empty->status == 400);
}

namespace {

fs::path fixture(const char* name) { return fs::path(SOTAY_SOURCE_DIR) / "tests/fixtures" / name; }

}  // namespace

TEST_CASE("document_import: a text PDF becomes a page with its header, original and verdict") {
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  write_fixture_content(content);
  const Run r =
      indexer("import " + fixture("import/quyet-dinh-phuong.pdf").string() + " --content " +
              content.string() + " --department 'Văn phòng HĐND và UBND'");
  CAPTURE(r.output);
  REQUIRE(r.status == 0);
  const fs::path md = content / "van-phong-hdnd-va-ubnd/quyet-dinh-15-qd-ubnd.md";
  REQUIRE(fs::exists(md));
  const std::string file = read_file(md);
  CAPTURE(file);
  CHECK(contains(file, "number: \"15/QĐ-UBND\""));
  CHECK(contains(file, "issuer: \"Ủy ban nhân dân phường Hòa Bình\""));
  CHECK(contains(file, "issued: \"2025-03-12\""));
  CHECK(contains(file, "signer: \"Nguyễn Văn An\""));
  CHECK_FALSE(contains(file,
                       "title: \"Về việc ban hành Quy chế tiếp nhận hồ sơ và trả kết quả tại "
                       "Bộ phận một cửa phường CHỦ TỊCH"));
  CHECK(contains(r.output, "dấu chữ ký số"));  // the stamp line dropped, and said so

  const fs::path index = tmp.path() / "index";
  REQUIRE(build(content, index).errors.empty());
  TestServer server(index);
  httplib::Client c = server.client();
  const auto page = c.Get("/doc/van-phong-hdnd-va-ubnd/quyet-dinh-15-qd-ubnd");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(contains(page->body, "Bản gốc không có chữ ký số."));
  CHECK(contains(page->body, "(PDF, "));
  const auto original = c.Get("/doc/van-phong-hdnd-va-ubnd/quyet-dinh-15-qd-ubnd/ban-goc");
  REQUIRE(original);
  CHECK(original->status == 200);
  CHECK(original->get_header_value("Content-Type") == "application/pdf");
  CHECK(original->body == read_file(fixture("import/quyet-dinh-phuong.pdf")));
}

TEST_CASE("document_import: a Gazette extract's signature is shown as unverifiable, never valid") {
  const auto docs = shared_documents_dir();
  if (!docs) {
    MESSAGE("../shared/data/documents is absent: skipped");
    return;
  }
  TempDir tmp;
  const fs::path content = tmp.path() / "content";
  const fs::path pdf = *docs / "gazette/nghi-dinh-so-117-2022-nd-cp-38918.pdf";
  const Run r = indexer("import " + pdf.string() + " --content " + content.string() +
                        " --department 'Văn phòng HĐND và UBND' --json");
  CAPTURE(r.output);
  REQUIRE(r.status == 0);
  const json out = json::parse(r.output);
  CHECK(out[0]["fields"]["type"] == "Nghị định");
  CHECK(out[0]["fields"]["number"] == "117/2022/NĐ-CP");
  const fs::path index = tmp.path() / "index";
  REQUIRE(build(content, index).errors.empty());
  TestServer server(index);
  const std::string id =
      fs::relative(out[0]["path"].get<std::string>(), content).replace_extension().string();
  const auto page = server.client().Get("/doc/" + id);
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(contains(page->body, "Chữ ký số không kiểm tra được"));
  CHECK_FALSE(contains(page->body, "Chữ ký số hợp lệ"));
}

TEST_CASE("document_import: PDFs that must not become documents") {
  TempDir tmp;
  const fs::path in = tmp.path() / "in";
  fs::create_directories(in);
  // JavaScript added as an incremental update: poppler still opens it.
  write_file(in / "co-javascript.pdf",
             read_file(fixture("import/quyet-dinh-phuong.pdf")) +
                 "\n99 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n");
  struct Case {
    fs::path file;
    const char* options;
    const char* message;
  };
  const Case cases[] = {
      {fixture("import/quyet-dinh-mat-khau.pdf"), "", "mật khẩu"},
      {fixture("import/quyet-dinh-kem-tep.pdf"), "", "đính kèm"},
      {in / "co-javascript.pdf", "", "JavaScript"},
      {fixture("import/quyet-dinh-phuong.pdf"), "--max-pages 1", "giới hạn là 1 trang"},
      {fixture("ocr/notice-scan.pdf"), "--no-ocr", "bản scan"},
  };
  const fs::path content = tmp.path() / "content";
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const Run r = indexer("import " + c.file.string() + " " + c.options + " --content " +
                          content.string() + " --department 'Văn phòng HĐND và UBND'");
    CAPTURE(r.output);
    CHECK(r.status == 1);
    CHECK(contains(r.output, "✗ " + c.file.string() + ": "));
    CHECK(contains(r.output, c.message));
    CHECK(files_under(content).empty());
  }
}
