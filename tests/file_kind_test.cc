// What a submitted file really is (from its bytes), and the checks an
// Office zip passes before a converter opens it: zip bombs, lying sizes,
// passwords, fonts. Fixtures are built here: zips with libarchive, DOCX/ODT
// with pandoc, OLE2 heads by hand.
#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "file_kind.h"
#include "source_text.h"
#include "subprocess.h"
#include "test_support.h"

using namespace sotay;
namespace fs = std::filesystem;

namespace {

struct ZipEntry {
  std::string name;
  std::string data;         // written as is …
  std::uint64_t zeros = 0;  // … or this many zero bytes, streamed
};

constexpr const char* STORE = "zip:compression=store";

// Writes a zip with libarchive; `options` such as "zip:encryption=zipcrypt"
// or "zip:compression=store" (an ODF mimetype entry must be stored).
void write_zip(const fs::path& path, const std::vector<ZipEntry>& entries,
               const char* options = nullptr, const char* passphrase = nullptr) {
  archive* a = archive_write_new();
  REQUIRE(archive_write_set_format_zip(a) == ARCHIVE_OK);
  if (options != nullptr) REQUIRE(archive_write_set_options(a, options) == ARCHIVE_OK);
  if (passphrase != nullptr) REQUIRE(archive_write_set_passphrase(a, passphrase) == ARCHIVE_OK);
  REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
  const std::string zeros(1 << 20, '\0');
  for (const ZipEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.zeros > 0 ? e.zeros : e.data.size()));
    REQUIRE_MESSAGE(archive_write_header(a, entry) == ARCHIVE_OK,
                    std::string(archive_error_string(a)));
    if (!e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    for (std::uint64_t left = e.zeros; left > 0;
         left -= std::min<std::uint64_t>(left, zeros.size())) {
      archive_write_data(a, zeros.data(), std::min<std::uint64_t>(left, zeros.size()));
    }
    archive_entry_free(entry);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string le32(std::uint32_t v) {
  return {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
          static_cast<char>((v >> 16) & 0xFF), static_cast<char>(v >> 24)};
}

// Replaces every occurrence of `from` in the file (a zip's declared CRC or size).
void patch_all(const fs::path& path, const std::string& from, const std::string& to) {
  std::string bytes = read_bytes(path);
  int count = 0;
  for (std::size_t at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1)) {
    bytes.replace(at, to.size(), to);
    ++count;
  }
  REQUIRE(count > 0);
  write_bytes(path, bytes);
}

// An OLE2 compound file: the magic, a header sector, and one directory
// sector at `directory_at` (a multiple of 512) holding `streams`.
std::string ole2_file(const std::vector<std::string>& streams, std::size_t directory_at = 512) {
  std::string bytes(directory_at + 512, '\0');
  bytes.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  std::vector<std::string> names = {"Root Entry"};
  names.insert(names.end(), streams.begin(), streams.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::size_t entry = directory_at + 128 * i;
    for (std::size_t k = 0; k < names[i].size(); ++k) bytes[entry + 2 * k] = names[i][k];
    bytes[entry + 0x40] = static_cast<char>(2 * (names[i].size() + 1));
  }
  return bytes;
}

const std::string PNG_HEAD = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
// "Cộng hoà xã hội chủ nghĩa Việt Nam" as TCVN3 (ABC) bytes.
const std::string TCVN3_TEXT =
    "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdc"
    "a Vi\xd6t Nam\r\n";

}  // namespace

