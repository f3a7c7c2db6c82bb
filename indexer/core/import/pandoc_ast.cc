// source_from_pandoc (pandoc_reader.h): pandoc's JSON AST (API 1.22) walked
// into the SourceText model.
#include <algorithm>
#include <cstdint>
#include <regex>
#include <sstream>
#include <utility>
#include <vector>

#include "pandoc_reader.h"
#include "text.h"
#include "url.h"
#include "vietnamese.h"

namespace sotay {
namespace {

using nlohmann::json;
using Kind = SourceBlock::Kind;

// Word lists nest at most 9 levels and tables a few; a deeper AST is
// hostile, and the walk is recursive.
constexpr int MAX_DEPTH = 100;
constexpr std::size_t MAX_COLUMNS = 100;
const json NOTHING, NO_ITEMS = json::array();

// Tolerant accessors: a malformed AST reads as empty, never throws.
const json& at(const json& j, std::size_t i) {
  return j.is_array() && i < j.size() ? j[i] : NOTHING;
}
const json& items(const json& j) { return j.is_array() ? j : NO_ITEMS; }
const json& member(const json& node, const char* key) {
  return node.is_object() && node.contains(key) ? node[key] : NOTHING;
}
std::string str(const json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }
std::string tag(const json& node) { return str(member(node, "t")); }
int integer(const json& j, int fallback) {
  if (!j.is_number_integer()) return fallback;
  return static_cast<int>(std::clamp<std::int64_t>(j.get<std::int64_t>(), -1000000, 1000000));
}

// MARKDOWN: block text; CELL: a table cell (no line breaks, `|` escaped
// even in code); PLAIN: header lines, no markup at all.
enum class Mode { MARKDOWN, CELL, PLAIN };

std::string escape_markdown(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (std::string_view("\\`*_[]<>#|~&").find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}

// Word's non-breaking spaces would keep "Điều 5." from matching later; a
// line break inside a Str would end the Markdown paragraph.
std::string plain_spaces(const std::string& text) {
  static const std::regex SPACES("[\n\r\t]|\u00a0|\u202f");
  if (text.find_first_of("\n\r\t\xc2\xe2") == std::string::npos) return text;
  return std::regex_replace(text, SPACES, " ");
}

// Trimmed, NFC; in Markdown a line that starts like a list item ("1. ",
// "- ", "+ ") or a setext underline ("=") is escaped, so it stays text.
std::string finish_text(const std::string& text, Mode mode) {
  std::string out = to_nfc(trim(text));
  if (mode == Mode::PLAIN) return out;
  static const std::regex NUMBERED(R"((^|\n)([0-9]{1,9})([.)])(?= |\n|$))");
  static const std::regex SIGN(R"((^|\n)([-+=]))");
  out = std::regex_replace(out, NUMBERED, "$1$2\\$3");
  return std::regex_replace(out, SIGN, "$1\\$2");
}

std::string letters(int n, bool roman, bool upper) {
  static const std::pair<int, const char*> ROMAN[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  if (roman) {
    for (const auto& [value, digits] : ROMAN) {
      for (; n >= value; n -= value) out += digits;
    }
  } else {
    for (; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('a' + (n - 1) % 26));
  }
  if (upper) std::transform(out.begin(), out.end(), out.begin(), ::toupper);
  return out;
}

// "1.", "a)", "(iv)" from pandoc's ListAttributes and the item's number.
std::string list_marker(const json& attributes, int number) {
  const std::string style = tag(at(attributes, 1));
  const std::string delim = tag(at(attributes, 2));
  std::string label = std::to_string(number);
  if (number > 0 && number < 4000 && style != "Decimal" && style != "DefaultStyle" &&
      style != "Example") {
    label = letters(number, style.find("Roman") != std::string::npos, style.rfind("Upper", 0) == 0);
  }
  if (delim == "OneParen") return label + ")";
  return delim == "TwoParens" ? "(" + label + ")" : label + ".";
}

bool is_quoc_hieu(std::string_view text) {
  std::string folded;
  std::istringstream words{std::string(text)};
  for (std::string word; words >> word;) folded += folded_form(word) + " ";
  return folded.find("cong hoa xa hoi chu nghia viet nam") != std::string::npos ||
         folded.find("doc lap") != std::string::npos;
}

// A block as one line: list items keep their marker, tables their cells.
std::string one_line(const SourceBlock& b, Mode mode) {
  std::string text;
  for (const auto& row : b.table.rows) {
    for (const std::string& cell : row) {
      if (!cell.empty()) text += (text.empty() ? "" : " ") + cell;
    }
  }
  if (b.kind == Kind::TABLE) return text;
  text = b.bold && mode != Mode::PLAIN ? "**" + b.text + "**" : b.text;
  return b.kind == Kind::LIST_ITEM ? b.list_marker + " " + text : text;
}

std::string joined(const std::vector<SourceBlock>& blocks, Mode mode, const char* separator) {
  std::string out;
  for (const SourceBlock& b : blocks) {
    const std::string text = one_line(b, mode);
    if (!text.empty()) out += (out.empty() ? "" : separator) + text;
  }
  return out;
}

// A table's cells on a grid: nullptr where a merged cell reaches.
struct Grid {
  std::vector<std::vector<const json*>> cells;
  std::vector<std::string> alignment;  // per column
  bool header_row = false, merged = false, truncated = false;
};

// Pandoc's rows (head, bodies with their intermediate heads, foot) placed
// honouring RowSpan/ColSpan, which are clamped to the table.
Grid layout(const json& c) {
  Grid grid;
  for (const json& spec : items(at(c, 2))) grid.alignment.push_back(tag(at(spec, 0)));
  std::vector<const json*> rows;
  // ODT tables come with an empty heading row.
  for (const json& row : items(at(at(c, 3), 1))) {
    const json& cells = items(at(row, 1));
    if (std::any_of(cells.begin(), cells.end(),
                    [](const json& x) { return !items(at(x, 4)).empty(); })) {
      rows.push_back(&row);
    }
  }
  grid.header_row = !rows.empty();
  for (const json& body : items(at(c, 4))) {
    for (const json& row : items(at(body, 2))) rows.push_back(&row);
    for (const json& row : items(at(body, 3))) rows.push_back(&row);
  }
  for (const json& row : items(at(at(c, 5), 1))) rows.push_back(&row);
  std::vector<int> covered(std::clamp<std::size_t>(grid.alignment.size(), 1, MAX_COLUMNS), 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<const json*> line(covered.size(), nullptr);
    std::size_t col = 0;
    for (const json& cell : items(at(*rows[r], 1))) {
      while (col < covered.size() && covered[col] > 0) ++col;
      grid.truncated = grid.truncated || col >= MAX_COLUMNS;
      if (col >= MAX_COLUMNS) break;
      if (col >= covered.size()) covered.push_back(0), line.push_back(nullptr);
      const int rows_left = static_cast<int>(rows.size() - r);
      const int row_span = std::clamp(integer(at(cell, 2), 1), 1, rows_left);
      const int col_span = std::clamp(integer(at(cell, 3), 1), 1, int(covered.size() - col));
      grid.merged = grid.merged || row_span > 1 || col_span > 1;
      line[col] = &cell;
      std::fill_n(covered.begin() + std::ptrdiff_t(col), col_span, row_span);
      col += std::size_t(col_span);
    }
    for (int& left : covered) left = std::max(0, left - 1);
    grid.cells.push_back(std::move(line));
  }
  for (auto& line : grid.cells) line.resize(covered.size(), nullptr);
  grid.alignment.resize(covered.size());
  return grid;
}

class AstWalker {
 public:
  SourceText result;

  void blocks(const json& list, std::vector<SourceBlock>& out, int depth) {
    too_deep_ = too_deep_ || depth > MAX_DEPTH;
    for (const json& node : items(depth > MAX_DEPTH ? NOTHING : list)) block(node, out, depth);
  }

  void finish() {
    if (images_ > 0) {
      result.warnings.push_back("Văn bản có " + std::to_string(images_) +
                                " hình ảnh; hình ảnh không được nhập, chỉ lấy phần chữ.");
    }
    if (too_deep_) {
      result.warnings.push_back("Văn bản lồng nhau quá " + std::to_string(MAX_DEPTH) +
                                " tầng; phần lồng sâu hơn đã bị bỏ qua.");
    }
  }

 private:
  Mode mode_ = Mode::MARKDOWN;
  bool table_seen_ = false;
  int tables_ = 0;
  int images_ = 0;
  bool too_deep_ = false;

  std::vector<SourceBlock> blocks_in(Mode mode, const json& list, int depth) {
    std::vector<SourceBlock> out;
    const Mode saved = std::exchange(mode_, mode);
    blocks(list, out, depth + 1);
    mode_ = saved;
    return out;
  }

  void block(const json& node, std::vector<SourceBlock>& out, int depth) {
    const std::string t = tag(node);
    const json& c = member(node, "c");
    if (t == "Para" || t == "Plain") {
      paragraph(c, out, depth);
    } else if (t == "Header") {
      const std::size_t first = out.size();
      paragraph(at(c, 2), out, depth);
      for (std::size_t i = first; i < out.size(); ++i) {
        out[i].kind = Kind::HEADING;
        out[i].heading_level = std::clamp(integer(at(c, 0), 1), 1, 6);
      }
    } else if (t == "BulletList") {
      for (const json& item : items(c)) list_item("-", item, out, depth);
    } else if (t == "OrderedList") {
      int number = integer(at(at(c, 0), 0), 1);
      for (const json& item : items(at(c, 1))) {
        list_item(list_marker(at(c, 0), number++), item, out, depth);
      }
    } else if (t == "DefinitionList") {
      for (const json& entry : items(c)) {
        paragraph(at(entry, 0), out, depth);
        for (const json& definition : items(at(entry, 1))) blocks(definition, out, depth + 1);
      }
    } else if (t == "BlockQuote" || t == "Div") {
      blocks(t == "Div" ? at(c, 1) : c, out, depth + 1);
    } else if (t == "LineBlock" || t == "CodeBlock") {
      paragraph(lines_as_inlines(t == "LineBlock", c), out, depth);
    } else if (t == "Table") {
      table(c, out, depth);
    }
    // HorizontalRule, RawBlock, Null: nothing a clerk reads.
  }

  static json lines_as_inlines(bool line_block, const json& c) {
    json inlines = json::array();
    std::vector<json> lines;
    if (line_block) lines.assign(items(c).begin(), items(c).end());
    std::istringstream code(str(at(c, 1)));
    for (std::string line; !line_block && std::getline(code, line);) {
      lines.push_back(json::array({{{"t", "Str"}, {"c", line}}}));
    }
    for (const json& line : lines) {
      if (!inlines.empty()) inlines.push_back({{"t", "LineBreak"}});
      for (const json& node : items(line)) inlines.push_back(node);
    }
    return inlines;
  }

  // The item's first paragraph carries the marker; nested lists follow
  // flattened with their own markers.
  void list_item(const std::string& marker, const json& item, std::vector<SourceBlock>& out,
                 int depth) {
    const std::size_t first = out.size();
    blocks(item, out, depth + 1);
    if (first == out.size() || out[first].kind != Kind::PARAGRAPH) {
      out.insert(out.begin() + std::ptrdiff_t(first), SourceBlock{});
    }
    out[first].kind = Kind::LIST_ITEM;
    out[first].list_marker = marker;
  }

  static bool all_strong(const json& inlines) {
    bool strong = false;
    for (const json& node : items(inlines)) {
      const std::string t = tag(node);
      if (t != "Strong" && t != "Space" && t != "SoftBreak" && t != "LineBreak") return false;
      strong = strong || t == "Strong";
    }
    return strong;
  }

  // Header lines are lines: there a LineBreak (Shift+Enter) ends one.
  void paragraph(const json& inlines, std::vector<SourceBlock>& out, int depth) {
    json line = json::array();
    for (const json& node : items(inlines)) {
      if (mode_ == Mode::PLAIN && tag(node) == "LineBreak") {
        emit_paragraph(std::exchange(line, json::array()), out, depth);
      } else {
        line.push_back(node);
      }
    }
    emit_paragraph(line, out, depth);
  }

  void emit_paragraph(const json& inlines, std::vector<SourceBlock>& out, int depth) {
    SourceBlock block;
    block.markdown = mode_ != Mode::PLAIN;
    block.bold = all_strong(inlines);
    std::string text;
    for (const json& node : items(inlines)) {
      if (block.bold && tag(node) == "Strong") {
        text += render(member(node, "c"), depth + 1);
      } else {
        inline_node(node, text, depth + 1);
      }
    }
    block.text = finish_text(text, mode_);
    if (!block.text.empty()) out.push_back(std::move(block));
  }

  std::string render(const json& list, int depth) {
    std::string out;
    too_deep_ = too_deep_ || depth > MAX_DEPTH;
    for (const json& node : items(depth > MAX_DEPTH ? NOTHING : list))
      inline_node(node, out, depth);
    return out;
  }

  static void add_space(std::string& out) {
    if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
  }

  // CommonMark emphasis may not start or end with a space or a hard break:
  // they go outside the delimiters.
  void wrap(const json& list, const std::string& delimiter, std::string& out, int depth) {
    const std::string inner = render(list, depth + 1);
    if (mode_ == Mode::PLAIN) {
      out += inner;
      return;
    }
    std::size_t begin = 0, end = inner.size();
    while (begin < end && (inner[begin] == ' ' || inner.compare(begin, 2, "\\\n") == 0)) {
      begin += inner[begin] == ' ' ? 1 : 2;
    }
    while (end > begin && (inner[end - 1] == ' ' || inner[end - 1] == '\n')) {
      end -= inner[end - 1] == '\n' && end - begin >= 2 ? 2 : 1;
    }
    if (begin > 0) add_space(out);
    if (begin < end) out += delimiter + inner.substr(begin, end - begin) + delimiter;
    if (begin < end && end < inner.size()) out += ' ';
  }

  std::string code_span(std::string code) const {
    if (mode_ == Mode::PLAIN || code.empty()) return code;
    for (auto p = code.find('|'); mode_ == Mode::CELL && p != std::string::npos;
         p = code.find('|', p + 2)) {
      code.insert(p, "\\");
    }
    std::string fence = "`";
    while (code.find(fence) != std::string::npos) fence += '`';
    const char* pad = code.front() == '`' || code.back() == '`' ? " " : "";
    return fence + pad + code + pad + fence;
  }

  std::string link(const json& c, int depth) {
    const std::string text = render(at(c, 1), depth + 1);
    std::string url = str(at(at(c, 2), 0));
    if (mode_ == Mode::PLAIN || url.empty()) return text;
    if (url.find_first_of(" ()<>|\\") != std::string::npos) url = percent_encode(url, Encode::Path);
    return "[" + text + "](" + url + ")";
  }

  void inline_node(const json& node, std::string& out, int depth) {
    const std::string t = tag(node);
    const json& c = member(node, "c");
    if (t == "Str" || t == "Math") {
      const std::string text = plain_spaces(str(t == "Str" ? c : at(c, 1)));
      out += mode_ == Mode::PLAIN ? text : escape_markdown(text);
    } else if (t == "Space" || t == "SoftBreak" || (t == "LineBreak" && mode_ != Mode::MARKDOWN)) {
      add_space(out);
    } else if (t == "LineBreak" && !out.empty() && out.back() != '\n') {
      if (out.back() == ' ') out.pop_back();
      out += "\\\n";
    } else if (t == "Strong" || t == "Emph" || t == "Strikeout") {
      wrap(c, t == "Strong" ? "**" : t == "Emph" ? "*" : "~~", out, depth);
    } else if (t == "Underline" || t == "SmallCaps" || t == "Superscript" || t == "Subscript") {
      out += render(c, depth + 1);
    } else if (t == "Span" || t == "Cite") {
      out += render(at(c, 1), depth + 1);
    } else if (t == "Quoted") {
      const bool single = tag(at(c, 0)) == "SingleQuote";
      out += (single ? "‘" : "“") + render(at(c, 1), depth + 1) + (single ? "’" : "”");
    } else if (t == "Code") {
      out += code_span(str(at(c, 1)));
    } else if (t == "Link") {
      out += link(c, depth);
    } else if (t == "Image") {
      ++images_;
    } else if (t == "Note") {
      const std::string reference = footnote(c, depth);
      if (mode_ != Mode::PLAIN) out += reference;
    }
    // RawInline: dropped (raw HTML/OOXML is not text).
  }

  // Numbered in the order met; a note inside a note gets the next number.
  std::string footnote(const json& note_blocks, int depth) {
    result.footnotes.emplace_back();
    const std::size_t index = result.footnotes.size() - 1;
    std::string markdown;
    for (const SourceBlock& b : blocks_in(Mode::MARKDOWN, note_blocks, depth)) {
      markdown += (markdown.empty() ? "" : "\n\n") + one_line(b, Mode::MARKDOWN);
    }
    result.footnotes[index] = markdown;
    return "[^" + std::to_string(index + 1) + "]";
  }

  std::vector<SourceBlock> cell_blocks(const json* cell, Mode mode, int depth) {
    return cell == nullptr ? std::vector<SourceBlock>{} : blocks_in(mode, at(*cell, 4), depth);
  }

  void table(const json& c, std::vector<SourceBlock>& out, int depth) {
    const Grid grid = layout(c);
    if (grid.cells.empty()) return;
    if (!std::exchange(table_seen_, true) && header_table(grid, depth)) return;
    SourceBlock block;
    block.kind = Kind::TABLE;
    block.markdown = true;
    block.table.header_row = grid.header_row;
    block.table.merged_cells = grid.merged;
    for (const auto& line : grid.cells) {
      std::vector<std::string>& row = block.table.rows.emplace_back();
      for (const json* cell : line) {
        row.push_back(joined(cell_blocks(cell, Mode::CELL, depth), Mode::CELL, " "));
      }
    }
    ++tables_;
    if (grid.truncated) {
      result.warnings.push_back("Bảng thứ " + std::to_string(tables_) + " có hơn " +
                                std::to_string(MAX_COLUMNS) + " cột; các cột thừa bị bỏ qua.");
    }
    if (grid.merged) {
      result.warnings.push_back("Bảng thứ " + std::to_string(tables_) +
                                " có ô gộp; nội dung ô gộp được đặt vào ô đầu tiên, các ô còn "
                                "lại để trống — cần kiểm tra lại bảng.");
    }
    out.push_back(std::move(block));
  }

  // The Phụ lục I header: two columns, one of them the Quốc hiệu. When the
  // table is not one, what reading it registered is undone.
  bool header_table(const Grid& grid, int depth) {
    if (grid.cells.empty() || grid.cells[0].size() != 2) return false;
    const std::size_t footnotes = result.footnotes.size();
    const int images = images_;
    std::vector<SourceLine> columns[2];
    for (const auto& line : grid.cells) {
      for (std::size_t col = 0; col < 2; ++col) {
        const bool centered = grid.alignment[col] == "AlignCenter" ||
                              (line[col] != nullptr && tag(at(*line[col], 1)) == "AlignCenter");
        for (const SourceBlock& b : cell_blocks(line[col], Mode::PLAIN, depth)) {
          SourceLine& source_line = columns[col].emplace_back();
          source_line.text = one_line(b, Mode::PLAIN);
          source_line.bold = b.bold;
          source_line.centered = centered;
        }
      }
    }
    auto has_quoc_hieu = [](const std::vector<SourceLine>& lines) {
      return std::any_of(lines.begin(), lines.end(),
                         [](const SourceLine& l) { return is_quoc_hieu(l.text); });
    };
    const bool right = has_quoc_hieu(columns[1]);
    if (!right && !has_quoc_hieu(columns[0])) {
      result.footnotes.resize(footnotes);
      images_ = images;
      return false;
    }
    result.header_left = std::move(columns[right ? 0 : 1]);
    result.header_right = std::move(columns[right ? 1 : 0]);
    return true;
  }
};

}  // namespace

SourceText source_from_pandoc(const nlohmann::json& ast) {
  if (!member(ast, "blocks").is_array()) {
    throw ImportError(
        "Kết quả của pandoc không đúng dạng cây văn bản (JSON), không đọc được nội dung.");
  }
  AstWalker walker;
  walker.blocks(ast["blocks"], walker.result.blocks, 0);
  walker.finish();
  return std::move(walker.result);
}

}  // namespace sotay
