#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <utility>

#include "page_lines.h"
#include "page_text.h"
#include "text.h"

namespace sotay::layout {

namespace {

// ---- Page 1's two-column header

bool is_date_line(std::string_view text) {
  return text.find("ngày") != std::string_view::npos &&
         text.find("tháng") != std::string_view::npos;
}
bool is_motto_line(std::string_view text) {
  return text.find("Độc lập") != std::string_view::npos ||
         text.find("ĐỘC LẬP") != std::string_view::npos;
}

struct Header {
  double gutter = 0;  // x where the right column starts
  std::vector<SourceLine> left, right;
};

// Puts `line`'s parts into the header's columns; false when a part runs
// across the gutter (the line is not part of the header).
bool add_to_columns(const RawLine& line, Header& h) {
  const double tol = 0.5 * line.size;
  std::vector<SourceLine> left, right;
  for (Span s : spans_of(line, 0.6 * line.size)) {
    if (is_rule_line(words_text(line, s.from, s.to))) continue;  // "_____" under a line
    if (span_x1(line, s) <= h.gutter + tol) {
      left.push_back(source_line(line, s));
    } else if (span_x0(line, s) >= h.gutter - tol) {
      right.push_back(source_line(line, s));
    } else {
      size_t k = s.from;
      while (k < s.to && line.words[k]->x0 < h.gutter - tol) ++k;
      const bool clean = k > s.from && k < s.to && line.words[k - 1]->x1 <= h.gutter + tol;
      const SourceLine whole_span = source_line(line, s);
      if (clean) {
        left.push_back(source_line(line, {s.from, k}));
        right.push_back(source_line(line, {k, s.to}));
      } else if (is_date_line(whole_span.text) || is_motto_line(whole_span.text) ||
                 has_quoc_hieu(whole_span.text)) {
        right.push_back(whole_span);
      } else {
        return false;
      }
    }
  }
  // Parts on one side separated by a wide gap ("Số: 542    /TB-UBND") are one line.
  const auto merge = [](std::vector<SourceLine>& parts, std::vector<SourceLine>& column) {
    if (parts.empty()) return;
    SourceLine l = parts.front();
    for (size_t i = 1; i < parts.size(); ++i) {
      l.text += " " + parts[i].text;
      l.x1 = parts[i].x1;
      l.bold = l.bold && parts[i].bold;
    }
    column.push_back(std::move(l));
  };
  merge(left, h.left);
  merge(right, h.right);
  return true;
}

// The first word of the Quốc hiệu in `l`: "CỘNG" (or as OCR misreads it),
// else the start of the shortest tail that still reads as the Quốc hiệu.
size_t quoc_hieu_start(const RawLine& l) {
  const size_t n = l.words.size();
  for (size_t j = 0; j < n; ++j) {
    const std::string word = words_text(l, j, j + 1);
    const bool cong = word.starts_with("CỘNG") || word.starts_with("CỌNG") ||
                      word.starts_with("CÔNG") || word.starts_with("CONG");
    // "CÔNG" only before "HÒA": "BỘ CÔNG AN CỘNG HÒA …" starts at the second.
    if (cong && j + 1 < n && words_text(l, j + 1, j + 2).starts_with("H") &&
        has_quoc_hieu(words_text(l, j, n)))
      return j;
  }
  size_t k = 0;
  while (k + 1 < n && has_quoc_hieu(words_text(l, k + 1, n))) ++k;
  return k;
}

// The Quốc hiệu line (or, without one, the first line of two far-apart
// parts in the top third of the page) and where its right part starts.
std::optional<std::pair<size_t, double>> find_header_start(const std::vector<RawLine>& lines,
                                                           const Frame& f) {
  for (size_t i = 0; i < lines.size() && lines[i].y1 < 0.5 * f.height; ++i) {
    const RawLine& l = lines[i];
    if (l.words.size() <= 40 && has_quoc_hieu(l.text))
      return std::make_pair(i, l.words[quoc_hieu_start(l)]->x0 - 1);
  }
  for (size_t i = 0; i < lines.size() && lines[i].y1 < 0.3 * f.height; ++i) {
    const std::vector<Span> spans = spans_of(lines[i], 1.5 * lines[i].size);
    if (spans.size() >= 2 && span_x1(lines[i], spans.front()) < f.mid() &&
        span_x0(lines[i], spans.back()) > f.mid() - 0.1 * f.width())
      return std::make_pair(i, span_x0(lines[i], spans.back()) - 1);
  }
  return std::nullopt;
}

// The lines above the Quốc hiệu: the Gazette's section title (dropped) and
// the issuer it files the document under (kept in `echo`: it is the
// issuer only when the header has no left column); other lines go to the
// columns. Returns the indices used.
std::vector<size_t> read_preamble(const std::vector<RawLine>& lines, size_t start, const Frame& f,
                                  Header& h, std::vector<SourceLine>& echo) {
  std::vector<size_t> used;
  bool section = false;
  for (size_t i = 0; i < start; ++i) {
    const RawLine& l = lines[i];
    if (is_gazette_section_line(l.text)) {
      section = true;
      used.push_back(i);
      for (std::string_view prefix : {"VĂN BẢN HỢP NHẤT - ", "VĂN BẢN HỢP NHẤT – "}) {
        if (l.text.starts_with(prefix) && l.text.size() > prefix.size()) {
          echo.push_back(source_line(l, whole(l)));
          echo.back().text = l.text.substr(prefix.size());
        }
      }
    } else if (section || is_centered(l, f)) {
      echo.push_back(source_line(l, whole(l), true));
      used.push_back(i);
    } else if (add_to_columns(l, h)) {
      used.push_back(i);
    }
  }
  return used;
}

bool ends_header(const RawLine& l, const RawLine& quoc_hieu, double last_y1, const Frame& f,
                 const DocMetrics& m) {
  if (is_motto_line(l.text) || is_date_line(l.text)) return false;
  return is_document_type_line(l.text) || is_centered(l, f) || l.text.starts_with("Kính gửi") ||
         l.y0 > quoc_hieu.y0 + 0.35 * f.height || l.y1 - last_y1 > 4 * m.lead;
}

}  // namespace

void extract_header(std::vector<RawLine>& lines, const Frame& f, const DocMetrics& m,
                    SourceText& out) {
  const auto start = find_header_start(lines, f);
  if (!start) return;
  Header h;
  h.gutter = start->second;
  std::vector<SourceLine> echo;
  std::vector<size_t> used = read_preamble(lines, start->first, f, h, echo);
  double last_y1 = lines[start->first].y1;
  for (size_t i = start->first; i < lines.size(); ++i) {
    if (i > start->first && ends_header(lines[i], lines[start->first], last_y1, f, m)) break;
    if (!add_to_columns(lines[i], h)) break;
    used.push_back(i);
    last_y1 = lines[i].y1;
  }
  if (h.left.empty()) h.left = std::move(echo);
  std::sort(used.begin(), used.end());
  for (size_t k = used.size(); k-- > 0;) lines.erase(lines.begin() + static_cast<long>(used[k]));
  out.header_left = std::move(h.left);
  out.header_right = std::move(h.right);
}

namespace {

// ---- Footnotes

// The number a footnote line starts with ("1 Luật số …", "12Khoản …"), or "".
std::string leading_number(const RawLine& l) {
  size_t n = 0;
  while (n < l.text.size() && n < 3 && l.text[n] >= '0' && l.text[n] <= '9') ++n;
  if (n == 0 || n == l.text.size()) return "";
  const unsigned char next = static_cast<unsigned char>(l.text[n]);
  const bool letter_or_space = next == ' ' || next >= 0x80 || std::isalpha(next);
  return letter_or_space ? l.text.substr(0, n) : "";
}

// A reference to footnote `number` in the lines: the number set small and
// raised above its line's baseline.
bool referenced(const std::vector<RawLine>& lines, size_t upto, const std::string& number) {
  for (size_t i = 0; i < upto; ++i) {
    for (const SourceWord* w : lines[i].words) {
      if (w->text == number && word_size(*w) < 0.85 * lines[i].size &&
          w->y1 < lines[i].y1 - 0.1 * lines[i].size)
        return true;
    }
  }
  return false;
}

}  // namespace

// Footnotes at the foot of a page: the small print below the body, from the
// first line starting with the next footnote number that a raised number
// on the page refers to; each numbered line starts a footnote, the others
// continue it. Small print above that, after a page that ended in a
// footnote, continues the last one. The raised
// numbers stay in the body's text.
void take_footnotes(std::vector<std::vector<RawLine>>& pages, const DocMetrics& m,
                    std::vector<std::string>& footnotes) {
  double open_size = 0;  // the size of the footnote the page before ended in, or 0
  for (auto& lines : pages) {
    if (lines.empty()) continue;
    // The small print at the foot: lines of the last line's size under a
    // larger one; a page of nothing else only when it is smaller than most text.
    const double foot = lines.back().size;
    size_t zone = lines.size();
    while (zone > 0 && std::abs(lines[zone - 1].size - foot) < 0.6) --zone;
    if (zone > 0 ? lines[zone - 1].size < foot + 1 : foot >= 0.9 * m.body_size) zone = lines.size();
    const auto next_starts = [&](size_t i) {
      const std::string next = std::to_string(footnotes.size() + 1);
      return leading_number(lines[i]) == next && referenced(lines, zone, next);
    };
    size_t first = zone;
    while (first < lines.size() && !next_starts(first)) ++first;
    const bool continues =
        open_size > 0 && zone < first && std::abs(lines[zone].size - open_size) < 0.6;
    if (first == lines.size() && !continues) {
      open_size = 0;
      continue;
    }
    if (!continues) zone = first;
    for (size_t i = zone; i < lines.size(); ++i) {
      if (i >= first && next_starts(i)) {
        const std::string number = leading_number(lines[i]);
        footnotes.emplace_back(trim(std::string_view(lines[i].text).substr(number.size())));
      } else {
        footnotes.back() += " " + lines[i].text;
      }
    }
    open_size = lines.back().size;
    lines.erase(lines.begin() + static_cast<long>(zone), lines.end());
  }
}

namespace {

// ---- Blocks

// A line, or one column's part of it, as the block builder sees it.
struct Piece {
  std::string text;
  double x0 = 0, x1 = 0, y1 = 0, size = 0;
  bool bold = false, centered = false;
  int page = 0;
  double confidence = 100;
};

Piece piece_of(const RawLine& l, const Frame& f) {
  return {l.text, l.x0, l.x1, l.y1, l.size, l.bold, is_centered(l, f), l.page, l.confidence};
}
Piece piece_of(const RawLine& l, Span s) {
  const SourceLine sl = source_line(l, s);
  return {sl.text, sl.x0, sl.x1, sl.y1, l.size, sl.bold, false, l.page, l.confidence};
}

bool ends_sentence(std::string_view text) {
  while (!text.empty() && (text.ends_with("”") || text.ends_with("\"") || text.ends_with(")")))
    text.remove_suffix(text.ends_with("”") ? 3 : 1);
  return !text.empty() && std::string_view(".;:!?").find(text.back()) != std::string_view::npos;
}

// Hard-wrapped lines back into paragraphs, one SourceBlock each.
class BlockBuilder {
 public:
  BlockBuilder(const DocMetrics& m, std::vector<SourceBlock>& out) : m_(m), out_(out) {}

