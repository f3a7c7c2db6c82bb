#include "page_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "page_lines.h"
#include "text.h"

namespace sotay {

namespace layout {

std::string words_text(const RawLine& line, size_t from, size_t to) {
  std::string joined;
  for (size_t i = from; i < to; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += line.words[i]->text;
  }
  for (size_t at = joined.find("Ð"); at != std::string::npos; at = joined.find("Ð", at))
    joined.replace(at, 2, "Đ");  // an eth typed for Đ ("Ðộc lập")
  for (size_t at = joined.find("ð"); at != std::string::npos; at = joined.find("ð", at))
    joined.replace(at, 2, "đ");
  const bool symbol = from < to && is_symbol_font(line.words[from]->font);
  std::string text = map_bullet_glyphs(repair_separate_tone_marks(joined), symbol);
  std::string out;
  for (char c : trim(text)) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

// Runs of words separated by gaps wider than `min_gap`.
std::vector<Span> spans_of(const RawLine& line, double min_gap) {
  std::vector<Span> spans;
  for (size_t i = 0; i < line.words.size(); ++i) {
    if (spans.empty() || line.words[i]->x0 - line.words[i - 1]->x1 > min_gap)
      spans.push_back({i, i});
    spans.back().to = i + 1;
  }
  return spans;
}

double span_x0(const RawLine& line, Span s) { return line.words[s.from]->x0; }
double span_x1(const RawLine& line, Span s) {
  double x1 = 0;
  for (size_t i = s.from; i < s.to; ++i) x1 = std::max(x1, line.words[i]->x1);
  return x1;
}

SourceLine source_line(const RawLine& line, Span s, bool centered) {
  SourceLine out;
  out.text = words_text(line, s.from, s.to);
  out.page = line.page;
  out.x0 = span_x0(line, s);
  out.x1 = span_x1(line, s);
  out.y0 = line.y0;
  out.y1 = line.y1;
  out.font_size = line.size;
  size_t bold = 0;
  for (size_t i = s.from; i < s.to; ++i) bold += line.words[i]->bold ? 1 : 0;
  out.bold = bold * 2 > s.to - s.from;
  out.centered = centered;
  out.confidence = line.confidence;
  return out;
}

// Centred: equal margins on both sides of the text area, or of the page
// (Gazette pages are cut from issues with their own margins), within
// half a letter; and not a full justified line.
bool is_centered(const RawLine& l, const Frame& f) {
  const double tol = std::max(0.015 * f.width(), 0.5 * l.size);
  const double left = l.x0 - f.left, right = f.right - l.x1;
  if (left < 0.02 * f.width() || right < 0.02 * f.width()) return false;
  return std::abs(left - right) < tol ||
         (f.page_width > 0 && std::abs(l.x0 + l.x1 - f.page_width) < tol);
}

}  // namespace layout

namespace {

using namespace layout;

// Fills a line's box, size, boldness and text from its words.
void finish_line(RawLine& line) {
  std::sort(line.words.begin(), line.words.end(),
            [](const SourceWord* a, const SourceWord* b) { return a->x0 < b->x0; });
  // Text drawn twice to look bold: the same word at the same place.
  line.words.erase(std::unique(line.words.begin(), line.words.end(),
                               [](const SourceWord* a, const SourceWord* b) {
                                 return a->text == b->text && std::abs(a->x0 - b->x0) < 1;
                               }),
                   line.words.end());
  std::map<double, size_t> sizes;
  size_t chars = 0, bold_chars = 0;
  line.x0 = line.y0 = 1e9;
  line.x1 = line.y1 = -1e9;
  for (const SourceWord* w : line.words) {
    line.x0 = std::min(line.x0, w->x0);
    line.x1 = std::max(line.x1, w->x1);
    line.y0 = std::min(line.y0, w->y0);
    line.y1 = std::max(line.y1, w->y1);
    sizes[std::round(word_size(*w) * 2) / 2] += w->text.size();
    chars += w->text.size();
    if (w->bold) bold_chars += w->text.size();
    line.confidence = std::min(line.confidence, w->confidence);
  }
  line.size = std::max_element(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) {
                return a.second < b.second;
              })->first;
  line.bold = bold_chars * 2 > chars;
  line.text = words_text(line, 0, line.words.size());
}

bool is_number(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A footnote number raised further than half a line is a line of its own
// after grouping: it goes back onto the line beside it that its box
// overlaps by half and whose type is larger.
void attach_raised_numbers(std::vector<RawLine>& lines) {
  const auto extent = [](const RawLine& l) {
    double top = 1e9, bottom = -1e9;
    for (const SourceWord* w : l.words) {
      top = std::min(top, w->y0);
      bottom = std::max(bottom, w->y1);
    }
    return std::make_pair(top, bottom);
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    RawLine& l = lines[i];
    if (l.words.empty() || l.words.size() > 2 ||
        !std::all_of(l.words.begin(), l.words.end(),
                     [](const SourceWord* w) { return is_number(w->text); }))
      continue;
    const auto [top, bottom] = extent(l);
    for (size_t j : {i + 1, i - 1}) {
      if (j >= lines.size() || lines[j].words.empty()) continue;  // i - 1 wraps for i == 0
      const auto [o_top, o_bottom] = extent(lines[j]);
      const double overlap = std::min(bottom, o_bottom) - std::max(top, o_top);
      if (overlap > 0.5 * (bottom - top) &&
          word_size(*l.words[0]) < 0.8 * word_size(*lines[j].words[0])) {
        lines[j].words.insert(lines[j].words.end(), l.words.begin(), l.words.end());
        l.words.clear();
        break;
      }
    }
  }
}

// Lines top to bottom by the middle of their words' middles.
void sort_top_to_bottom(std::vector<RawLine>& lines) {
  const auto middle = [](const SourceWord* w) { return (w->y0 + w->y1) / 2; };
  const auto median_middle = [&](const RawLine& l) {
    std::vector<double> ms;
    for (const SourceWord* w : l.words) ms.push_back(middle(w));
    std::nth_element(ms.begin(), ms.begin() + static_cast<long>(ms.size() / 2), ms.end());
    return ms[ms.size() / 2];
  };
  std::vector<std::pair<double, size_t>> order;
  for (size_t i = 0; i < lines.size(); ++i) order.emplace_back(median_middle(lines[i]), i);
  std::sort(order.begin(), order.end());
  std::vector<RawLine> sorted;
  for (const auto& [key, i] : order) sorted.push_back(std::move(lines[i]));
  lines = std::move(sorted);
}

// Words into lines, left to right: a word continues the line whose last
// full-size word's box holds the word's middle, and whose middle the
// word's box holds (or the word is much smaller: a comma, a raised
// number). Following each line from word to word keeps a skewed scan's
// lines apart; bottoms would not do, as OCR boxes hug the letters. Lines
// are then sorted top to bottom; a footnote number raised further is put
// back by attach_raised_numbers.
std::vector<RawLine> build_lines(const SourcePage& page) {
  std::vector<const SourceWord*> words;
  std::vector<double> heights;
  for (const SourceWord& w : page.words) {
    if (trim(w.text).empty()) continue;
    words.push_back(&w);
    heights.push_back(w.y1 - w.y0);
  }
  if (words.empty()) return {};
  // Lines are looked for within three usual word heights.
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  const double reach = 3 * heights[heights.size() / 2];
  std::sort(words.begin(), words.end(),
            [](const SourceWord* a, const SourceWord* b) { return a->x0 < b->x0; });
  const auto middle = [](const SourceWord* w) { return (w->y0 + w->y1) / 2; };
  std::vector<RawLine> lines;
  std::vector<const SourceWord*> anchors;   // each line's last full-size word
  std::multimap<double, size_t> by_middle;  // anchor middle → line
  for (const SourceWord* w : words) {
    const double m = middle(w), h = w->y1 - w->y0;
    size_t best = lines.size();
    double best_distance = 1e9;
    for (auto it = by_middle.lower_bound(m - reach);
         it != by_middle.end() && it->first <= m + reach; ++it) {
      const SourceWord* a = anchors[it->second];
      const bool small = h < 0.6 * (a->y1 - a->y0);
      const bool fits =
          m >= a->y0 && m <= a->y1 && (small || (middle(a) >= w->y0 && middle(a) <= w->y1));
      if (fits && std::abs(it->first - m) < best_distance) {
        best = it->second;
        best_distance = std::abs(it->first - m);
      }
    }
    if (best == lines.size()) {
      lines.emplace_back();
      lines.back().page = page.number;
      anchors.push_back(w);
      by_middle.emplace(m, best);
    } else if (h >= 0.6 * (anchors[best]->y1 - anchors[best]->y0)) {
      for (auto it = by_middle.lower_bound(middle(anchors[best]));; ++it) {
        if (it->second == best) {
          by_middle.erase(it);
          break;
        }
      }
      anchors[best] = w;
      by_middle.emplace(m, best);
    }
    lines[best].words.push_back(w);
  }
  sort_top_to_bottom(lines);
  attach_raised_numbers(lines);
  std::erase_if(lines, [](const RawLine& l) { return l.words.empty(); });
  for (RawLine& line : lines) finish_line(line);
  std::erase_if(lines, [](const RawLine& l) { return l.text.empty(); });
  return lines;
}

// The edges most lines share: the leftmost x0 and the rightmost x1 that at
// least two wide lines start or end at (justified text), else the extremes.
Frame frame_of(const std::vector<RawLine>& lines, const SourcePage& page) {
  Frame f;
  f.height = page.height > 0 ? page.height : 842;
  f.page_width = page.width;
  std::map<long, int> lefts, rights;
  double min_x0 = 1e9, max_x1 = 0;
  for (const RawLine& l : lines) {
    min_x0 = std::min(min_x0, l.x0);
    max_x1 = std::max(max_x1, l.x1);
    if (page.width > 0 && l.x1 - l.x0 < 0.45 * page.width) continue;
    ++lefts[std::lround(l.x0 / 2)];
    ++rights[std::lround(l.x1 / 2)];
  }
  f.left = min_x0 < 1e9 ? min_x0 : 0.1 * page.width;
  f.right = max_x1 > 0 ? max_x1 : 0.9 * page.width;
  for (const auto& [x, n] : lefts) {
    if (n >= 2) {
      f.left = x * 2.0;
      break;
    }
  }
  for (auto it = rights.rbegin(); it != rights.rend(); ++it) {
    if (it->second >= 2) {
      f.right = it->first * 2.0;
      break;
    }
  }
  if (f.right - f.left < 0.3 * page.width) {
    f.left = std::min(f.left, min_x0);
    f.right = std::max(f.right, max_x1);
  }
  return f;
}

DocMetrics metrics_of(const std::vector<std::vector<RawLine>>& pages) {
  DocMetrics m;
  std::map<double, size_t> sizes;
  size_t total = 0;
  for (const auto& lines : pages) {
    for (const RawLine& l : lines) {
      sizes[l.size] += l.text.size();
      total += l.text.size();
    }
  }
  size_t seen = 0;
  for (const auto& [size, n] : sizes) {
    seen += n;
    if (seen * 2 >= total) {
      m.body_size = size;
      break;
    }
  }
  // The most common baseline step between body lines (steps below the
  // type size are table cells side by side, not lines of a paragraph).
  std::map<long, size_t> steps;
  for (const auto& lines : pages) {
    for (size_t i = 1; i < lines.size(); ++i) {
      const double dy = lines[i].y1 - lines[i - 1].y1;
      if (std::abs(lines[i].size - m.body_size) < 0.1 * m.body_size && dy > 0.95 * m.body_size &&
          dy < 2.5 * m.body_size)
        ++steps[std::lround(dy * 2)];
    }
  }
  m.lead = 1.2 * m.body_size;
  size_t best = 0;
  for (const auto& [step, n] : steps) {
    if (n > best) {
      best = n;
      m.lead = step / 2.0;
    }
  }
  return m;
}

// ---- Noise: running headers, page numbers, stamps, rules, repeated lines

bool is_small(const RawLine& l, const DocMetrics& m) { return l.size < 0.85 * m.body_size; }

// The stamp: its keyword lines ("Ký bởi: …") in small print or at the top of
// the page, its e-mail or time in small print at the top or bottom, and the
// small print around them (the organisation's name).
std::vector<bool> stamp_lines(const std::vector<RawLine>& lines, const DocMetrics& m,
                              double height) {
  std::vector<bool> stamp(lines.size(), false);
  double top = 1e9, bottom = -1e9;
  for (size_t i = 0; i < lines.size(); ++i) {
    const RawLine& l = lines[i];
    const bool margin = l.y1 < 0.15 * height || l.y0 > 0.85 * height;
    if (is_stamp_detail_line(l.text)
            ? is_small(l, m) && margin
            : is_signature_stamp_line(l.text) && (is_small(l, m) || margin)) {
      stamp[i] = true;
      top = std::min(top, l.y0);
      bottom = std::max(bottom, l.y1);
    }
  }
  const double reach = 5 * m.lead;
  for (size_t i = 0; i < lines.size(); ++i) {
    const RawLine& l = lines[i];
    if (is_small(l, m) && l.y1 > top - reach && l.y0 < bottom + reach) stamp[i] = true;
  }
  return stamp;
}

// Page numbers alone on the first or last lines of a page.
void remove_page_numbers(std::vector<RawLine>& lines, double height) {
  while (!lines.empty() && lines.front().y1 < 0.12 * height && is_page_number(lines.front().text))
    lines.erase(lines.begin());
  while (!lines.empty() && lines.back().y0 > 0.85 * height && is_page_number(lines.back().text))
    lines.pop_back();
}

std::string repeat_key(const RawLine& l) {
  std::string key = l.text;
  for (char& c : key) {
    if (c >= '0' && c <= '9') c = '#';
  }
  return key + '@' + std::to_string(std::lround(l.y1 / 8));
}

// A line at the same place at the top or bottom of most pages (an issuer
// or a footer the Gazette header rule does not know).
void remove_repeated_lines(std::vector<std::vector<RawLine>>& pages,
                           const std::vector<SourcePage>& source,
                           std::vector<std::string>& warnings) {
  if (pages.size() < 3) return;
  const auto in_margin = [&](const RawLine& l, size_t p) {
    const double h = source[p].height;
    return h > 0 && (l.y1 < 0.12 * h || l.y0 > 0.88 * h);
  };
  std::map<std::string, std::set<size_t>> seen;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const RawLine& l : pages[p]) {
      if (in_margin(l, p)) seen[repeat_key(l)].insert(p);
    }
  }
  const size_t needed = std::max<size_t>(3, (pages.size() * 6 + 9) / 10);
  std::set<std::string> repeated;
  for (const auto& [key, on] : seen) {
    if (on.size() >= needed) repeated.insert(key);
  }
  if (repeated.empty()) return;
  std::map<std::string, std::pair<std::string, int>> dropped;  // key → first text, pages
  for (size_t p = 0; p < pages.size(); ++p) {
    std::erase_if(pages[p], [&](const RawLine& l) {
      if (!in_margin(l, p) || !repeated.count(repeat_key(l))) return false;
      auto& d = dropped[repeat_key(l)];
      if (d.first.empty()) d.first = l.text;
      ++d.second;
      return true;
    });
  }
  for (const auto& [key, d] : dropped) {
    warnings.push_back("Đã bỏ dòng «" + d.first + "» lặp lại ở đầu hoặc cuối " +
                       std::to_string(d.second) + " trang.");
  }
}

void remove_noise(std::vector<std::vector<RawLine>>& pages, const std::vector<SourcePage>& source,
                  const DocMetrics& m, std::vector<std::string>& warnings) {
  std::string stamp_pages, stamp_text;
  for (size_t p = 0; p < pages.size(); ++p) {
    auto& lines = pages[p];
    const double height = source[p].height > 0 ? source[p].height : 842;
    const std::vector<bool> stamp = stamp_lines(lines, m, height);
    if (std::find(stamp.begin(), stamp.end(), true) != stamp.end()) {
      stamp_pages += (stamp_pages.empty() ? "" : ", ") + std::to_string(p + 1);
      if (stamp_text.empty())
        stamp_text =
            lines[static_cast<size_t>(std::find(stamp.begin(), stamp.end(), true) - stamp.begin())]
                .text;
    }
    std::vector<RawLine> kept;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (stamp[i] || is_gazette_running_header(lines[i].text) || is_rule_line(lines[i].text))
        continue;
      kept.push_back(std::move(lines[i]));
    }
    lines = std::move(kept);
    remove_page_numbers(lines, height);
  }
  remove_repeated_lines(pages, source, warnings);
  if (!stamp_pages.empty())
    warnings.push_back("Đã bỏ dòng chữ của dấu chữ ký số in trên trang " + stamp_pages + " («" +
                       stamp_text + "»).");
}

