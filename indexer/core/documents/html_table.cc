#include "html_table.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "text.h"

namespace sotay {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// One tag of the table's HTML: its lower-case name, whether it closes, and
// the text of its attributes.
struct Tag {
  std::string name;
  bool closing = false;
  std::string attributes;
};

// The tag at `html[pos]` ('<'); advances `pos` past its '>'. A comment
// gives an empty name.
Tag read_tag(std::string_view html, std::size_t& pos) {
  Tag tag;
  if (html.substr(pos, 4) == "<!--") {
    const std::size_t end = html.find("-->", pos + 4);
    pos = end == std::string_view::npos ? html.size() : end + 3;
    return tag;
  }
  std::size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) != 0)) {
    tag.name += lower(html[i++]);
  }
  const std::size_t end = html.find('>', i);
  const std::size_t stop = end == std::string_view::npos ? html.size() : end;
  for (; i < stop; ++i) tag.attributes += lower(html[i]);
  pos = end == std::string_view::npos ? html.size() : end + 1;
  return tag;
}

// colspan="2" / rowspan=3: a merged cell.
bool merges_cells(const std::string& attributes) {
  for (const char* name : {"colspan", "rowspan"}) {
    std::size_t at = attributes.find(name);
    if (at == std::string::npos) continue;
    at = attributes.find_first_of("0123456789", at);
    if (at != std::string::npos && std::strtol(attributes.c_str() + at, nullptr, 10) > 1) {
      return true;
    }
  }
  return false;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '#'; }

// Appends text to a cell: runs of whitespace (no-break spaces included)
// become one space, characters Markdown would read escaped; `next` is the
// raw character after `text` (an '&' before a name is escaped).
void append_cell_text(std::string& out, std::string_view text, char next) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = text.compare(i, 2, "\xC2\xA0") == 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || nbsp) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      if (nbsp) ++i;
      continue;
    }
    const char after = i + 1 < text.size() ? text[i + 1] : next;
    if (std::string_view("|*_`[]<\\").find(c) != std::string_view::npos ||
        (c == '&' && is_name_char(after))) {
      out += '\\';
    }
    out += c;
  }
}

// Cell text for a GFM cell: references decoded (those decode_html_entities()
// does not know are left for cmark, which decodes every HTML5 name),
// whitespace collapsed, syntax escaped.
std::string cell_markdown(std::string_view raw) {
  std::string out;
  std::size_t done = 0;
  for (std::size_t amp = raw.find('&'); amp != std::string_view::npos; amp = raw.find('&', done)) {
    const std::size_t semi = raw.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 10) break;
    const std::string_view ref = raw.substr(amp, semi - amp + 1);
    const std::string decoded = decode_html_entities(ref);
    const bool named = std::all_of(ref.begin() + 1, ref.end() - 1, [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    if (decoded == ref && !named) {
      append_cell_text(out, raw.substr(done, amp + 1 - done), raw[amp + 1]);
      done = amp + 1;
      continue;
    }
    append_cell_text(out, raw.substr(done, amp - done), '&');
    const char next = semi + 1 < raw.size() ? raw[semi + 1] : '\0';
    if (decoded == ref) {
      out += ref;  // a name cmark decodes
    } else {
      append_cell_text(out, decoded, next);
    }
    done = semi + 1;
  }
  append_cell_text(out, raw.substr(done), '\0');
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

constexpr std::string_view BREAKING_TAGS = " br p div li ul ol h1 h2 h3 h4 h5 h6 hr ";

struct TableState {
  std::vector<std::vector<std::string>> rows;
  std::string cell;  // raw text of the open cell
  std::string caption;
  bool in_cell = false;
  bool in_caption = false;
  int depth = 0;  // <table> nesting
};

void close_cell(TableState& t) {
  if (!t.in_cell) return;
  if (t.rows.empty()) t.rows.emplace_back();
  t.rows.back().push_back(cell_markdown(t.cell));
  t.cell.clear();
  t.in_cell = false;
}

// Applies one tag; false with `why_not` for what GFM cannot hold.
bool apply_tag(const Tag& tag, TableState& t, std::string& why_not) {
  const std::string& n = tag.name;
  if (n == "table") {
    t.depth += tag.closing ? -1 : 1;
    if (t.depth > 1) why_not = "có bảng lồng trong một ô";
    return t.depth <= 1;
  }
  if ((n == "td" || n == "th") && !tag.closing && merges_cells(tag.attributes)) {
    why_not = "có ô gộp (colspan/rowspan)";
    return false;
  }
  if (n == "tr") {
    close_cell(t);
    if (!tag.closing) t.rows.emplace_back();
  } else if (n == "td" || n == "th") {
    close_cell(t);
    t.in_cell = !tag.closing;
  } else if (n == "caption") {
    t.in_caption = !tag.closing;
  } else if (t.in_cell && BREAKING_TAGS.find(" " + n + " ") != std::string_view::npos) {
    t.cell += ' ';  // <br>, <p>, <li>, …: words stay apart; inline tags add nothing
  }
  return true;
}

std::string table_markdown(const TableState& t, std::size_t columns) {
  std::string out;
  if (const std::string caption = cell_markdown(t.caption); !caption.empty()) {
    out += caption + "\n\n";
  }
  bool header = true;
  for (const auto& row : t.rows) {
    if (row.empty()) continue;
    out += '|';
    for (std::size_t c = 0; c < columns; ++c) out += ' ' + (c < row.size() ? row[c] : "") + " |";
    out += '\n';
    if (header) {
      out += '|';
      for (std::size_t c = 0; c < columns; ++c) out += " --- |";
      out += '\n';
      header = false;
    }
  }
  return out;
}

}  // namespace

std::string decode_html_entities(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> NAMED[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t semi = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    std::string decoded;
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end != nullptr && *end == '\0') append_utf8(decoded, cp);
    }
    for (const auto& [n, value] : NAMED) {
      if (name == n) decoded = value;
    }
    if (decoded.empty()) {
      out += text[i];
      continue;
    }
    out += decoded;
    i = semi;
  }
  return out;
}

std::optional<GfmTable> html_table_to_gfm(std::string_view html, std::string& why_not) {
  TableState t;
  for (std::size_t pos = 0; pos < html.size();) {
    if (html[pos] == '<' && pos + 1 < html.size() &&
        (std::isalpha(static_cast<unsigned char>(html[pos + 1])) != 0 || html[pos + 1] == '/' ||
         html[pos + 1] == '!')) {
      const Tag tag = read_tag(html, pos);
      if (!tag.name.empty() && !apply_tag(tag, t, why_not)) return std::nullopt;
      continue;
    }
    if (t.in_cell) t.cell += html[pos];
    if (t.in_caption) t.caption += html[pos];
    ++pos;
  }
  close_cell(t);
  std::size_t columns = 0;
  std::size_t rows = 0;
  for (const auto& row : t.rows) {
    columns = std::max(columns, row.size());
    rows += row.empty() ? 0 : 1;
  }
  if (rows == 0 || columns == 0) {
    why_not = "bảng không có ô nào";
    return std::nullopt;
  }
  return GfmTable{table_markdown(t, columns), rows, columns};
}

}  // namespace sotay
