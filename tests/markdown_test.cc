#include <doctest/doctest.h>

#include "markdown.h"

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
  // Table cells end clauses in the plain text.
  CHECK(r.sections[0].text.find("Cột\nGiá trị\n") != std::string::npos);
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