std::vector<std::string> fonts_of(const std::vector<SourcePage>& pages) {
  std::vector<std::string> fonts;
  std::set<std::string> seen;
  for (const SourcePage& page : pages) {
    for (const SourceWord& w : page.words) {
      if (!w.font.empty() && seen.insert(w.font).second) fonts.push_back(w.font);
    }
  }
  return fonts;
}

}  // namespace

SourceText lay_out_pages(const std::vector<SourcePage>& pages) {
  SourceText out;
  out.pages = static_cast<int>(pages.size());
  out.fonts = fonts_of(pages);
  std::vector<std::vector<RawLine>> lines;
  for (const SourcePage& page : pages) lines.push_back(build_lines(page));
  const DocMetrics m = metrics_of(lines);
  if (getenv("H3DEBUG")) fprintf(stderr, "body %.2f lead %.2f\n", m.body_size, m.lead);
  remove_noise(lines, pages, m, out.warnings);
  take_footnotes(lines, m, out.footnotes);
  std::vector<Frame> frames;
  for (size_t p = 0; p < pages.size(); ++p) frames.push_back(frame_of(lines[p], pages[p]));
  if (!lines.empty()) extract_header(lines[0], frames[0], m, out);
  build_blocks(lines, frames, m, out.blocks);
  return out;
}

std::vector<SourceLine> lines_of_page(const SourcePage& page) {
  std::vector<SourceLine> out;
  std::vector<RawLine> lines = build_lines(page);
  const Frame f = frame_of(lines, page);
  for (const RawLine& l : lines) {
    SourceLine line = source_line(l, whole(l), is_centered(l, f));
    line.text = l.text;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace sotay
