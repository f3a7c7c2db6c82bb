#include "html_blocks.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include <cmark-gfm.h>

#include "html_table.h"
#include "text.h"

namespace sotay {

namespace {

constexpr std::size_t MAX_WARNINGS = 20;

struct BodyLine {
  std::string_view text;  // without its line break
  std::string_view eol;   // "\n", "\r\n" or "" (the last line)
  bool code = false;      // a fence or inside a fenced code block
};

// A fence line: up to three spaces, then ``` or ~~~ (three or more).
bool fence_of(std::string_view line, char& ch, std::size_t& length) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
  ch = line[i];
  length = line.find_first_not_of(ch, i) == std::string_view::npos
               ? line.size() - i
               : line.find_first_not_of(ch, i) - i;
  return length >= 3;
}

std::vector<BodyLine> split_body(std::string_view body) {
  std::vector<BodyLine> lines;
  char open = 0;
  std::size_t open_length = 0;
  while (!body.empty()) {
    const std::size_t nl = body.find('\n');
    BodyLine l;
    l.text = body.substr(0, nl);
    l.eol = nl == std::string_view::npos ? std::string_view() : body.substr(nl, 1);
    if (!l.text.empty() && l.text.back() == '\r') {
      l.text.remove_suffix(1);
      l.eol = body.substr(l.text.size(), nl == std::string_view::npos ? 1 : 2);
    }
    char ch = 0;
    std::size_t length = 0;
    const bool fence = fence_of(l.text, ch, length);
    l.code = open != 0 || fence;
    if (open == 0 && fence) {
      open = ch;
      open_length = length;
    } else if (open != 0 && fence && ch == open && length >= open_length) {
      open = 0;
    }
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    body.remove_prefix(nl + 1);
  }
  return lines;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Where `tag` ("<script", "</table") starts in `text` from `from`, case
// insensitive and followed by '>', '/' or a space; npos when absent.
std::size_t find_tag(std::string_view text, std::string_view tag, std::size_t from = 0) {
  for (std::size_t i = from; i + tag.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < tag.size() && lower(text[i + k]) == tag[k]) ++k;
    if (k < tag.size()) continue;
    const std::size_t after = i + tag.size();
    if (after == text.size() || text[after] == '>' || text[after] == '/' ||
        std::isspace(static_cast<unsigned char>(text[after])) != 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

bool opens_table(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  return find_tag(line, "<table", i) == i;
}

// The line of the "</table>" that closes the table opening at `first`,
// tables inside it counted; npos when it does not close.
std::size_t table_end(const std::vector<BodyLine>& lines, std::size_t first) {
  int depth = 0;
  for (std::size_t i = first; i < lines.size() && !lines[i].code; ++i) {
    const std::string_view t = lines[i].text;
    for (std::size_t p = t.find('<'); p != std::string_view::npos; p = t.find('<', p + 1)) {
      if (find_tag(t, "<table", p) == p) ++depth;
      if (find_tag(t, "</table", p) == p && --depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

std::string line_range(int first, int last) {
  return first == last ? "dòng " + std::to_string(first)
                       : "dòng " + std::to_string(first) + "–" + std::to_string(last);
}

// The conversion state: output, warnings, and the input lines already
// accounted for (their raw HTML is not warned again).
struct Cleaner {
  const std::vector<BodyLine>& lines;
  int first_line;
  CleanedBody out;
  std::set<std::size_t> handled;
  std::string closing;  // "</script" or "</style" while inside one

  int file_line(std::size_t i) const { return first_line + static_cast<int>(i); }
  void warn(std::size_t i, std::string message) {
    out.warnings.push_back({"", file_line(i), std::move(message)});
  }
  bool table(std::size_t& i);
  std::string scripts(std::size_t i, std::string_view text);
};

// The table opening at line `i`, converted or kept and warned; `i` becomes
// its last line. False when it does not close (warned as raw HTML).
bool Cleaner::table(std::size_t& i) {
  const std::size_t last = table_end(lines, i);
  if (last == std::string_view::npos) return false;
  std::string html;
  for (std::size_t k = i; k <= last; ++k) html += std::string(lines[k].text) + "\n";
  const std::size_t close = html.rfind('>') + 1;
  const std::string rest(trim(std::string_view(html).substr(close)));
  html.resize(close);
  for (std::size_t k = i; k <= last; ++k) handled.insert(k);
  std::string why_not;
  const std::optional<GfmTable> gfm = html_table_to_gfm(html, why_not);
  const std::string where = line_range(file_line(i), file_line(last));
  if (!gfm) {
    warn(i, "bảng HTML (" + where + ") " + why_not +
                " nên không chuyển được thành bảng Markdown và sẽ không hiển thị: hãy viết lại "
                "bảng bằng Markdown (mỗi hàng một dòng | ô 1 | ô 2 |), tách ô gộp thành ô riêng");
    for (std::size_t k = i; k <= last; ++k) {
      out.markdown += std::string(lines[k].text) + std::string(lines[k].eol);
    }
    i = last;
    return true;
  }
  out.markdown += "\n" + gfm->markdown + "\n";
  if (!rest.empty()) out.markdown += rest + "\n";
  out.changed = true;
  warn(i, "bảng HTML (" + where + ") đã được chuyển thành bảng Markdown (" +
              std::to_string(gfm->rows) + " hàng, " + std::to_string(gfm->columns) +
              " cột): hãy xem lại bảng trong bản xem trước");
  i = last;
  return true;
}

// Line `i` without its <script>/<style> elements (an element may span
// lines: `closing` carries it over).
std::string Cleaner::scripts(std::size_t i, std::string_view text) {
  std::string kept;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (!closing.empty()) {
      const std::size_t end = find_tag(text, closing, pos);
      if (end == std::string_view::npos) return kept;
      const std::size_t gt = text.find('>', end);
      pos = gt == std::string_view::npos ? text.size() : gt + 1;
      closing.clear();
      continue;
    }
    std::size_t open = std::string_view::npos;
    std::string name;
    for (const char* tag : {"<script", "<style"}) {
      const std::size_t at = find_tag(text, tag, pos);
      if (at < open) {
        open = at;
        name = tag + 1;
      }
    }
    // Inside `code` on this line, or never closed: left to raw_html_warnings().
    const bool in_code = open != std::string_view::npos &&
                         std::count(text.begin(), text.begin() + open, '`') % 2 == 1;
    bool closed = false;
    for (std::size_t k = i; open != std::string_view::npos && !in_code && k < lines.size() &&
                            !closed && !lines[k].code;
         ++k) {
      closed = find_tag(lines[k].text, "</" + name, k == i ? open : 0) != std::string_view::npos;
    }
    if (open == std::string_view::npos || in_code || !closed) {
      kept += text.substr(pos);
      return kept;
    }
    kept += text.substr(pos, open - pos);
    closing = "</" + name;
    handled.insert(i);
    out.changed = true;
    warn(i, "đã bỏ phần <" + name + "> (" +
                (name == "script" ? "mã chạy trên trang web" : "định dạng của trang web") +
                "): sổ tay chỉ đăng chữ, bảng và hình");
    const std::size_t gt = text.find('>', open);
    pos = gt == std::string_view::npos ? text.size() : gt + 1;
  }
  return kept;
}

}  // namespace

CleanedBody clean_pasted_html(std::string_view body, int first_line) {
  const std::vector<BodyLine> lines = split_body(body);
  Cleaner c{lines, first_line, {}, {}, {}};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const BodyLine& l = lines[i];
    if (l.code) {
      c.out.markdown += std::string(l.text) + std::string(l.eol);
      continue;
    }
    if (c.closing.empty() && opens_table(l.text) && c.table(i)) continue;
    const bool was_inside = !c.closing.empty();
    const std::string kept = c.scripts(i, l.text);
    if (was_inside || kept.size() != l.text.size()) {
      c.handled.insert(i);
      if (!trim(kept).empty()) c.out.markdown += kept + std::string(l.eol);
      continue;
    }
    c.out.markdown += std::string(l.text) + std::string(l.eol);
  }
  for (const ContentError& w : raw_html_warnings(body, first_line)) {
    if (c.handled.count(static_cast<std::size_t>(w.line - first_line)) == 0) {
      c.out.warnings.push_back(w);
    }
  }
  std::stable_sort(c.out.warnings.begin(), c.out.warnings.end(),
                   [](const ContentError& a, const ContentError& b) { return a.line < b.line; });
  if (!c.out.changed) c.out.markdown = std::string(body);
  return c.out;
}

namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// What to write instead of a tag, for the first tag of a warning that has one.
std::string markdown_hint(const std::string& tag) {
  static const std::map<std::string, std::string> HINTS = {
      {"b", "chữ đậm viết **chữ đậm**"},
      {"strong", "chữ đậm viết **chữ đậm**"},
      {"i", "chữ nghiêng viết *chữ nghiêng*"},
      {"em", "chữ nghiêng viết *chữ nghiêng*"},
      {"u", "Markdown không có gạch chân, hãy dùng **chữ đậm**"},
      {"br", "muốn sang đoạn mới thì để một dòng trống"},
      {"p", "muốn sang đoạn mới thì để một dòng trống"},
      {"a", "liên kết viết [chữ](địa chỉ)"},
      {"img", "hình viết ![mô tả](ten-tep.png)"},
      {"ul", "danh sách viết mỗi mục một dòng bắt đầu bằng \"- \""},
      {"ol", "danh sách đánh số viết \"1. \" ở đầu mỗi mục"},
      {"li", "danh sách viết mỗi mục một dòng bắt đầu bằng \"- \""},
      {"table", "bảng viết mỗi hàng một dòng | ô 1 | ô 2 |"},
      {"tr", "bảng viết mỗi hàng một dòng | ô 1 | ô 2 |"},
      {"td", "bảng viết mỗi hàng một dòng | ô 1 | ô 2 |"},
  };
  if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') {
    return "tiêu đề mục viết ## Tên mục";
  }
  const auto it = HINTS.find(tag);
  return it == HINTS.end() ? std::string() : it->second;
}

// The opening tags of an HTML literal, by line offset inside it ("<div",
// "<b"; closing tags, comments and declarations are left out).
std::map<int, std::vector<std::string>> opening_tags(std::string_view html) {
  std::map<int, std::vector<std::string>> tags;
  if (html.substr(0, 4) == "<!--") return tags;
  int line = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '\n') ++line;
    if (html[i] != '<' || i + 1 >= html.size() ||
        std::isalpha(static_cast<unsigned char>(html[i + 1])) == 0) {
      continue;
    }
    std::string name;
    for (std::size_t k = i + 1;
         k < html.size() && std::isalnum(static_cast<unsigned char>(html[k])) != 0; ++k) {
      name += lower(html[k]);
    }
    auto& names = tags[line];
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return tags;
}

std::string tag_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t k = 0; k < names.size() && k < 4; ++k) {
    out += (k == 0 ? "<" : ", <") + names[k] + ">";
  }
  return out + (names.size() > 4 ? ", …" : "");
}

std::string first_hint(const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (std::string hint = markdown_hint(n); !hint.empty()) return ": " + hint;
  }
  return {};
}

}  // namespace

