// Citations as links: which text becomes a link, to which URL, and how the
// Markdown renderer applies it (never inside links, code or headings).
#include <doctest/doctest.h>

#include "citation_links.h"
#include "markdown.h"
#include "test_support.h"

using namespace sotay;
using sotay::test::contains;

TEST_CASE("citation links: numbers in many spellings, articles, and dates that are not numbers") {
  struct Link {
    std::string text;  // the linked text as written
    std::string url;
  };
  struct Row {
    const char* text;
    std::vector<Link> links;
  };
  const Row rows[] = {
      {"theo Nghị định 30/2020/NĐ-CP của Chính phủ", {{"30/2020/NĐ-CP", "/so/30/2020/N%C4%90-CP"}}},
      {"Thông tư 01/2011/TT-BNV", {{"01/2011/TT-BNV", "/so/01/2011/TT-BNV"}}},
      {"Chỉ thị 11/CT-UBND về chuyển đổi số", {{"11/CT-UBND", "/so/11/CT-UBND"}}},
      {"Luật số 57/2020/QH14", {{"57/2020/QH14", "/so/57/2020/QH14"}}},
      {"Quyết định 1847/QĐ-TTg", {{"1847/QĐ-TTg", "/so/1847/Q%C4%90-TTg"}}},
      {"Nghị quyết 18-NQ/TW", {{"18-NQ/TW", "/so/18-NQ/TW"}}},
      {"viết thường 30/2020/nd-cp", {{"30/2020/nd-cp", "/so/30/2020/nd-cp"}}},
      {"Thông tư liên tịch 03/2015/TTLT-BNV-BTC.",
       {{"03/2015/TTLT-BNV-BTC", "/so/03/2015/TTLT-BNV-BTC"}}},
      {"Điều 8 Nghị định 30/2020/NĐ-CP",
       {{"Điều 8", "/so/30/2020/N%C4%90-CP?dieu=8"}, {"30/2020/NĐ-CP", "/so/30/2020/N%C4%90-CP"}}},
      {"khoản 2 Điều 08 Thông tư 01/2011/TT-BNV",
       {{"Điều 08", "/so/01/2011/TT-BNV?dieu=8"}, {"01/2011/TT-BNV", "/so/01/2011/TT-BNV"}}},
      {"Điều 5 và Điều 6 Nghị định 30/2020/NĐ-CP",
       {{"Điều 5", "/so/30/2020/N%C4%90-CP?dieu=5"},
        {"Điều 6", "/so/30/2020/N%C4%90-CP?dieu=6"},
        {"30/2020/NĐ-CP", "/so/30/2020/N%C4%90-CP"}}},
      {"(Nghị định 30/2020/NĐ-CP, Nghị định 110/2004/NĐ-CP)",
       {{"30/2020/NĐ-CP", "/so/30/2020/N%C4%90-CP"},
        {"110/2004/NĐ-CP", "/so/110/2004/N%C4%90-CP"}}},
      // A clause ends between the article and the number: only the number.
      {"Điều 8. Thể thức. Nghị định 30/2020/NĐ-CP", {{"30/2020/NĐ-CP", "/so/30/2020/N%C4%90-CP"}}},
      // Not numbers: dates, months, fractions, plain numbers, amounts.
      {"ngày 05/3/2020", {}},
      {"ngày 06/10/2025 và 15/10/2025", {}},
      {"tháng 10/2025", {}},
      {"tỷ lệ 1/2", {}},
      {"năm 2020", {}},
      {"30/2020", {}},
      {"1.000.000 đồng", {}},
      {"Điều 8 của văn bản này", {}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    const std::string text = r.text;
    std::vector<std::pair<std::string, std::string>> got, want;
    for (const CitationLink& l : find_citation_links(text)) {
      got.emplace_back(text.substr(l.begin, l.end - l.begin), l.url);
    }
    for (const Link& l : r.links) want.emplace_back(l.text, l.url);
    CHECK(got == want);
  }
}

TEST_CASE("number_url keeps slashes and encodes the rest") {
  CHECK(number_url("30/2020/NĐ-CP") == "/so/30/2020/N%C4%90-CP");
  CHECK(number_url("30/2020/NĐ-CP", "8") == "/so/30/2020/N%C4%90-CP?dieu=8");
  CHECK(number_url("a b&c") == "/so/a%20b%26c");
}

TEST_CASE("rendered Markdown links citations, but not inside links, code or headings") {
  const auto r = render_markdown(
      "Theo **Điều 8 Nghị định 30/2020/NĐ-CP** và Chỉ thị 11/CT-UBND.\n\n"
      "- mục Thông tư 01/2011/TT-BNV\n\n"
      "| Căn cứ |\n| --- |\n| Luật số 57/2020/QH14 |\n\n"
      "[liên kết có 110/2004/NĐ-CP](https://vanban.example/110)\n\n"
      "Mã `99/2021/NĐ-CP` trong code.\n\n"
      "```\n45/2018/QĐ-TTg\n```\n\n"
      "## Căn cứ Nghị định 23/2015/NĐ-CP\n\n"
      "Ngày 05/3/2020 <b>không</b> phải số hiệu.\n");
  CHECK(contains(r.html, "<a href=\"/so/30/2020/N%C4%90-CP?dieu=8\">Điều 8</a>"));
  CHECK(contains(r.html, "<a href=\"/so/30/2020/N%C4%90-CP\">30/2020/NĐ-CP</a>"));
  CHECK(contains(r.html, "<a href=\"/so/11/CT-UBND\">11/CT-UBND</a>"));
  CHECK(contains(r.html, "<a href=\"/so/01/2011/TT-BNV\">01/2011/TT-BNV</a>"));
  CHECK(contains(r.html, "<td>Luật số <a href=\"/so/57/2020/QH14\">57/2020/QH14</a></td>"));
  CHECK_FALSE(contains(r.html, "/so/110/2004"));  // already inside a link
  CHECK_FALSE(contains(r.html, "/so/99/2021"));   // inline code
  CHECK_FALSE(contains(r.html, "/so/45/2018"));   // code block
  CHECK_FALSE(contains(r.html, "/so/23/2015"));   // heading (it is an anchor target)
  CHECK_FALSE(contains(r.html, "/so/05"));
  CHECK_FALSE(contains(r.html, "<b>"));  // raw HTML still never rendered
  // The indexed plain text is unchanged by the links.
  REQUIRE(!r.sections.empty());
  CHECK(contains(r.sections[0].text, "Điều 8 Nghị định 30/2020/NĐ-CP và Chỉ thị 11/CT-UBND."));
}
