// Procedure cards in the printable handbook (/so-tay) and its PDF: each
// document's cards come before its body, as on the document page, with ids
// and links that work inside the book.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

// The bundled content/ built into an edition in a temp dir.
struct BundledBook {
  TempDir tmp;
  BundledBook() {
    REQUIRE(build(std::filesystem::path(SOTAY_SOURCE_DIR) / "content", tmp.path() / "index")
                .errors.empty());
  }
  std::filesystem::path index() const { return tmp.path() / "index"; }
};

// The value of every id="…" in `html`.
std::multiset<std::string> ids_of(const std::string& html) {
  std::multiset<std::string> ids;
  for (std::size_t at = 0; (at = html.find(" id=\"", at)) != std::string::npos;) {
    at += 5;
    ids.insert(html.substr(at, html.find('"', at) - at));
  }
  return ids;
}

// The anchor ("vb-1-1-1") of the book document holding `text` in `book`.
std::string book_anchor_before(const std::string& book, std::size_t at) {
  const std::string marker = "<article class=\"book-document\" id=\"";
  const std::size_t start = book.rfind(marker, at);
  REQUIRE(start != std::string::npos);
  const std::size_t from = start + marker.size();
  return book.substr(from, book.find('"', from) - from);
}

}  // namespace

TEST_CASE("the handbook prints each document's procedure cards before its body") {
  BundledBook b;
  TestServer server(b.index());
  auto c = server.client();
  const auto res = c.Get("/so-tay");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const std::string& book = res->body;

  const std::size_t birth =
      book.find("<span class=\"procedure-kicker\">Thủ tục:</span> Đăng ký khai sinh");
  REQUIRE(birth != std::string::npos);
  const std::string doc = book_anchor_before(book, birth);
  CAPTURE(doc);
  // Under the document's own h3 title: the card heading is an h4, its ids
  // and in-page links carry the document's anchor.
  const std::string card = doc + "-thu-tuc-dang-ky-khai-sinh";
  CHECK(contains(book, "<section class=\"procedure-card\" id=\"" + card + "\" aria-labelledby=\"" +
                           card + "-h\">"));
  CHECK(contains(book, "<h4 id=\"" + card + "-h\">"));
  CHECK(contains(book, "id=\"" + card + "-phi\""));
  CHECK(contains(book, "<a href=\"#" + card + "\">Đăng ký khai sinh</a>"));  // cards' index
  // The rows a clerk reads: time limit, fees, dossier, legal basis, result.
  for (const char* row :
       {"<dt>Thời hạn giải quyết</dt>", "<dt>Phí, lệ phí</dt>", "<dt>Thành phần hồ sơ</dt>",
        "<dt>Căn cứ pháp lý</dt>", "<dt>Kết quả</dt>", "Giấy chứng sinh"}) {
    CHECK_MESSAGE(book.find(row, birth) != std::string::npos, row);
  }
  // Cards first, then the body of the same document.
  const std::size_t body = book.find("<div class=\"doc-body\">", book.rfind(doc, birth));
  CHECK(book.find("procedure-cards") < body);
  CHECK(birth < book.find("Đăng ký khai sinh, kết hôn, khai tử là ba việc hộ tịch", birth));
  // The fee row of the chứng thực card and the stylesheet with its print rules.
  CHECK(contains(book, "<strong class=\"fee-amount\">2.000 đồng/trang</strong>"));
  CHECK(contains(book, "/static/procedure-card.css"));
  // Every id of the book once: two documents' cards never collide.
  const auto ids = ids_of(book);
  for (const std::string& id : ids) CHECK_MESSAGE(ids.count(id) == 1, id);
}

namespace {

bool on_path(const std::string& program) {
  std::string out;
  return run_command("command -v " + program + " >/dev/null", out) == 0;
}

}  // namespace

TEST_CASE("the handbook's PDF shows the procedure cards as readable text") {
  for (const char* tool : {"chromium", "pdftotext"}) {
    if (!on_path(tool)) {
      MESSAGE("SKIPPED: " << std::string(tool) << " is not installed");
      return;
    }
  }
  BundledBook b;
  const std::string pdf = (b.tmp.path() / "so-tay.pdf").string();
  std::string out;
  REQUIRE(run_command(std::string(SOTAY_SERVER_BIN) + " export-pdf '" + pdf + "' --index '" +
                          b.index().string() + "'",
                      out) == 0);
  std::string text;
  REQUIRE(run_command("pdftotext '" + pdf + "' -", text) == 0);
  for (const char* line : {"Thủ tục: Đăng ký khai sinh", "Thủ tục: Chứng thực bản sao từ bản chính",
                           "Thời hạn giải quyết", "Thành phần hồ sơ", "2.000 đồng/trang"}) {
    CHECK_MESSAGE(contains(text, line), line);
  }
}
