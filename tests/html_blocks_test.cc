// Raw HTML in a body (html_blocks.h, html_table.h): pasted tables become GFM
// tables that render as <table>, scripts go, the rest is warned by line;
// `check` warns about raw HTML left in content/.
#include <doctest/doctest.h>

#include <string>

#include "content_check.h"
#include "html_blocks.h"
#include "html_table.h"
#include "markdown.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

bool has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The warning on `line`, or "" (the first one).
std::string warning_on(const std::vector<ContentError>& warnings, int line) {
  for (const ContentError& w : warnings) {
    if (w.line == line) return w.message;
  }
  return {};
}

// A table as a clerk pastes it from a web page or an e-mail.
const char* PASTED_TABLE =
    "Thành phần hồ sơ:\n"
    "\n"
    "<table class=\"MsoTable\" border=\"1\">\n"
    "  <thead><tr><th>TT</th><th>Giấy tờ</th><th>Số lượng</th></tr></thead>\n"
    "  <tbody>\n"
    "  <tr><td>1</td><td><b>Tờ khai</b> &amp; bản sao<br>CCCD</td><td>01&nbsp;bản</td></tr>\n"
    "  <tr><td>2</td><td>Giấy x&aacute;c nhận | c&#243; dấu</td></tr>\n"
    "  </tbody>\n"
    "</table>\n"
    "\n"
    "Nộp tại bộ phận một cửa.\n";

}  // namespace

TEST_CASE("a pasted HTML table becomes a GFM table that renders as a table") {
  // The body starts on line 6 of its file: lines of warnings are file lines.
  const CleanedBody c = clean_pasted_html(PASTED_TABLE, 6);
  CAPTURE(c.markdown);
  CHECK(c.changed);
  CHECK(has(c.markdown, "| TT | Giấy tờ | Số lượng |\n| --- | --- | --- |\n"));
  CHECK(has(c.markdown, "| 1 | Tờ khai & bản sao CCCD | 01 bản |\n"));
  // Entities decoded (&aacute; is left for cmark, which knows it), | escaped,
  // the short row padded.
  CHECK(has(c.markdown, "| 2 | Giấy x&aacute;c nhận \\| có dấu |  |\n"));
  CHECK_FALSE(has(c.markdown, "<t"));
  CHECK(has(c.markdown, "Thành phần hồ sơ:\n"));
  CHECK(has(c.markdown, "Nộp tại bộ phận một cửa.\n"));
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].line == 8);
  CHECK(has(c.warnings[0].message, "dòng 8–14"));
  CHECK(has(c.warnings[0].message, "đã được chuyển thành bảng Markdown (3 hàng, 3 cột)"));

  const std::string html = render_markdown(c.markdown).html;
  CAPTURE(html);
  CHECK(has(html, "<table>"));
  CHECK(has(html, "<th>Giấy tờ</th>"));
  CHECK(has(html, "<td>Tờ khai &amp; bản sao CCCD</td>"));
  CHECK(has(html, "<td>Giấy xác nhận | có dấu</td>"));
  // Before the conversion the same table vanished from the page.
  CHECK_FALSE(has(render_markdown(PASTED_TABLE).html, "Tờ khai"));
}

