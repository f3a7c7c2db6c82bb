// Suggestions as you type (suggester.h) and highlights on document pages
// (highlight.h), on a real edition.
#include <doctest/doctest.h>

#include <algorithm>

#include <xapian.h>

#include "edition.h"
#include "highlight.h"
#include "suggester.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

// Three documents sharing the field "Thủ tục hành chính" and the phrase
// "hồ sơ" in headings; one has a number.
struct Edition {
  TempDir tmp;
  std::unique_ptr<Xapian::Database> db;
  Edition() {
    const auto content = tmp.path() / "content";
    write_file(content / "a/mot-cua.md",
               content_file("title: Tiếp nhận hồ sơ tại bộ phận một cửa\n"
                            "department: Trung tâm Phục vụ hành chính công\n"
                            "field: Thủ tục hành chính\n"
                            "type: Quy trình\n",
                            "## Kiểm tra hồ sơ\n\nText.\n\n## Trả kết quả\n\nText.\n"));
    write_file(content / "a/truc-tuyen.md",
               content_file("title: Hồ sơ trực tuyến\n"
                            "department: Trung tâm Phục vụ hành chính công\n"
                            "field: Thủ tục hành chính\n"
                            "type: Hướng dẫn\n",
                            "## Kiểm tra hồ sơ\n\nText.\n"));
    write_file(content / "b/the-thuc.md", content_file("title: Thể thức văn bản hành chính\n"
                                                       "department: Văn phòng HĐND và UBND\n"
                                                       "field: Thủ tục hành chính\n"
                                                       "type: Nghị định\n"
                                                       "number: 30/2020/NĐ-CP\n",
                                                       "Text.\n"));
    build(content, tmp.path() / "index");
    db = std::make_unique<Xapian::Database>(
        (current_edition(tmp.path() / "index").value()).string());
  }
  std::vector<Suggestion> get(std::string_view typed) { return suggest(*db, typed); }
};

std::vector<std::string> texts(const std::vector<Suggestion>& s) {
  std::vector<std::string> out;
  for (const Suggestion& x : s) out.push_back(x.text);
  return out;
}

bool has(const std::vector<Suggestion>& s, const std::string& text) {
  return std::any_of(s.begin(), s.end(), [&](const Suggestion& x) { return x.text == text; });
}

}  // namespace

TEST_CASE("suggestions complete phrases, numbers and titles, accent-insensitive") {
  Edition e;
  struct Case {
    const char* typed;
    const char* first;
    const char* kind;
  };
  const Case cases[] = {
      {"thu t", "thủ tục hành chính", "phrase"},  {"THU T", "thủ tục hành chính", "phrase"},
      {"thủ tụ", "thủ tục hành chính", "phrase"}, {"thu tuc hanh ", "thủ tục hành chính", "phrase"},
      {"30/20", "30/2020/NĐ-CP", "number"},       {"30/2020/nđ", "30/2020/NĐ-CP", "number"},
      {"030/2020", "30/2020/NĐ-CP", "number"},    {"kiem tra h", "Kiểm tra hồ sơ", "heading"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.typed);
    const auto s = e.get(c.typed);
    REQUIRE(!s.empty());
    CHECK(s.front().text == c.first);
    CHECK(s.front().kind == c.kind);
  }
  // A phrase almost always followed by the same word is not offered alone.
  CHECK_FALSE(has(e.get("thu tuc"), "thủ tục hành"));
  // A heading of two documents (and the same phrase) is shown once.
  const auto ho_so = e.get("kiem tra");
  CHECK(std::count_if(ho_so.begin(), ho_so.end(), [](const Suggestion& x) {
          return x.text == "Kiểm tra hồ sơ" || x.text == "kiểm tra hồ sơ";
        }) == 1);
}

TEST_CASE("title suggestions link to the document") {
  Edition e;
  const auto s = e.get("tiep nhan");
  const auto title =
      std::find_if(s.begin(), s.end(), [](const auto& x) { return x.kind == "title"; });
  REQUIRE(title != s.end());
  CHECK(title->text == "Tiếp nhận hồ sơ tại bộ phận một cửa");
  CHECK(title->url == "/doc/a/mot-cua");
}

TEST_CASE("the last words are completed when the whole text is not a phrase") {
  Edition e;
  const auto s = e.get("quy dinh thu t");
  REQUIRE(!s.empty());
  CHECK(s.front().text == "quy dinh thủ tục hành chính");
}

TEST_CASE("odd input gives no suggestion and never throws") {
  Edition e;
  for (const std::string& typed :
       {std::string(), std::string("   "), std::string("zzzkhong"), std::string("<script>"),
        std::string("\xff\xfe"), std::string(5000, 'a'), std::string("\x1f"), std::string("/")}) {
    CAPTURE(typed.size());
    CHECK_NOTHROW(e.get(typed));
  }
  CHECK(e.get("").empty());
  CHECK(e.get("zzzkhong").empty());
  CHECK(texts(e.get("<script>")).empty());
}

TEST_CASE("highlight_html marks words in text, never in tags or references") {
  const std::string html =
      "<h2 id=\"thu-tuc\" title=\"thủ tục\">Thủ tục</h2>"
      "<p><a href=\"/search?q=thu\">thủ tục</a> &amp; thu &lt;thu&gt; 30/2020/NĐ-CP</p>"
      "<script>var thu = 1;</script>";
  const std::string out = highlight_html(html, {"thu", "tuc"}, {"30/2020/nd-cp"});
  CHECK(out ==
        "<h2 id=\"thu-tuc\" title=\"thủ tục\"><mark>Thủ</mark> <mark>tục</mark></h2>"
        "<p><a href=\"/search?q=thu\"><mark>thủ</mark> <mark>tục</mark></a> &amp; "
        "<mark>thu</mark> &lt;<mark>thu</mark>&gt; <mark>30/2020/NĐ-CP</mark></p>"
        "<script>var thu = 1;</script>");
  // Exact forms: only "thủ" typed with its accent.
  CHECK(highlight_html("<p>thu thủ</p>", {"thủ"}, {}) == "<p>thu <mark>thủ</mark></p>");
  CHECK(highlight_html("<p>x</p>", {}, {}) == "<p>x</p>");
}