  void add(const Piece& p, const Frame& f) {
    if (!open_ || starts_block(p, f)) {
      begin(p);
    } else {
      append(p);
    }
    prev_ = p;
    prev_frame_ = f;
    open_ = true;
  }
  // A block of its own: nothing joins it (a signature line).
  void add_alone(const Piece& p) {
    begin(p);
    open_ = false;
  }
  void close() { open_ = false; }

 private:
  double lead_at(double size) const { return m_.lead * std::max(1.0, size / m_.body_size); }

  bool starts_block(const Piece& p, const Frame& f) const {
    const Piece& q = prev_;
    if (is_document_type_line(p.text) || is_document_type_line(q.text)) return true;
    if (starts_structural_unit(p.text)) return true;
    const double indent = std::max(0.8 * p.size, 0.025 * f.width());
    const bool indented = p.x0 > f.left + indent;
    const bool sentence_end = ends_sentence(q.text);
    const bool short_prev =
        q.x1 < prev_frame_.right - std::max(3 * q.size, 0.1 * prev_frame_.width());
    if (!list_marker_of(p.text).empty() && (indented || sentence_end || short_prev)) return true;
    if (p.bold != q.bold) return true;
    // A bold title wraps into lines centred or not: only bold lines join across.
    if (p.centered != q.centered && !p.bold) return true;
    if (std::abs(p.size - q.size) > 0.12 * std::max(p.size, q.size)) return true;
    if (p.page != q.page) return sentence_end || indented || p.centered;
    if (p.y1 - q.y1 > 1.35 * lead_at(std::max(p.size, q.size))) return true;
    // Title lines: centred, or bold and set in from both margins.
    const auto inset = [&](const Piece& x, const Frame& xf) {
      return x.x0 > xf.left + indent && x.x1 < xf.right - indent;
    };
    if (p.centered || q.centered || (p.bold && inset(p, f) && inset(q, prev_frame_)))
      return is_upper_case(p.text) != is_upper_case(q.text);
    if (indented && (p.x0 > q.x0 + indent || short_prev)) return true;
    return sentence_end && (short_prev || indented);
  }