TEST_CASE("sniff_kind: the kind from the first bytes") {
  const std::string junk(500, 'x');
  struct Row {
    std::string what;
    std::string head;
    FileKind kind;
  };
  const std::vector<Row> rows = {
      {"nothing", "", FileKind::EMPTY},
      {"whitespace", " \r\n\t \n", FileKind::EMPTY},
      {"a BOM and a newline", "\xEF\xBB\xBF\n", FileKind::EMPTY},
      {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", FileKind::PDF},
      {"PDF after 500 bytes of junk", junk + "%PDF-1.4\n", FileKind::PDF},
      {"%PDF- after 1024 bytes is text", junk + junk + junk + "%PDF-1.4\n", FileKind::TEXT},
      {"HTML doctype", "<!DOCTYPE html>\n<html lang=\"vi\">", FileKind::HTML},
      {"HTML upper case after BOM and spaces", "\xEF\xBB\xBF  \n<HTML><HEAD>", FileKind::HTML},
      {"XHTML", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
       FileKind::HTML},
      {"HTML fragment starting with head", "<head><meta charset=utf-8>", FileKind::HTML},
      {"a paragraph tag is text", "<p>Điều 1.</p>", FileKind::TEXT},
      {"RTF", "{\\rtf1\\ansi\\deff0 {\\fonttbl", FileKind::RTF},
      {"PNG", PNG_HEAD, FileKind::IMAGE},
      {"JPEG", "\xFF\xD8\xFF\xE0\0\x10JFIF", FileKind::IMAGE},
      {"TIFF little-endian", std::string("II*\0\x08\0\0\0", 8), FileKind::IMAGE},
      {"TIFF big-endian", std::string("MM\0*\0\0\0\x08", 8), FileKind::IMAGE},
      {"Markdown front matter", "---\ntitle: Quy chế\n---\n\n# Điều 1\n", FileKind::MARKDOWN},
      {"Markdown, BOM and CRLF", "\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n", FileKind::MARKDOWN},
      {"Markdown without front matter is text", "# Điều 1\n\nNội dung.\n", FileKind::TEXT},
      {"UTF-8 text", "Cộng hòa xã hội chủ nghĩa Việt Nam\n", FileKind::TEXT},
      {"UTF-8 cut inside a character", std::string("Việt Nam ph\xC6"), FileKind::TEXT},
      {"TCVN3 text", TCVN3_TEXT + TCVN3_TEXT, FileKind::TEXT},
      {"executable",
       std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0\0\0",
                   12),
       FileKind::OTHER},
      {"UTF-16 text", std::string("\xFF\xFEV\0i\0\xC7\x1E", 8), FileKind::OTHER},
      {"control characters", std::string(100, '\x01') + "abc", FileKind::OTHER},
      {"OLE2 Word", ole2_file({"WordDocument", "1Table"}), FileKind::DOC},
      {"OLE2 password-protected DOCX", ole2_file({"EncryptionInfo", "EncryptedPackage"}),
       FileKind::ENCRYPTED_OFFICE},
      {"OLE2 Excel", ole2_file({"Workbook"}), FileKind::OTHER},
      {"OLE2, directory beyond the head", ole2_file({"WordDocument"}, 8192).substr(0, 4096),
       FileKind::OTHER},
      {"a zip head with the ODF mimetype",
       std::string("PK\3\4\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\x27\0\0\0\x27\0\0\0\x08\0\0\0", 30) +
           "mimetypeapplication/vnd.oasis.opendocument.text",
       FileKind::ODT},
      {"a zip head naming word/document.xml",
       std::string("PK\3\4\x14\0\0\0\x08\0", 10) + std::string(20, '\0') + "word/document.xml",
       FileKind::DOCX},
      {"a zip cut after its magic", std::string("PK\3\4", 4), FileKind::OTHER},
      {"another zip", std::string("PK\3\4\x14\0\0\0\x08\0", 10) + std::string(20, '\0') + "a.txt",
       FileKind::OTHER},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(sniff_kind(row.head) == row.kind);
  }
}

