#include <doctest/doctest.h>

#include "markdown.h"
#include "table_text.h"
#include "tokenizer.h"

using namespace sotay;

TEST_CASE("sections come from top-level headings with unique anchors") {
  const RenderedMarkdown r = render_markdown(
      "Lời mở đầu.\n\n## Điều 5. Đối tượng áp dụng\n\nVăn bản A.\n\n### Khoản 1\n\nB\n\n"
      "## Điều 5. Đối tượng áp dụng\n\nC\n\n## !!!\n\nD\n");
  REQUIRE(r.sections.size() == 5);
  CHECK(r.sections[0].anchor.empty());
  CHECK(r.sections[0].text == "Lời mở đầu.");
  CHECK(r.sections[1].anchor == "dieu-5-doi-tuong-ap-dung");
  CHECK(r.sections[1].title == "Điều 5. Đối tượng áp dụng");
  CHECK(r.sections[1].level == 2);
  CHECK(r.sections[2].anchor == "khoan-1");
  CHECK(r.sections[2].level == 3);
  CHECK(r.sections[3].anchor == "dieu-5-doi-tuong-ap-dung-2");
  CHECK(r.sections[4].anchor == "muc-5");
  CHECK(r.html.find("<h2 id=\"dieu-5-doi-tuong-ap-dung\">") != std::string::npos);
  CHECK(r.html.find("href=\"#dieu-5-doi-tuong-ap-dung-2\"") != std::string::npos);
}

TEST_CASE("no lead section when the body starts with a heading") {
  const RenderedMarkdown r = render_markdown("## A\n\nx\n");
  REQUIRE(r.sections.size() == 1);
  CHECK(r.sections[0].anchor == "a");
}

TEST_CASE("GFM tables, strikethrough, autolinks and task lists render") {
  const RenderedMarkdown r = render_markdown(
      "| Cột | Giá trị |\n| --- | --- |\n| a | b |\n\n~~cũ~~ https://dichvucong.gov.vn\n\n"
      "- [x] xong\n- [ ] chưa\n");
  CHECK(r.html.find("<table>") != std::string::npos);
  CHECK(r.html.find("<del>cũ</del>") != std::string::npos);
  CHECK(r.html.find("<a href=\"https://dichvucong.gov.vn\">") != std::string::npos);
  CHECK(r.html.find("type=\"checkbox\"") != std::string::npos);
  // Table cells end clauses in the plain text, and keep their rows
  // (table_text.h): a cell mark, or a row mark after a row's last cell.
  CHECK(r.sections[0].text.find("\x1d"
                                "Cột\x1f\nGiá trị\x1e\na\x1f\nb\x1e\n") != std::string::npos);
  CHECK(strip_table_marks(r.sections[0].text).find("Cột\nGiá trị\n") != std::string::npos);
}

TEST_CASE("table marks change no term: tokens are those of the text without them") {
  const RenderedMarkdown r = render_markdown(
      "Mức phí:\n\n| Việc | Mức thu |\n| --- | --- |\n| Bản sao | 2.000 đồng/trang |\n"
      "|  | trống |\n\nSau bảng.\n");
  const std::string& text = r.sections[0].text;
  const std::vector<TextTable> tables = find_text_tables(text);
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].rows.size() == 3);
  const auto cell = [&](std::size_t row, std::size_t c) {
    const TextSpan s = tables[0].rows[row].cells.at(c);
    return text.substr(s.begin, s.end - s.begin);
  };
  CHECK(cell(0, 1) == "Mức thu");
  CHECK(cell(1, 1) == "2.000 đồng/trang");
  CHECK(cell(2, 0).empty());
  CHECK(text.substr(tables[0].span.end).find("Sau bảng.") != std::string::npos);
  const std::vector<Token> marked = tokenize(text);
  const std::vector<Token> plain = tokenize(strip_table_marks(text));
  REQUIRE(marked.size() == plain.size());
  for (std::size_t i = 0; i < marked.size(); ++i) {
    CAPTURE(plain[i].exact);
    CHECK(marked[i].exact == plain[i].exact);
    CHECK(marked[i].pos == plain[i].pos);
    CHECK(marked[i].clause_start == plain[i].clause_start);
  }
}

TEST_CASE("raw HTML is never rendered") {
  const RenderedMarkdown r = render_markdown(
      "<script>alert(1)</script>\n\nText <b onclick=x>b</b> <img src=x onerror=y>\n");
  CHECK(r.html.find("<script") == std::string::npos);
  CHECK(r.html.find("onclick") == std::string::npos);
  CHECK(r.html.find("onerror") == std::string::npos);
  CHECK(r.html.find("<img") == std::string::npos);
}

TEST_CASE("javascript: links are not rendered as links") {
  const RenderedMarkdown r = render_markdown("[x](javascript:alert(1))\n");
  CHECK(r.html.find("javascript:") == std::string::npos);
}

TEST_CASE("deep nesting stays linear") {
  std::string deep(30000, '>');
  deep += " x\n";
  const RenderedMarkdown r = render_markdown(deep);
  CHECK(!r.html.empty());
  std::string lists;
  for (int i = 0; i < 5000; ++i)
    lists += std::string(static_cast<std::size_t>(i % 40) * 2, ' ') + "- a\n";
  CHECK(!render_markdown(lists).html.empty());
}
