#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "pandoc_reader.h"
#include "subprocess.h"
#include "test_support.h"

using namespace sotay;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Hand-written pandoc 2.17 AST (API 1.22).
json node(const char* t, json c) { return {{"t", t}, {"c", std::move(c)}}; }
json node(const char* t) { return {{"t", t}}; }
json attr() { return json::array({"", json::array(), json::array()}); }
json str(const std::string& s) { return node("Str", s); }
// A sentence as Str and Space inlines.
json words(const std::string& text) {
  json out = json::array();
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (!out.empty()) out.push_back(node("Space"));
    out.push_back(str(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}
json cat(std::vector<json> parts) {
  json out = json::array();
  for (const json& part : parts) {
    for (const json& inl : part.is_array() ? part : json::array({part})) out.push_back(inl);
  }
  return out;
}
json strong(const std::string& text) { return node("Strong", words(text)); }
json para(json inlines) { return node("Para", std::move(inlines)); }
json plain(const std::string& text) { return node("Plain", words(text)); }
json doc(json blocks) {
  return {{"pandoc-api-version", {1, 22, 2, 1}}, {"meta", json::object()}, {"blocks", blocks}};
}
json ordered(int start, const char* style, const char* delim, json items) {
  return node("OrderedList",
              json::array({json::array({start, node(style), node(delim)}), std::move(items)}));
}
json cell(json blocks, int row_span = 1, int col_span = 1) {
  return json::array({attr(), node("AlignDefault"), row_span, col_span, std::move(blocks)});
}
json row(std::vector<json> cells) { return json::array({attr(), cells}); }
json table(std::size_t columns, std::vector<json> head, std::vector<json> body) {
  json specs = json::array();
  for (std::size_t i = 0; i < columns; ++i) {
    specs.push_back(json::array({node("AlignDefault"), node("ColWidthDefault")}));
  }
  json bodies = json::array({json::array({attr(), 0, json::array(), body})});
  return node("Table", json::array({attr(), json::array({nullptr, json::array()}), specs,
                                    json::array({attr(), head}), bodies,
                                    json::array({attr(), json::array()})}));
}

std::vector<std::string> texts(const std::vector<SourceLine>& lines) {
  std::vector<std::string> out;
  for (const SourceLine& line : lines) out.push_back(line.text);
  return out;
}

bool mentions(const std::vector<std::string>& warnings, const std::string& part) {
  for (const std::string& w : warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("source_from_pandoc: a paragraph's inline Markdown") {
  struct Row {
    std::string name;
    json inlines;
    std::string text;
    bool bold;
  };
  const Row rows[] = {
      {"bold article", json::array({strong("Điều 1.")}), "Điều 1.", true},
      {"bold in two runs", cat({strong("Điều"), node("Space"), strong("1. Phạm vi")}),
       "Điều 1. Phạm vi", true},
      {"bold label, plain title", cat({strong("Điều 1."), node("Space"), words("Phạm vi")}),
       "**Điều 1.** Phạm vi", false},
      {"typed article", words("Điều 1. Phạm vi điều chỉnh"), "Điều 1. Phạm vi điều chỉnh", false},
      {"space inside bold", cat({node("Strong", cat({str("Điều"), node("Space")})), str("5")}),
       "**Điều** 5", false},
      {"special characters", words("a*b _c_ [x] <y> #z |w ~v & \\"),
       "a\\*b \\_c\\_ \\[x\\] \\<y\\> \\#z \\|w \\~v \\& \\\\", false},
      {"leading number", words("1. Phạm vi"), "1\\. Phạm vi", false},
      {"leading number paren", words("2) Hồ sơ"), "2\\) Hồ sơ", false},
      {"leading dash", words("- gạch đầu dòng"), "\\- gạch đầu dòng", false},
      {"leading plus", words("+ cộng"), "\\+ cộng", false},
      {"numbers that start no list", words("1.500 đồng, 2020 là năm"), "1.500 đồng, 2020 là năm",
       false},
      {"line break", cat({words("Dòng một"), node("LineBreak"), words("1. hai")}),
       "Dòng một\\\n1\\. hai", false},
      {"emphasis kinds",
       cat({node("Emph", words("nghiêng")), node("Space"), node("Underline", words("gạch")),
            node("Space"), node("Strikeout", words("xoá")), node("Space"), str("m"),
            node("Superscript", json::array({str("2")}))}),
       "*nghiêng* gạch ~~xoá~~ m2", false},
      {"quotes",
       json::array({node("Quoted", json::array({node("DoubleQuote"), words("Một cửa")}))}),
       "“Một cửa”", false},
      {"code", json::array({node("Code", json::array({attr(), "a|b`c"}))}), "``a|b`c``", false},
      {"link",
       json::array({node("Link", json::array({attr(), words("Cổng dịch vụ"),
                                              json::array({"https://dichvucong.gov.vn", ""})}))}),
       "[Cổng dịch vụ](https://dichvucong.gov.vn)", false},
      {"non-breaking space", json::array({str("Điều\u00a05.")}), "Điều 5.", false},
      {"raw inline dropped",
       json::array({str("a"), node("RawInline", json::array({"html", "<b>"})), str("b")}), "ab",
       false},
      {"span", json::array({node("Span", json::array({attr(), words("trong span")}))}),
       "trong span", false},
      {"decomposed marks", json::array({str("Vie\u0302\u0323t")}), "Việt", false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const SourceText text = source_from_pandoc(doc({para(r.inlines)}));
    REQUIRE(text.blocks.size() == 1);
    CHECK(text.blocks[0].kind == SourceBlock::Kind::PARAGRAPH);
    CHECK(text.blocks[0].text == r.text);
    CHECK(text.blocks[0].bold == r.bold);
    CHECK(text.blocks[0].markdown);
    CHECK(text.warnings.empty());
  }
}

TEST_CASE("source_from_pandoc: block kinds") {
  const SourceText text = source_from_pandoc(doc({
      node("Header", json::array({2, attr(), words("Chương I")})),
      node("RawBlock", json::array({"openxml", "<w:p/>"})),
      node("HorizontalRule"),
      para(json::array()),
      node("BlockQuote", json::array({para(words("trích"))})),
      node("Div", json::array({attr(), json::array({plain("trong div")})})),
      para(cat({words("ảnh"), node("Image", json::array({attr(), json::array(),
                                                         json::array({"media/a.png", ""})}))})),
      node("LineBlock", json::array({words("dòng một"), words("dòng hai")})),
  }));
  REQUIRE(text.blocks.size() == 5);
  CHECK(text.blocks[0].kind == SourceBlock::Kind::HEADING);
  CHECK(text.blocks[0].heading_level == 2);
  CHECK(text.blocks[0].text == "Chương I");
  CHECK(text.blocks[1].text == "trích");
  CHECK(text.blocks[2].text == "trong div");
  CHECK(text.blocks[3].text == "ảnh");
  CHECK(text.blocks[4].text == "dòng một\\\ndòng hai");
  CHECK(mentions(text.warnings, "1 hình ảnh"));
}

TEST_CASE("source_from_pandoc: list markers") {
  using Items = std::vector<std::pair<std::string, std::string>>;
  struct Row {
    std::string name;
    json list;
    Items items;
  };
  const json two = json::array({json::array({plain("một")}), json::array({plain("hai")})});
  const Row rows[] = {
      {"a)", ordered(1, "LowerAlpha", "OneParen", two), {{"a)", "một"}, {"b)", "hai"}}},
      {"from 3", ordered(3, "Decimal", "Period", two), {{"3.", "một"}, {"4.", "hai"}}},
      {"(IV)", ordered(4, "UpperRoman", "TwoParens", two), {{"(IV)", "một"}, {"(V)", "hai"}}},
      {"default", ordered(1, "DefaultStyle", "DefaultDelim", two), {{"1.", "một"}, {"2.", "hai"}}},
      {"past z", ordered(26, "LowerAlpha", "Period", two), {{"z.", "một"}, {"aa.", "hai"}}},
      {"Word's Điều %1. numbering",
       ordered(1, "Decimal", "Period",
               json::array({json::array({para(json::array({strong("Phạm vi điều chỉnh")}))})})),
       {{"1.", "Phạm vi điều chỉnh"}}},
      {"nested, flattened in order",
       node("BulletList",
            json::array({json::array({plain("cha"), ordered(1, "LowerAlpha", "OneParen", two)}),
                         json::array({plain("cha hai")})})),
       {{"-", "cha"}, {"a)", "một"}, {"b)", "hai"}, {"-", "cha hai"}}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const SourceText text = source_from_pandoc(doc({r.list}));
    REQUIRE(text.blocks.size() == r.items.size());
    for (std::size_t i = 0; i < r.items.size(); ++i) {
      CAPTURE(i);
      CHECK(text.blocks[i].kind == SourceBlock::Kind::LIST_ITEM);
      CHECK(text.blocks[i].list_marker == r.items[i].first);
      CHECK(text.blocks[i].text == r.items[i].second);
    }
  }
}

TEST_CASE("source_from_pandoc: the two-column header table") {
  const json quoc_hieu =
      json::array({para(cat({strong("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), node("LineBreak"),
                             strong("Độc lập - Tự do - Hạnh phúc")}))});
  const json body = json::array({plain("ỦY BAN NHÂN DÂN"), plain("PHƯỜNG BẾN NGHÉ")});
  const json number = json::array({plain("Số: 12/UBND-VP")});
  const json date = json::array({para(json::array({node("Emph", words("Bến Nghé, ngày 5"))}))});
  const json simple = table(2, {}, {row({cell({plain("a")}), cell({plain("b")})})});
  using Lines = std::vector<std::string>;
  const Lines left = {"ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN NGHÉ", "Số: 12/UBND-VP"};
  const Lines right = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                       "Bến Nghé, ngày 5"};
  const Lines body_lines = {"ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN NGHÉ"};
  struct Row {
    std::string name;
    std::vector<json> blocks;
    Lines left, right;  // both empty: no header, every table stays a block
  };
  const Row rows[] = {
      {"Quốc hiệu right",
       {table(2, {}, {row({cell(body), cell(quoc_hieu)}), row({cell(number), cell(date)})})},
       left,
       right},
      {"Quốc hiệu left",
       {table(2, {}, {row({cell(quoc_hieu), cell(body)}), row({cell(date), cell(number)})})},
       left,
       right},
      {"lower case, new-style marks",
       {table(2, {}, {row({cell(body), cell({plain("cộng hoà xã hội chủ nghĩa việt nam")})})})},
       body_lines,
       {"cộng hoà xã hội chủ nghĩa việt nam"}},
      {"only the motto",
       {table(2, {}, {row({cell(body), cell({plain("ĐỘC LẬP - TỰ DO")})})}), plain("x")},
       body_lines,
       {"ĐỘC LẬP - TỰ DO"}},
      {"three columns", {table(3, {}, {row({cell(body), cell(quoc_hieu), cell(number)})})}, {}, {}},
      {"no Quốc hiệu", {simple}, {}, {}},
      {"not the first table", {simple, table(2, {}, {row({cell(body), cell(quoc_hieu)})})}, {}, {}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    const SourceText text = source_from_pandoc(doc(r.blocks));
    CHECK(texts(text.header_left) == r.left);
    CHECK(texts(text.header_right) == r.right);
    CHECK(text.blocks.size() == r.blocks.size() - (r.right.empty() ? 0 : 1));
  }
  const SourceText text =
      source_from_pandoc(doc({table(2, {}, {row({cell(body), cell(quoc_hieu)})})}));
  REQUIRE(text.header_right.size() == 2);
  CHECK(text.header_right[0].bold);
  CHECK(text.header_right[1].bold);
  CHECK_FALSE(text.header_left[0].bold);
}

TEST_CASE("source_from_pandoc: tables and merged cells") {
  const json head = row({cell({plain("Thủ tục")}), cell({plain("Thời hạn")}, 1, 2)});
  const json first = row({cell({plain("Khai sinh")}, 2, 1), cell({plain("1 ngày")}),
                          cell({para(json::array({strong("miễn phí")}))})});
  const json second =
      row({cell({plain("5 ngày")}),
           cell({plain("a|b"), para(cat({words("dòng"), node("LineBreak"),
                                         node("Code", json::array({attr(), "x|y"}))}))})});
  const SourceText text =
      source_from_pandoc(doc({plain("trước"), table(3, {head}, {first, second})}));
  REQUIRE(text.blocks.size() == 2);
  const SourceBlock& block = text.blocks[1];
  CHECK(block.kind == SourceBlock::Kind::TABLE);
  CHECK(block.table.header_row);
  CHECK(block.table.merged_cells);
  const std::vector<std::vector<std::string>> rows = {{"Thủ tục", "Thời hạn", ""},
                                                      {"Khai sinh", "1 ngày", "**miễn phí**"},
                                                      {"", "5 ngày", "a\\|b dòng `x\\|y`"}};
  CHECK(block.table.rows == rows);
  CHECK(mentions(text.warnings, "Bảng thứ 1 có ô gộp"));

  SUBCASE("a table without merged cells warns of nothing") {
    const SourceText simple =
        source_from_pandoc(doc({table(2, {}, {row({cell({plain("a")}), cell({plain("b")})})})}));
    REQUIRE(simple.blocks.size() == 1);
    CHECK_FALSE(simple.blocks[0].table.merged_cells);
    CHECK_FALSE(simple.blocks[0].table.header_row);
    CHECK(simple.warnings.empty());
  }
}

TEST_CASE("source_from_pandoc: footnotes") {
  const json note_one =
      node("Note", json::array({para(cat({words("Chú thích"), node("Space"), strong("một")}))}));
  const json nested = node("Note", json::array({plain("lồng")}));
  const json note_two =
      node("Note", json::array({para(cat({words("Thứ hai"), nested})), plain("đoạn hai")}));
  const SourceText text = source_from_pandoc(
      doc({para(cat({words("Văn bản"), note_one, str("."), node("Space"), str("Hai"), note_two})),
           table(2, {}, {row({cell({para(cat({str("ô"), note_one}))}), cell({plain("b")})})})}));
  REQUIRE(text.blocks.size() == 2);
  CHECK(text.blocks[0].text == "Văn bản[^1]. Hai[^2]");
  CHECK(text.blocks[1].table.rows[0][0] == "ô[^4]");
  const std::vector<std::string> notes = {"Chú thích **một**", "Thứ hai[^3]\n\nđoạn hai", "lồng",
                                          "Chú thích **một**"};
  CHECK(text.footnotes == notes);
}

TEST_CASE("source_from_pandoc: malformed and hostile ASTs") {
  for (const json& bad : {json::array(), json({{"blocks", 5}}), json("text")}) {
    CAPTURE(bad.dump());
    CHECK_THROWS_AS(source_from_pandoc(bad), ImportError);
  }
  const json junk =
      doc({node("Para", 5), 7, node("Table", "x"),
           node("OrderedList",
                json::array({json::array({"x"}), json::array({json::array({node("Plain")})})})),
           node("Header", json::array({"two", attr(), words("ok")}))});
  SourceText text;
  CHECK_NOTHROW(text = source_from_pandoc(junk));
  REQUIRE_FALSE(text.blocks.empty());
  CHECK(text.blocks.back().text == "ok");

  std::vector<json> wide(150, cell({plain("ô")}));
  const SourceText table_text = source_from_pandoc(doc({plain("x"), table(1, {}, {row(wide)})}));
  REQUIRE(table_text.blocks.size() == 2);
  CHECK(table_text.blocks[1].table.rows.at(0).size() == 100);
  CHECK(mentions(table_text.warnings, "Bảng thứ 1 có hơn 100 cột"));

  struct Row {
    int depth;
    bool kept;
  };
  // 500 levels, past the limit of 100: deeper JSON overflows the stack while
  // nlohmann copies it under ASan, before the reader sees it.
  for (const Row r : {Row{50, true}, Row{500, false}}) {
    CAPTURE(r.depth);
    json blocks = json::array({plain("sâu")});
    for (int i = 0; i < r.depth; ++i) {
      json quote = {{"t", "BlockQuote"}};
      quote["c"] = std::move(blocks);
      blocks = json::array();
      blocks.push_back(std::move(quote));
    }
    const SourceText deep = source_from_pandoc(doc(blocks));
    CHECK(deep.blocks.size() == (r.kept ? 1u : 0u));
    CHECK(mentions(deep.warnings, "lồng nhau") == !r.kept);
  }
}

// --- Through the real converters ---

namespace {

bool have(const std::string& program) {
  if (program_available(program)) return true;
  MESSAGE(program << " is not installed: skipping the conversions that need it");
  return false;
}

void run_ok(const std::vector<std::string>& argv, const fs::path& dir) {
  SubprocessLimits limits;
  limits.seconds = 120;
  limits.memory_bytes = 0;
  const SubprocessResult result = run_subprocess(argv, limits, dir);
  INFO(result.err);
  REQUIRE(result.ok());
}

// `markdown` made into `name` (docx, odt, rtf by its extension) by pandoc.
fs::path make_document(const fs::path& dir, const std::string& markdown, const std::string& name) {
  test::write_file(dir / "source.md", markdown);
  const std::string format = fs::path(name).extension().string().substr(1);
  run_ok({"pandoc", "-f", "markdown", "-t", format, "-s", "-o", (dir / name).string(),
          (dir / "source.md").string()},
         dir);
  return dir / name;
}

// A Word run in `font`, as raw OpenXML pandoc copies into document.xml.
std::string word_run(const std::string& font, const std::string& text) {
  return "`<w:r><w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font +
         "\"/></w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>`{=openxml}\n";
}

const char* const MARKDOWN =
    R"(| ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
|---|---|
| Số: 12/UBND-VP | Bến Nghé, ngày 5 tháng 3 năm 2024 |

**Điều 1.** Phạm vi điều chỉnh

Văn bản có chú thích[^1] và *nhấn mạnh*.

a) khoản một
b) khoản hai

| Thủ tục | Thời hạn |
|---|---|
| Khai sinh | 1 ngày |

[^1]: Chú thích một.
)";

bool has_block(const SourceText& text, const std::string& content) {
  for (const SourceBlock& b : text.blocks) {
    if (b.text == content) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("read_office_file: DOCX, ODT and RTF made by pandoc") {
  if (!have("pandoc")) return;
  for (const char* name : {"van-ban.docx", "van-ban.odt", "van-ban.rtf"}) {
    CAPTURE(std::string(name));
    test::TempDir dir;
    const fs::path file = make_document(dir.path(), MARKDOWN, name);
    const FileKind kind = fs::path(name).extension() == ".docx"  ? FileKind::DOCX
                          : fs::path(name).extension() == ".odt" ? FileKind::ODT
                                                                 : FileKind::RTF;
    const SourceText text = read_office_file(file, kind, dir.path());
    REQUIRE_FALSE(text.header_right.empty());
    CHECK(text.header_right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    CHECK(text.header_left[0].text == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ");
    CHECK(has_block(text, "**Điều 1.** Phạm vi điều chỉnh"));
    CHECK(text.legacy_encoding.empty());
    const SourceBlock& table = text.blocks.back();
    CHECK(table.kind == SourceBlock::Kind::TABLE);
    const std::vector<std::vector<std::string>> rows = {{"Thủ tục", "Thời hạn"},
                                                        {"Khai sinh", "1 ngày"}};
    CHECK(table.table.rows == rows);
    if (kind == FileKind::RTF) {
      // pandoc 2.17 reads RTF lists as typed text and drops RTF footnotes.
      CHECK(has_block(text, "a) khoản một"));
    } else {
      CHECK(has_block(text, "Văn bản có chú thích[^1] và *nhấn mạnh*."));
      CHECK(text.footnotes == std::vector<std::string>{"Chú thích một."});
      CHECK(has_block(text, "khoản hai"));
    }
  }
}

TEST_CASE("read_office_file: legacy TCVN3 fonts") {
  if (!have("pandoc")) return;
  // "Cộng hoà xã hội chủ nghĩa Việt Nam…" typed in TCVN3, as Word shows it.
  const std::string tcvn3 =
      "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §iÒu 1. Ph¹m vi ®iÒu chØnh: quy ®Þnh vÒ tr×nh tù, "
      "thñ tôc ®¨ng ký hé tÞch cña ng\u00adêi d©n t¹i ñy ban nh©n d©n cÊp x·.";
  const std::string unicode =
      "Cộng hoà xã hội chủ nghĩa Việt Nam. Điều 1. Phạm vi điều chỉnh: quy định về trình tự, "
      "thủ tục đăng ký hộ tịch của người dân tại ủy ban nhân dân cấp xã.";
  struct Row {
    std::string name, font, markdown, text, encoding, warning;  // warning "": none
  };
  const Row rows[] = {
      {"TCVN3 text in .VnTime", ".VnTime", tcvn3, unicode, "TCVN3", ""},
      {"Unicode text in .VnTime", ".VnTime", unicode, unicode, "", "không chuyển mã"},
      {"TCVN3 text in .VnTimeH", ".VnTimeH", tcvn3, unicode, "TCVN3", "phông chữ hoa .VnTimeH"},
      {"TCVN3 text in Times New Roman", "Times New Roman", tcvn3, tcvn3, "",
       "có vẻ được gõ bằng bảng mã TCVN3"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.name);
    test::TempDir dir;
    const fs::path file = make_document(dir.path(), word_run(r.font, r.markdown), "cu.docx");
    const SourceText text = read_office_file(file, FileKind::DOCX, dir.path());
    CHECK(std::find(text.fonts.begin(), text.fonts.end(), r.font) != text.fonts.end());
    CHECK(text.legacy_encoding == r.encoding);
    REQUIRE(text.blocks.size() == 1);
    CHECK(text.blocks[0].text == r.text);
    CHECK(text.warnings.size() == (r.warning.empty() ? 0u : 1u));
    CHECK((r.warning.empty() || mentions(text.warnings, r.warning)));
  }
}

TEST_CASE("read_office_file: failures become ImportError") {
  if (!have("pandoc")) return;
  test::TempDir dir;
  // An unclosed raw run leaves document.xml malformed.
  const fs::path file = make_document(dir.path(), "Điều 1. `<w:r><w:t>`{=openxml}\n", "hong.docx");
  try {
    read_office_file(file, FileKind::DOCX, dir.path());
    FAIL("a broken document.xml was read");
  } catch (const ImportError& error) {
    CHECK(std::string(error.what()).find("chương trình pandoc báo lỗi") != std::string::npos);
  }
  CHECK_THROWS_AS(read_office_file(file, FileKind::PDF, dir.path()), ImportError);
}

TEST_CASE("read_office_file: DOC through LibreOffice") {
  if (!have("pandoc") || !have("soffice")) return;
  test::TempDir dir;
  const fs::path docx = make_document(dir.path(), "**Điều 1.** Phạm vi điều chỉnh\n", "cu.docx");
  // The same profile directory read_office_file uses: LibreOffice starts once cold.
  const std::string profile =
      "-env:UserInstallation=file://" + (dir.path() / "lo-profile").string();
  run_ok({"soffice", "--headless", "--norestore", profile, "--convert-to", "doc", "--outdir",
          dir.path().string(), docx.string()},
         dir.path());
  const SourceText text = read_office_file(dir.path() / "cu.doc", FileKind::DOC, dir.path());
  REQUIRE(text.blocks.size() == 1);
  CHECK(text.blocks[0].text == "**Điều 1.** Phạm vi điều chỉnh");
}
