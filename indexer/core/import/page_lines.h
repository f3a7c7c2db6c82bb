// The geometry lay_out_pages works with, shared by page_layout.cc (lines,
// noise) and page_blocks.cc (page 1's header, footnotes, the body's blocks). Internal
// to the import library: use page_layout.h.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "source_text.h"

namespace sotay::layout {

// One baseline of a page: its words left to right (pointers into the
// SourcePage, which outlives it) and their text as lay_out_pages gives it.
struct RawLine {
  std::vector<const SourceWord*> words;
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0, size = 0;
  bool bold = false;
  int page = 0;
  double confidence = 100;
};

// A run of a line's words between two wide gaps: [from, to).
struct Span {
  size_t from = 0, to = 0;
};

// Where a page's text sits: the left and right edges most lines share.
struct Frame {
  double left = 0, right = 0, height = 0, page_width = 0;
  double width() const { return std::max(right - left, 1.0); }
  double mid() const { return (left + right) / 2; }
};

struct DocMetrics {
  double body_size = 12;  // the size most of the text is set in
  double lead = 14;       // baseline to baseline inside a paragraph
};

// A word's type size: the font size, else (OCR) its box's height.
inline double word_size(const SourceWord& w) { return w.font_size > 0 ? w.font_size : w.y1 - w.y0; }

// The text of words [from, to) of `line`: joined by spaces, tone marks
// repaired, bullets mapped, "Ð" read as "Đ", spaces collapsed.
std::string words_text(const RawLine& line, size_t from, size_t to);
// Runs of words separated by gaps wider than `min_gap`.
std::vector<Span> spans_of(const RawLine& line, double min_gap);
double span_x0(const RawLine& line, Span s);
double span_x1(const RawLine& line, Span s);
inline Span whole(const RawLine& line) { return {0, line.words.size()}; }
// The words of `s` as a SourceLine (bold when most of its words are).
SourceLine source_line(const RawLine& line, Span s, bool centered = false);
// Centred: equal margins on both sides of the text area or of the page,
// and not a full justified line.
bool is_centered(const RawLine& l, const Frame& f);

// Takes page 1's two-column header out of `lines` into `out` (page_layout.h).
void extract_header(std::vector<RawLine>& lines, const Frame& f, const DocMetrics& m,
                    SourceText& out);
// Takes the footnotes at the foot of the pages into `footnotes` (page_layout.h).
void take_footnotes(std::vector<std::vector<RawLine>>& pages, const DocMetrics& m,
                    std::vector<std::string>& footnotes);
// The body's lines, page by page, into blocks (page_layout.h).
void build_blocks(const std::vector<std::vector<RawLine>>& pages, const std::vector<Frame>& frames,
                  const DocMetrics& m, std::vector<SourceBlock>& out);

}  // namespace sotay::layout
