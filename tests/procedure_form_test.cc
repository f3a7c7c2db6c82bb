// Form files of procedure cards (thu_tuc › bieu_mau › tep): refused at build
// time when missing or outside the document's folder, carried by the edition
// and served as downloads from /doc/<id>/bieu-mau/<file>, linked from the card.
#include <doctest/doctest.h>

#include <filesystem>

#include "content_loader.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

// A card whose form line (line 13) is `form`; `form` "" leaves bieu_mau out.
std::string card_file(const std::string& form) {
  return "---\n"                                                       // 1
         "title: Đăng ký khai sinh\n"                                  // 2
         "department: Trung tâm Phục vụ hành chính công\n"             // 3
         "type: Thủ tục hành chính\n"                                  // 4
         "thu_tuc:\n"                                                  // 5
         "  ten: Đăng ký khai sinh\n"                                  // 6
         "  co_quan_thuc_hien: UBND phường\n"                          // 7
         "  thoi_han_giai_quyet: Trong ngày\n"                         // 8
         "  phi_le_phi: [{ten: Khai sinh đúng hạn, muc: Miễn phí}]\n"  // 9
         "  ho_so: [{ten: Tờ khai, ban: chính}]\n"                     // 10
         "  ket_qua: Giấy khai sinh\n"                                 // 11
         "  bieu_mau:\n" +                                             // 12
         form +                                                        // 13
         "---\n"
         "Thủ tục đăng ký khai sinh tại phường.\n";
}

const std::string DOCX_MIME =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

TEST_CASE("a form must name a file beside the document: file, line and field in the error") {
  struct Row {
    const char* form;  // line 13 of the card
    int line;          // 0: valid
    const char* says;
  };
  const Row rows[] = {
      {"    - ten: Tờ khai\n      tep: to-khai.docx\n", 0, ""},
      {"    - Tờ khai (chỉ có tên, không có tệp)\n", 0, ""},
      {"    - ten: Tờ khai\n      tep: khong-co.docx\n", 14,
       "không thấy tệp biểu mẫu \"khong-co.docx\""},
      {"    - ten: Tờ khai\n      tep: ../to-khai.docx\n", 14,
       "tên tệp không hợp lệ \"../to-khai.docx\""},
      {"    - ten: Tờ khai\n      tep: /etc/to-khai.txt\n", 14,
       "tên tệp không hợp lệ \"/etc/to-khai.txt\""},
      {"    - ten: Tờ khai\n      tep: mau/to-khai.docx\n", 14, "tên tệp không hợp lệ"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.form);
    TempDir tmp;
    const auto content = tmp.path() / "content";
    write_file(content / "tu-phap/khai-sinh.md", card_file(row.form));
    write_file(content / "tu-phap/to-khai.docx", "PK form");
    write_file(content / "to-khai.docx", "PK outside");  // what "../" would reach
    const LoadedContent loaded = load_all_documents(content);
    if (row.line == 0) {
      CHECK(loaded.errors.empty());
      CHECK(loaded.docs.size() == 1);
      continue;
    }
    REQUIRE(loaded.errors.size() == 1);
    CHECK(loaded.errors[0].path == "tu-phap/khai-sinh.md");
    CHECK(loaded.errors[0].line == row.line);
    CHECK(contains(loaded.errors[0].message, "thu_tuc › bieu_mau › tep"));
    CHECK(contains(loaded.errors[0].message, row.says));
    CHECK(loaded.docs.empty());  // the document is not published with a broken form
  }
}

TEST_CASE("a card's form file is served from the edition as a download and linked from the card") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  const auto index = tmp.path() / "index";
  write_file(content / "tu-phap/khai-sinh.md",
             card_file("    - ten: Tờ khai đăng ký khai sinh\n      tep: to-khai.docx\n"
                       "    - Giấy cam đoan về việc sinh\n"));
  write_file(content / "tu-phap/to-khai.docx", "PK bản thứ nhất");
  REQUIRE(build(content, index).errors.empty());
  TestServer server(index);
  auto c = server.client();

  auto page = c.Get("/doc/tu-phap/khai-sinh");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(contains(page->body,
                 "<a href=\"/doc/tu-phap/khai-sinh/bieu-mau/to-khai.docx\" "
                 "download=\"to-khai.docx\">Tờ khai đăng ký khai sinh</a>"));
  CHECK(contains(page->body, "(tải về: Word (.docx), 1 KB)"));
  CHECK(contains(page->body, "<li class=\"procedure-form\">Giấy cam đoan về việc sinh</li>"));

  auto file = c.Get("/doc/tu-phap/khai-sinh/bieu-mau/to-khai.docx");
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->body == "PK bản thứ nhất");
  CHECK(file->get_header_value("Content-Type") == DOCX_MIME);
  CHECK(file->get_header_value("Content-Disposition") ==
        "attachment; filename=\"to-khai.docx\"; filename*=UTF-8''to-khai.docx");
  CHECK(file->get_header_value("X-Content-Type-Options") == "nosniff");

  // Only the forms the card names; nothing else from the folder or above it.
  write_file(content / "tu-phap/khac.txt", "không phải biểu mẫu");
  for (const char* path :
       {"/doc/tu-phap/khai-sinh/bieu-mau/khac.txt", "/doc/tu-phap/khai-sinh/bieu-mau/khai-sinh.md",
        "/doc/tu-phap/khai-sinh/bieu-mau/..%2Fkhai-sinh.md",
        "/doc/tu-phap/khong-co/bieu-mau/to-khai.docx"}) {
    CAPTURE(path);
    const auto res = c.Get(path);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(!contains(res->body, "PK bản thứ nhất"));
  }

  // A new version of the form file alone is a changed document: the next
  // (incremental) build serves the new bytes.
  write_file(content / "tu-phap/to-khai.docx", "PK bản thứ hai, dài hơn");
  REQUIRE(build(content, index).errors.empty());
  CHECK(wait_until(
      [&] {
        const auto res = c.Get("/doc/tu-phap/khai-sinh/bieu-mau/to-khai.docx");
        return res && res->body == "PK bản thứ hai, dài hơn";
      },
      std::chrono::seconds(10)));
}

TEST_CASE("the bundled handbook's khai sinh card offers its form for download") {
  TempDir tmp;
  REQUIRE(build(std::filesystem::path(SOTAY_SOURCE_DIR) / "content", tmp.path() / "index")
              .errors.empty());
  TestServer server(tmp.path() / "index");
  auto c = server.client();
  const std::string url =
      "/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich/bieu-mau/"
      "to-khai-dang-ky-khai-sinh.docx";
  const auto page = c.Get("/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich");
  REQUIRE(page);
  CHECK(contains(page->body, "<a href=\"" + url + "\""));
  const auto file = c.Get(url);
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->get_header_value("Content-Type") == DOCX_MIME);
  CHECK(file->body.substr(0, 2) == "PK");  // a zip: a real .docx
  CHECK(file->body.size() < 50 * 1024);
}
