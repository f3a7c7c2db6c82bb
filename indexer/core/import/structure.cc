#include "structure.h"

#include <algorithm>
#include <regex>

#include "text.h"
#include "text_case.h"

namespace sotay {

namespace {

using Kind = SourceBlock::Kind;

enum class Part { NONE, PHAN, CHUONG, MUC, DIEU, PHU_LUC };

// "Phần thứ nhất", "PHẦN I", "Chương II", "Mục 1", "Điều 5.", "Phụ lục I".
// The block's text without Markdown emphasis and escapes (pandoc blocks).
std::string plain_text(const SourceBlock& b) {
  if (!b.markdown) return b.text;
  std::string plain;
  for (std::size_t i = 0; i < b.text.size(); ++i) {
    if (b.text[i] == '\\' && i + 1 < b.text.size()) {
      plain += b.text[++i];
    } else if (b.text[i] != '*' && b.text[i] != '_') {
      plain += b.text[i];
    }
  }
  return std::string(trim(plain));
}

Part part_of(const SourceBlock& b) {
  if (b.kind != Kind::PARAGRAPH && b.kind != Kind::HEADING) return Part::NONE;
  const std::string f = fold_line(std::string_view(plain_text(b)).substr(0, 60));
  static const std::regex DIEU(R"(^dieu [0-9]+[a-z]?\s*[.:]?(\s|$))");
  static const std::regex CHUONG(R"(^chuong [ivxlc0-9]+\b)");
  static const std::regex MUC(R"(^muc [0-9ivx]+\b)");
  static const std::regex PHAN(R"(^phan (thu [a-z ]+|[ivxlc0-9]+)\b)");
  static const std::regex PHU_LUC(R"(^phu luc\b)");
  if (std::regex_search(f, DIEU)) return Part::DIEU;
  if (b.text.size() > 300) return Part::NONE;
  if (std::regex_search(f, CHUONG)) return Part::CHUONG;
  if (std::regex_search(f, MUC) && (b.bold || b.centered || mostly_capitals(b.text)))
    return Part::MUC;
  if (std::regex_search(f, PHAN) && (b.bold || b.centered || mostly_capitals(b.text)))
    return Part::PHAN;
  if (std::regex_search(f, PHU_LUC) && (b.centered || mostly_capitals(b.text)))
    return Part::PHU_LUC;
  return Part::NONE;
}

std::string sentence_case(std::string_view text) {
  return mostly_capitals(text) ? capitalize_first(lower_vi(text)) : std::string(trim(text));
}

// An article's heading and the paragraph after it, from one block:
//   "Điều 5. Hiệu lực thi hành" (a name)            → heading only;
//   "Điều 1. Ban hành kèm theo … Quy chế." (no name) → "Điều 1" + paragraph;
//   "Điều 5. Hiệu lực. Nghị định này có hiệu lực …"  → "Điều 5. Hiệu lực" + paragraph.
// Pandoc blocks are Markdown: "**Điều 1.** Ban hành …" loses its emphasis marks.
std::pair<std::string, std::string> split_article(const SourceBlock& b) {
  const std::string text = std::string(trim(plain_text(b)));
  static const std::regex HEAD(R"(^(Điều\s+[0-9]+[a-zđ]?)\s*[.:]?\s*)");
  std::smatch m;
  if (!std::regex_search(text, m, HEAD)) return {text, ""};
  const std::string number = m[1].str();
  const std::string rest = text.substr(static_cast<std::size_t>(m.length(0)));
  if (rest.empty() || (b.bold && !b.markdown)) return {text, ""};
  const std::size_t stop = rest.find(". ");
  if (stop != std::string::npos && stop < 200) {
    return {number + ". " + rest.substr(0, stop), rest.substr(stop + 2)};
  }
  const char last = rest.back();
  if (last == '.' || last == ';' || last == ':' || rest.size() > 200) return {number, rest};
  return {number + ". " + rest, ""};
}

std::string table_markdown(const SourceTable& t, bool escape) {
  if (t.rows.empty()) return "";
  std::size_t cols = 0;
  for (const auto& r : t.rows) cols = std::max(cols, r.size());
  auto cell = [](std::string s) {
    std::string out;
    for (const char c : s) {
      if (c == '\n' || c == '\r')
        out += ' ';
      else if (c == '|')
        out += "\\|";
      else
        out += c;
    }
    return std::string(trim(out));
  };
  auto row = [&](const std::vector<std::string>& r) {
    std::string line = "|";
    for (std::size_t c = 0; c < cols; ++c) {
      const std::string v = c < r.size() ? r[c] : "";
      line += " " + (escape ? cell(escape_markdown(v)) : cell(v)) + " |";
    }
    return line + "\n";
  };
  std::string out;
  std::vector<std::string> header = t.header_row ? t.rows[0] : std::vector<std::string>(cols);
  out += row(header);
  out += "|";
  for (std::size_t c = 0; c < cols; ++c) out += " --- |";
  out += "\n";
  for (std::size_t r = t.header_row ? 1 : 0; r < t.rows.size(); ++r) out += row(t.rows[r]);
  return out;
}

}  // namespace

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && line_start) continue;
    if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) {
      out += '\\';
    } else if (line_start && (c == '#' || c == '-' || c == '+' || c == '=' || c == '>')) {
      out += '\\';
    } else if (line_start && c >= '0' && c <= '9') {
      // "1. " / "1) " at the start would open a list: escape the delimiter.
      std::size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      if (j < text.size() && (text[j] == '.' || text[j] == ')') &&
          (j + 1 == text.size() || text[j + 1] == ' ')) {
        out.append(text.substr(i, j - i)).append("\\");
        i = j - 1;
        line_start = false;
        continue;
      }
    }
    out += c;
    line_start = false;
  }
  return out;
}