  void begin(const Piece& p) {
    SourceBlock b;
    const std::string marker = list_marker_of(p.text);
    if (!marker.empty()) {
      b.kind = SourceBlock::Kind::LIST_ITEM;
      b.list_marker = marker;
      b.text = std::string(trim(std::string_view(p.text).substr(p.text.find(' '))));
    } else {
      b.text = p.text;
    }
    b.bold = p.bold;
    b.centered = p.centered;
    b.page = p.page;
    b.confidence = p.confidence;
    out_.push_back(std::move(b));
  }

  void append(const Piece& p) {
    SourceBlock& b = out_.back();
    std::string& t = b.text;
    if (t.ends_with("\u00AD")) {
      t.resize(t.size() - 2);  // a soft hyphen: the word goes on
    } else if (!(t.size() >= 2 && t.back() == '-' && t[t.size() - 2] != ' ')) {
      t += ' ';  // "Ai-" + "len" stays "Ai-len"; " - " keeps its spaces
    }
    t += p.text;
    b.bold = b.bold && p.bold;
    b.confidence = std::min(b.confidence, p.confidence);
  }

  const DocMetrics& m_;
  std::vector<SourceBlock>& out_;
  Piece prev_;
  Frame prev_frame_;
  bool open_ = false;
};

// Where a line sits against the page's middle, for the signature block.
enum class Side { LEFT, RIGHT, BOTH, OTHER };

Side side_of(const RawLine& l, const Frame& f, std::vector<Span>& left, std::vector<Span>& right) {
  left.clear();
  right.clear();
  const double tol = 0.05 * f.width();
  for (Span s : spans_of(l, std::max(2 * l.size, 0.06 * f.width()))) {
    if (span_x1(l, s) < f.mid() + tol && span_x0(l, s) < f.mid()) {
      if (!right.empty()) return Side::OTHER;
      left.push_back(s);
    } else if (span_x0(l, s) > f.mid() - tol) {
      right.push_back(s);
    } else {
      return Side::OTHER;
    }
  }
  if (!right.empty() && left.empty() && is_centered(l, f)) return Side::OTHER;
  if (left.empty()) return Side::RIGHT;
  return right.empty() ? Side::LEFT : Side::BOTH;
}

// A run of lines beside the page's middle from `start` to `end`; it holds
// a signature when its first right-hand part is in capitals ("TM. CHÍNH
// PHỦ") or a line starts "Nơi nhận".
struct Run {
  size_t end = 0;
  bool signature = false;
};

Run side_run(const std::vector<RawLine>& lines, size_t start, const Frame& f, const DocMetrics& m) {
  std::vector<Span> left, right;
  Run run{start, false};
  bool has_right = false;
  for (; run.end < lines.size(); ++run.end) {
    const RawLine& l = lines[run.end];
    const Side side = side_of(l, f, left, right);
    if (side == Side::OTHER) break;
    if (run.end > start && l.y1 - lines[run.end - 1].y1 > 6 * m.lead) break;
    const bool recipients = !left.empty() && l.text.starts_with("Nơi nhận");
    if (run.end == start && side == Side::LEFT && !recipients) return {start + 1, false};
    if (!right.empty() && !has_right)
      run.signature = run.signature || is_upper_case(words_text(l, right[0].from, right[0].to));
    run.signature = run.signature || recipients;
    has_right = has_right || !right.empty();
  }
  run.end = std::max(run.end, start + 1);
  run.signature = run.signature && has_right;
  return run;
}

// The signature run: the left column's lines through the builder, then
// each right-column part as a block of its own.
void add_signature_run(const std::vector<RawLine>& lines, size_t from, size_t to, const Frame& f,
                       BlockBuilder& builder) {
  std::vector<Span> left, right;
  std::vector<Piece> right_pieces;
  builder.close();
  for (size_t i = from; i < to; ++i) {
    side_of(lines[i], f, left, right);
    if (!left.empty()) builder.add(piece_of(lines[i], Span{left.front().from, left.back().to}), f);
    if (!right.empty())
      right_pieces.push_back(piece_of(lines[i], Span{right.front().from, right.back().to}));
  }
  builder.close();
  for (const Piece& p : right_pieces) builder.add_alone(p);
}

}  // namespace

void build_blocks(const std::vector<std::vector<RawLine>>& pages, const std::vector<Frame>& frames,
                  const DocMetrics& m, std::vector<SourceBlock>& out) {
  BlockBuilder builder(m, out);
  for (size_t p = 0; p < pages.size(); ++p) {
    const auto& lines = pages[p];
    for (size_t i = 0; i < lines.size();) {
      // A run without a signature is read line by line (a table's columns
      // stay side by side) and not looked at again: linear in lines.
      const Run run = side_run(lines, i, frames[p], m);
      if (run.signature) {
        add_signature_run(lines, i, run.end, frames[p], builder);
      } else {
        for (size_t k = i; k < run.end; ++k) builder.add(piece_of(lines[k], frames[p]), frames[p]);
      }
      i = run.end;
    }
  }
}

}  // namespace sotay::layout
