// The body of an imported document as Markdown with its own structure:
// Phần/Chương/Mục/Điều headings, khoản and điểm lists, tables, footnotes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "markdown.h"
#include "source_text.h"
#include "structure.h"
#include "test_support.h"

using namespace sotay;
using sotay::test::contains;

namespace {

SourceBlock para(const char* text, bool bold = false) {
  SourceBlock b;
  b.text = text;
  b.bold = bold;
  return b;
}

}  // namespace

TEST_CASE("structure: chapters and articles become headings, khoản and điểm lists") {
  SourceText t;
  t.blocks = {
      para("Căn cứ Luật Tổ chức chính quyền địa phương;"),
      para("Chương I", true),
      para("NHỮNG QUY ĐỊNH CHUNG", true),
      para("Điều 1. Phạm vi điều chỉnh", true),
      para("1. Quy chế này quy định việc tiếp công dân."),
      para("a) Tiếp công dân thường xuyên;"),
      para("b) Tiếp công dân định kỳ."),
      para("2. Các nội dung khác."),
      para("Điều 2. Đối tượng áp dụng", true),
      para("Cán bộ, công chức phường."),
      para("Chương II", true),
      para("TỔ CHỨC THỰC HIỆN", true),
      para("Điều 3. Hiệu lực Quy chế này có hiệu lực kể từ ngày ký và thay thế mọi quy "
           "định trước đây trái với Quy chế này; các cơ quan, đơn vị có liên quan chịu trách "
           "nhiệm thi hành Quy chế này kể từ ngày ký. Mọi vướng mắc báo cáo Chủ tịch.")};
  const std::string md = body_markdown(t);
  CAPTURE(md);
  CHECK(contains(md, "\n## Chương I. Những quy định chung\n"));
  CHECK(contains(md, "\n### Điều 1. Phạm vi điều chỉnh\n"));
  CHECK(contains(md, "\n1. Quy chế này quy định việc tiếp công dân.\n"));
  CHECK(contains(md, "\n   a) Tiếp công dân thường xuyên;\n"));
  CHECK(contains(md, "\n2. Các nội dung khác.\n"));
  CHECK(contains(md, "\n## Chương II. Tổ chức thực hiện\n"));
  // An article typed as one sentence: "Điều 3" and its text.
  CHECK(contains(md, "\n### Điều 3\n\nHiệu lực Quy chế này có hiệu lực"));
  // Rendered, the articles are sections a citation "Điều 1" can reach.
  const RenderedMarkdown r = render_markdown(md);
  std::vector<std::string> titles;
  for (const Section& s : r.sections) titles.push_back(s.title);
  CHECK(std::find(titles.begin(), titles.end(), "Điều 1. Phạm vi điều chỉnh") != titles.end());
  CHECK(contains(r.html, "<ol"));
}

TEST_CASE("structure: articles without chapters are level 2, text is escaped") {
  SourceText t;
  t.blocks = {para("Điều 1. Sửa đổi", true), para("Giá 25.000 đồng/trang *không* <b>đậm</b> [x]"),
              para("# không phải tiêu đề"), para("1986. Năm đổi mới là một câu, không phải khoản")};
  const std::string md = body_markdown(t);
  CAPTURE(md);
  CHECK(contains(md, "## Điều 1. Sửa đổi\n"));
  const RenderedMarkdown r = render_markdown(md);
  CHECK(contains(r.html, "*không*"));
  CHECK(contains(r.html, "&lt;b&gt;đậm&lt;/b&gt;"));
  CHECK(contains(r.html, "# không phải tiêu đề"));
  CHECK_FALSE(contains(r.html, "<h1"));
}

TEST_CASE("structure: tables and footnotes") {
  SourceText t;
  SourceBlock table;
  table.kind = SourceBlock::Kind::TABLE;
  table.table.header_row = true;
  table.table.rows = {
      {"Việc", "Phí"}, {"Chứng thực bản sao", "2.000 đồng/trang"}, {"Ô có | gạch", "x"}};
  t.blocks = {para("Bảng phí:"), table};
  SourceBlock noted;
  noted.text = "Theo Thông tư 226/2016/TT-BTC[^1].";
  noted.markdown = true;
  t.blocks.push_back(noted);
  t.footnotes = {"Đã được sửa đổi năm 2021."};
  const std::string md = body_markdown(t);
  CAPTURE(md);
  const RenderedMarkdown r = render_markdown(md);
  CHECK(contains(r.html, "<table>"));
  CHECK(contains(r.html, "<td>Chứng thực bản sao</td>"));
  CHECK(contains(r.html, "Ô có | gạch"));
  CHECK(contains(r.html, "Đã được sửa đổi năm 2021."));
  CHECK(contains(r.html, "footnote"));
}