namespace {

struct Writer {
  std::string out;
  std::string list_indent;  // indentation of the open ordered item's content

  void block(std::string_view md) {
    if (!out.empty()) out += "\n";
    out.append(md).append("\n");
  }
  void heading(int level, std::string_view title) {
    list_indent.clear();
    block(std::string(static_cast<std::size_t>(std::clamp(level, 2, 6)), '#') + " " +
          escape_markdown(title));
  }
  // A khoản "1.", a điểm "a)", a bullet "-": `text` is already Markdown.
  void item(std::string_view marker, std::string_view md) {
    if (!marker.empty() && marker.back() == ')' && marker.size() <= 3 && marker[0] >= 'a' &&
        marker[0] <= 'z') {
      // Điểm: a paragraph under the khoản it belongs to ("a)" is no list marker).
      block(list_indent + std::string(marker) + " " + std::string(md));
      return;
    }
    const bool ordered = !marker.empty() && marker[0] >= '0' && marker[0] <= '9';
    const std::string m = ordered ? std::string(marker) : "-";
    block(m + " " + std::string(md));
    list_indent = std::string(m.size() + 1, ' ');
  }
  void paragraph(std::string_view md) {
    list_indent.clear();
    block(md);
  }
};

// "1. …", "a) …", "- …" at the start of a paragraph: the marker, or "".
std::string marker_of(std::string_view text) {
  static const std::regex MARKER(R"(^([0-9]{1,3}[.)]|[a-zđ]\)|[-+•–])\s)");
  std::cmatch m;
  const std::string_view head = text.substr(0, 12);
  if (std::regex_search(head.begin(), head.end(), m, MARKER)) return m[1].str();
  return "";
}

std::string inline_md(const SourceBlock& b, std::string_view text) {
  return b.markdown ? std::string(trim(text)) : escape_markdown(trim(text));
}

int level_of(Part p, bool phan, bool chuong, bool muc) {
  const int l_phan = 2, l_chuong = 2 + (phan ? 1 : 0), l_muc = chuong ? l_chuong + 1 : l_chuong;
  switch (p) {
    case Part::PHAN:
      return l_phan;
    case Part::CHUONG:
      return l_chuong;
    case Part::MUC:
      return l_muc;
    case Part::DIEU:
      return std::min(6, (muc ? l_muc : chuong ? l_chuong : phan ? l_phan : 1) + 1);
    default:
      return 2;
  }
}

}  // namespace

std::string body_markdown(const SourceText& text) {
  const std::vector<SourceBlock>& blocks = text.blocks;
  std::vector<Part> parts;
  bool phan = false, chuong = false, muc = false;
  for (const SourceBlock& b : blocks) {
    parts.push_back(part_of(b));
    phan |= parts.back() == Part::PHAN;
    chuong |= parts.back() == Part::CHUONG;
    muc |= parts.back() == Part::MUC;
  }
  Writer w;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const SourceBlock& b = blocks[i];
    const Part p = parts[i];
    if (p == Part::DIEU) {
      const auto [head, rest] = split_article(b);
      w.heading(level_of(p, phan, chuong, muc), head);
      if (!rest.empty()) w.paragraph(escape_markdown(rest));
      continue;
    }
    if (p != Part::NONE) {
      // "Chương I" then its name on the next line: one heading.
      std::string title(trim(b.text));
      if (i + 1 < blocks.size() && parts[i + 1] == Part::NONE &&
          blocks[i + 1].kind == Kind::PARAGRAPH && blocks[i + 1].text.size() < 250 &&
          (blocks[i + 1].bold || blocks[i + 1].centered || mostly_capitals(blocks[i + 1].text)) &&
          fold_line(title).find(' ', fold_line(title).find(' ') + 1) == std::string::npos) {
        title += ". " + sentence_case(blocks[++i].text);
      }
      w.heading(level_of(p, phan, chuong, muc), title);
      continue;
    }
    switch (b.kind) {
      case Kind::HEADING:
        w.heading(b.heading_level + 1, b.markdown ? std::string(b.text) : b.text);
        break;
      case Kind::TABLE:
        w.paragraph(table_markdown(b.table, !b.markdown));
        break;
      case Kind::LIST_ITEM:
        w.item(b.list_marker, inline_md(b, b.text));
        break;
      case Kind::PARAGRAPH: {
        const std::string marker = marker_of(b.text);
        if (!marker.empty()) {
          w.item(marker, inline_md(b, std::string_view(b.text).substr(b.text.find(marker) +
                                                                      marker.size())));
        } else {
          w.paragraph(inline_md(b, b.text));
        }
        break;
      }
    }
  }
  for (std::size_t n = 0; n < text.footnotes.size(); ++n) {
    w.paragraph("[^" + std::to_string(n + 1) + "]: " + text.footnotes[n]);
  }
  return w.out;
}

}  // namespace sotay