TEST_CASE("tables GFM cannot hold stay, with a warning naming their lines") {
  struct Row {
    const char* name;
    std::string html;
    const char* why;
  };
  const Row rows[] = {
      {"colspan",
       "<table>\n<tr><td colspan=\"2\">Gộp</td></tr>\n<tr><td>a</td><td>b</td></tr>\n</table>\n",
       "ô gộp"},
      {"rowspan", "<TABLE>\n<TR><TD ROWSPAN=3>Gộp</TD><TD>x</TD></TR>\n</TABLE>\n", "ô gộp"},
      {"nested", "<table><tr><td>\n<table><tr><td>x</td></tr></table>\n</td></tr></table>\n",
       "bảng lồng"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const CleanedBody c = clean_pasted_html("Trước.\n\n" + r.html, 10);
    CHECK_FALSE(c.changed);
    CHECK(c.markdown == "Trước.\n\n" + r.html);
    const std::string w = warning_on(c.warnings, 12);
    CAPTURE(w);
    CHECK(has(w, r.why));
    CHECK(has(w, "không chuyển được thành bảng Markdown"));
    CHECK(c.warnings.size() == 1);  // not warned again as raw HTML
  }
  // colspan="1" merges nothing: converted.
  CHECK(clean_pasted_html("<table><tr><td colspan=\"1\">a</td></tr></table>\n", 1).changed);
}

TEST_CASE("script and style elements are removed, their text never shown") {
  const std::string body =
      "Đoạn một <script>alert('một')</script> còn đây.\n"
      "\n"
      "<style>\n"
      "p { color: red }\n"
      "</style>\n"
      "\n"
      "Cuối <SCRIPT type=\"text/javascript\">\n"
      "steal()\n"
      "</SCRIPT> hết.\n";
  const CleanedBody c = clean_pasted_html(body, 5);
  CAPTURE(c.markdown);
  CHECK(c.changed);
  CHECK_FALSE(has(c.markdown, "alert"));
  CHECK_FALSE(has(c.markdown, "color"));
  CHECK_FALSE(has(c.markdown, "steal"));
  CHECK(has(c.markdown, "Đoạn một  còn đây."));
  CHECK(has(c.markdown, "Cuối "));
  CHECK(has(c.markdown, " hết."));
  CHECK(has(warning_on(c.warnings, 5), "<script>"));
  CHECK(has(warning_on(c.warnings, 7), "<style>"));
  CHECK(has(warning_on(c.warnings, 11), "<script>"));
  CHECK(c.warnings.size() == 3);
  // In code, HTML is what the author means to show.
  const std::string code =
      "```html\n<script>x()</script>\n<table><tr><td>a</td></tr></table>\n```\n"
      "Dùng `<script>` là sai.\n";
  const CleanedBody kept = clean_pasted_html(code, 1);
  CHECK_FALSE(kept.changed);
  CHECK(kept.warnings.empty());
}

TEST_CASE("the renderer drops the text of an inline script too") {
  // A file in content/ never went through the submission check.
  const std::string html =
      render_markdown("Chữ <script>alert(1)</script> và <style>p{}</style> tiếp.\n").html;
  CAPTURE(html);
  CHECK_FALSE(has(html, "alert"));
  CHECK_FALSE(has(html, "p{}"));
  CHECK(has(html, "tiếp."));
  // Unclosed: the rest of the paragraph goes, as a browser would hide it.
  CHECK_FALSE(has(render_markdown("A <script>x\n\nB\n").html, "x</p>"));
  CHECK(has(render_markdown("A <script>x\n\nB\n").html, "<p>B</p>"));
}

TEST_CASE("other raw HTML is warned by line, with the Markdown to write") {
  const std::string body =
      "Chữ <b>đậm</b> và <i>nghiêng</i>.\n"   // 20
      "\n"                                    // 21
      "<div class=\"note\">\n"                // 22
      "<p>Ghi chú</p>\n"                      // 23
      "</div>\n"                              // 24
      "\n"                                    // 25
      "<!-- ghi chú cho biên tập viên -->\n"  // 26
      "\n"                                    // 27
      "Dòng<br>mới, [liên kết](/doc/a).\n";   // 28
  const std::vector<ContentError> w = raw_html_warnings(body, 20);
  REQUIRE(w.size() == 3);
  CHECK(w[0].line == 20);
  CHECK(has(w[0].message, "thẻ HTML <b>, <i> bị bỏ qua"));
  CHECK(has(w[0].message, "**chữ đậm**"));
  CHECK(w[1].line == 22);
  CHECK(has(w[1].message, "khối HTML <div>, <p> (dòng 22–24) không hiển thị"));
  CHECK(w[2].line == 28);
  CHECK(has(w[2].message, "<br>"));
  CHECK(has(w[2].message, "dòng trống"));
  // clean_pasted_html() passes them on and changes nothing.
  const CleanedBody c = clean_pasted_html(body, 20);
  CHECK_FALSE(c.changed);
  CHECK(c.markdown == body);
  CHECK(c.warnings.size() == 3);
}

TEST_CASE("a flood of tags gives a bounded list of warnings") {
  std::string body;
  for (int i = 0; i < 500; ++i) body += "<b>x</b>\n\n";
  const std::vector<ContentError> w = raw_html_warnings(body, 1);
  CHECK(w.size() == 20);
  CHECK(has(w.back().message, "và 481 chỗ khác"));
}

TEST_CASE("check warns about raw HTML left in content/") {
  TempDir tmp;
  write_fixture_content(tmp.path());
  write_file(tmp.path() / "a/html.md",
             content_file("title: Có HTML\ndepartment: Văn phòng\n",
                          "Đoạn.\n\n<table><tr><td>a</td></tr></table>\n"));
  const CheckReport r = check_content(tmp.path());
  bool found = false;
  for (const CheckProblem& p : r.problems) {
    if (p.path == "a/html.md" && p.line == 7 && p.warning && has(p.message, "khối HTML <table>")) {
      found = true;
    }
  }
  CHECK(found);
  CHECK(r.errors() == 0);
}

TEST_CASE("decode_html_entities") {
  CHECK(decode_html_entities("a &amp; b &lt;c&gt; &#7899; &#x1EDB; &quot;") == "a & b <c> ớ ớ \"");
  CHECK(decode_html_entities("&unknown; &#xZZ; & ;") == "&unknown; &#xZZ; & ;");
}