std::vector<ContentError> raw_html_warnings(std::string_view body, int first_line) {
  std::unique_ptr<cmark_node, NodeDeleter> doc(
      cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT));
  std::map<int, std::vector<std::string>> inline_tags;  // file line -> tags
  std::vector<ContentError> out;
  cmark_iter* iter = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev != CMARK_EVENT_ENTER ||
        (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE)) {
      continue;
    }
    const char* literal = cmark_node_get_literal(node);
    const auto tags = opening_tags(literal ? literal : "");
    if (tags.empty()) continue;
    const int line = first_line + cmark_node_get_start_line(node) - 1;
    if (type == CMARK_NODE_HTML_INLINE) {
      auto& names = inline_tags[line];
      for (const std::string& n : tags.begin()->second) {
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
      }
      continue;
    }
    std::vector<std::string> names;
    for (const auto& [offset, on_line] : tags)
      names.insert(names.end(), on_line.begin(), on_line.end());
    const int last = first_line + cmark_node_get_end_line(node) - 1;
    out.push_back({"", line,
                   "khối HTML " + tag_list(names) + " (" + line_range(line, last) +
                       ") không hiển thị trên trang, cả chữ bên trong: hãy viết lại bằng "
                       "Markdown" +
                       first_hint(names)});
  }
  cmark_iter_free(iter);
  for (const auto& [line, names] : inline_tags) {
    out.push_back({"", line,
                   "thẻ HTML " + tag_list(names) +
                       " bị bỏ qua (chữ vẫn hiện nhưng không có định dạng ấy): hãy dùng định "
                       "dạng Markdown" +
                       first_hint(names)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ContentError& a, const ContentError& b) { return a.line < b.line; });
  if (out.size() > MAX_WARNINGS) {
    const std::size_t left = out.size() - (MAX_WARNINGS - 1);
    out.resize(MAX_WARNINGS - 1);
    out.push_back({"", out.back().line,
                   "và " + std::to_string(left) + " chỗ khác có thẻ HTML (không liệt kê hết)"});
  }
  return out;
}

}  // namespace sotay