TEST_CASE("file_kind_of looks inside zips and OLE2 files") {
  test::TempDir tmp;
  const fs::path dir = tmp.path();
  const std::string big(100000, 'x');
  write_zip(dir / "late.docx",
            {{"[Content_Types].xml", big},
             {"customXml/item.xml", big},
             {"word/document.xml", "<w:document/>"}},
            STORE);
  write_zip(dir / "odt.zip",
            {{"mimetype", "application/vnd.oasis.opendocument.text"},
             {"content.xml", "<office:document-content/>"}},
            STORE);
  write_zip(dir / "ods.ods",
            {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
             {"content.xml", "<office:document-content/>"}},
            STORE);
  write_zip(dir / "xlsx.docx", {{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<x/>"}});
  write_bytes(dir / "broken.docx", std::string("PK\3\4", 4) + std::string(200, 'z'));
  write_bytes(dir / "late.doc", ole2_file({"WordDocument"}, 200 * 1024));
  write_bytes(dir / "page.pdf", "<!DOCTYPE html>\n<html><body>Nghị định</body></html>");
  write_bytes(dir / "empty.pdf", "");
  write_bytes(dir / "scan.pdf", PNG_HEAD + std::string(100, '\0'));
  struct Row {
    std::string file;
    FileKind kind;
  };
  for (const Row& row : std::vector<Row>{{"late.docx", FileKind::DOCX},
                                         {"odt.zip", FileKind::ODT},
                                         {"ods.ods", FileKind::OTHER},
                                         {"xlsx.docx", FileKind::OTHER},
                                         {"late.doc", FileKind::DOC},
                                         {"page.pdf", FileKind::HTML},
                                         {"empty.pdf", FileKind::EMPTY},
                                         {"scan.pdf", FileKind::IMAGE}}) {
    CAPTURE(row.file);
    CHECK(file_kind_of(dir / row.file) == row.kind);
  }
  // The heads alone do not tell.
  CHECK(sniff_kind(read_bytes(dir / "late.docx").substr(0, 8192)) == FileKind::OTHER);
  CHECK(sniff_kind(read_bytes(dir / "late.doc").substr(0, 65536)) == FileKind::OTHER);
  CHECK_THROWS_WITH_AS(file_kind_of(dir / "broken.docx"), "tệp nén bị hỏng, không đọc được",
                       ImportError);
  CHECK_THROWS_AS(file_kind_of(dir / "missing.pdf"), ImportError);
}

TEST_CASE("file_kind_of: real DOCX and ODT from pandoc, real PDFs") {
  if (!program_available("pandoc")) {
    MESSAGE("pandoc chưa được cài đặt: bỏ qua DOCX/ODT thật");
  } else {
    JobDirectory job;
    test::write_file(job.path() / "a.md", "# Điều 1. Phạm vi\n\nNội dung **đậm**.\n");
    SubprocessLimits limits;
    limits.memory_bytes = 0;  // GHC reserves a terabyte of address space
    const std::vector<std::pair<std::string, FileKind>> outputs = {{"a.docx", FileKind::DOCX},
                                                                   {"a.odt", FileKind::ODT}};
    for (const auto& [file, kind] : outputs) {
      CAPTURE(file);
      const SubprocessResult r = run_subprocess({"pandoc", "-o", file, "a.md"}, limits, job.path());
      REQUIRE_MESSAGE(r.ok(), r.describe(limits));
      const fs::path path = job.path() / file;
      CHECK(file_kind_of(path) == kind);
      CHECK(sniff_kind(read_bytes(path).substr(0, 8192)) == kind);
      CHECK(check_office_zip(path) == std::nullopt);
    }
    const fs::path docx = job.path() / "a.docx";
    const std::optional<std::string> xml = read_zip_entry(docx, "word/document.xml", 1 << 20);
    REQUIRE(xml.has_value());
    CHECK(xml->find("Phạm vi") != std::string::npos);
    CHECK(read_zip_entry(docx, "word/document.xml", 10) == std::nullopt);  // larger
    CHECK(read_zip_entry(docx, "word/missing.xml", 1 << 20) == std::nullopt);
    CHECK(zip_entry_names(docx).front() == "[Content_Types].xml");
  }
  const std::optional<fs::path> shared = test::shared_documents_dir();
  if (!shared) {
    MESSAGE("không có ../shared/data/documents: bỏ qua các PDF thật");
    return;
  }
  int pdfs = 0;
  for (const char* sub : {"gazette", "ward"}) {
    for (const auto& entry : fs::directory_iterator(*shared / sub)) {
      CAPTURE(entry.path());
      CHECK(kind_of_extension(entry.path()) == FileKind::PDF);
      CHECK(file_kind_of(entry.path()) == FileKind::PDF);
      ++pdfs;
    }
  }
  CHECK(pdfs >= 40);
}

TEST_CASE("check_office_zip: bombs, lying sizes, passwords, too many entries") {
  test::TempDir tmp;
  const fs::path dir = tmp.path();
  const std::uint64_t twenty_mb = 20ull << 20;
  std::string text;  // 3 MB that compresses as text does, a few times
  for (std::uint32_t x = 1; text.size() < (3u << 20); x = x * 1103515245u + 12345u) {
    text += static_cast<char>('a' + (x >> 16) % 26);
  }
  write_zip(dir / "ok.docx", {{"word/document.xml", text}});
  write_zip(dir / "bomb.docx", {{"word/document.xml", "", twenty_mb}});
  // The same bomb declaring 1000 bytes, and a wrong CRC: inflating it to
  // the end fails, so a check that stops at the limit is told apart from
  // one that inflates everything and then compares.
  write_zip(dir / "liar.docx", {{"word/document.xml", "", twenty_mb}});
  patch_all(dir / "liar.docx", le32(static_cast<std::uint32_t>(twenty_mb)), le32(1000));
  const std::string zeros(twenty_mb, '\0');
  const auto crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(zeros.size())));
  patch_all(dir / "liar.docx", le32(crc), le32(crc ^ 0xFFFFFFFFu));
  {  // the central directory (what libarchive reports) now says 1000 bytes
    archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    REQUIRE(archive_read_open_filename(a, (dir / "liar.docx").c_str(), 1 << 16) == ARCHIVE_OK);
    archive_entry* entry = nullptr;
    REQUIRE(archive_read_next_header(a, &entry) == ARCHIVE_OK);
    CHECK(archive_entry_size(entry) == 1000);
    archive_read_free(a);
  }
  std::vector<ZipEntry> many;
  for (int i = 0; i < 30; ++i)
    many.push_back({"word/media/image" + std::to_string(i) + ".png", "x"});
  write_zip(dir / "many.docx", many);
  write_zip(dir / "password.docx", {{"word/document.xml", "<w:document/>"}},
            "zip:encryption=zipcrypt", "mật khẩu");
  write_bytes(dir / "broken.docx", std::string("PK\3\4", 4) + std::string(200, 'z'));

  const ZipLimits small{20, 10ull << 20, 100};
  const ZipLimits no_ratio{20, 10ull << 20, 1e9};
  const ZipLimits roomy{20, 100ull << 20, 1e9};
  struct Row {
    std::string file;
    ZipLimits limits;
    std::optional<std::string> problem;
  };
  const std::vector<Row> rows = {
      {"ok.docx", small, std::nullopt},
      {"bomb.docx", small, "tệp nén giải nén ra hơn 10 MB — giới hạn là 10 MB"},
      {"bomb.docx", roomy, std::nullopt},
      {"bomb.docx", ZipLimits{20, 100ull << 20, 100},
       "mục word/document.xml trong tệp nén giải nén ra gấp hơn 100 lần kích thước nén — giới "
       "hạn là 100 lần"},
      {"liar.docx", no_ratio, "tệp nén giải nén ra hơn 10 MB — giới hạn là 10 MB"},
      {"liar.docx", ZipLimits{20, 100ull << 20, 100},
       "mục word/document.xml trong tệp nén giải nén ra gấp hơn 100 lần kích thước nén — giới "
       "hạn là 100 lần"},
      {"liar.docx", roomy, "tệp nén bị hỏng, không đọc được"},  // read to the end: bad CRC
      {"many.docx", small, "tệp nén có hơn 20 mục — giới hạn là 20 mục"},
      {"many.docx", ZipLimits{30, 10ull << 20, 100}, std::nullopt},
      {"password.docx", small, "tệp được đặt mật khẩu"},
      {"broken.docx", small, "tệp nén bị hỏng, không đọc được"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.file);
    CAPTURE(row.limits.max_total_bytes);
    CAPTURE(row.limits.max_ratio);
    const std::optional<std::string> problem = check_office_zip(dir / row.file, row.limits);
    CHECK(problem.value_or("(không)") == row.problem.value_or("(không)"));
  }
  CHECK_THROWS_WITH_AS(read_zip_entry(dir / "password.docx", "word/document.xml", 1000),
                       "tệp được đặt mật khẩu", ImportError);
}

TEST_CASE("office_fonts: the fonts the text uses, not the fonts listed") {
  test::TempDir tmp;
  const fs::path docx = tmp.path() / "fonts.docx", odt = tmp.path() / "fonts.odt";
  write_zip(docx,
            {{"word/document.xml",
              "<w:document><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\" "
              "w:cs=\"Times New Roman\"/></w:rPr><w:t>C\xc3\xa9ng</w:t></w:r></w:document>"},
             {"word/styles.xml",
              "<w:styles><w:rFonts w:asciiTheme=\"minorHAnsi\"/><w:rFonts w:ascii='VNI-Times' "
              "w:eastAsia=\"SimSun\" /></w:styles>"},
             {"word/fontTable.xml",
              "<w:fonts><w:font w:name=\"Wingdings\"><w:rFonts "
              "w:ascii=\"Wingdings\"/></w:font></w:fonts>"}});
  write_zip(
      odt,
      {{"mimetype", "application/vnd.oasis.opendocument.text"},
       {"content.xml",
        "<office:document-content><office:font-face-decls>"
        "<style:font-face style:name=\"VNI-Times1\" svg:font-family=\"&apos;VNI-Times&apos;\"/>"
        "<style:font-face style:name=\"Unused\" svg:font-family=\"Unused Font\"/>"
        "</office:font-face-decls><office:automatic-styles><style:style style:name=\"T1\">"
        "<style:text-properties style:font-name=\"VNI-Times1\" "
        "fo:font-family=\"&apos;.VnTime&apos;\"/></style:style></office:automatic-styles>"
        "</office:document-content>"},
       {"styles.xml",
        "<office:document-styles><style:text-properties style:font-name=\"Liberation "
        "Serif\" style:font-name-complex=\"VNI-Times1\"/></office:document-styles>"}},
      STORE);
  CHECK(office_fonts(docx, FileKind::DOCX) ==
        std::vector<std::string>{".VnTime", "Times New Roman", "VNI-Times", "SimSun"});
  CHECK(office_fonts(odt, FileKind::ODT) ==
        std::vector<std::string>{"VNI-Times", ".VnTime", "Liberation Serif"});
  CHECK(office_fonts(docx, FileKind::PDF).empty());
}

TEST_CASE("kind_of_extension, kind_name, kind_extension") {
  struct Row {
    const char* file;
    FileKind kind;
    const char* name;
    const char* extension;
  };
  const std::vector<Row> rows = {
      {"a.pdf", FileKind::PDF, "tệp PDF", "pdf"},
      {"A.PDF", FileKind::PDF, "tệp PDF", "pdf"},
      {"a.docx", FileKind::DOCX, "tệp Word (.docx)", "docx"},
      {"a.odt", FileKind::ODT, "tệp OpenDocument (.odt)", "odt"},
      {"a.rtf", FileKind::RTF, "tệp RTF", "rtf"},
      {"a.doc", FileKind::DOC, "tệp Word cũ (.doc)", "doc"},
      {"a.md", FileKind::MARKDOWN, "tệp Markdown", "md"},
      {"a.markdown", FileKind::MARKDOWN, "tệp Markdown", "md"},
      {"a.txt", FileKind::TEXT, "tệp văn bản", "txt"},
      {"a.html", FileKind::HTML, "trang HTML", "html"},
      {"a.htm", FileKind::HTML, "trang HTML", "html"},
      {"a.png", FileKind::IMAGE, "ảnh", "png"},
      {"a.JPG", FileKind::IMAGE, "ảnh", "png"},  // no head given: png
      {"a.jpeg", FileKind::IMAGE, "ảnh", "png"},
      {"a.tif", FileKind::IMAGE, "ảnh", "png"},
      {"a.tiff", FileKind::IMAGE, "ảnh", "png"},
      {"a.xlsx", FileKind::OTHER, "tệp không rõ loại", ""},
      {"pdf", FileKind::OTHER, "tệp không rõ loại", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.file);
    CHECK(kind_of_extension(row.file) == row.kind);
    CHECK(kind_name(row.kind) == row.name);
    CHECK(kind_extension(row.kind) == row.extension);
  }
  CHECK(kind_name(FileKind::EMPTY) == "tệp trống");
  CHECK(kind_name(FileKind::ENCRYPTED_OFFICE) == "tệp Office có mật khẩu");
  CHECK(kind_extension(FileKind::EMPTY).empty());
  CHECK(kind_extension(FileKind::IMAGE, "\xFF\xD8\xFF\xE0") == "jpg");
  CHECK(kind_extension(FileKind::IMAGE, std::string("MM\0*", 4)) == "tif");
  CHECK(kind_extension(FileKind::IMAGE, PNG_HEAD) == "png");
}
