#include "pdf_reader.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <mutex>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "page_layout.h"
#include "text.h"

namespace sotay {

namespace {

void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

std::string utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return sanitize_utf8(std::string_view(bytes.data(), bytes.size()));
}

bool is_pdf_delimiter(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0' || c == '/' ||
         c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '%';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when `bytes` from `at` (just after a '/') spell the name JS or
// JavaScript, #xx escapes decoded ("/Java#53cript").
bool is_javascript_name(std::string_view bytes, size_t at) {
  std::string name;
  while (at < bytes.size() && !is_pdf_delimiter(bytes[at]) && name.size() < 12) {
    if (bytes[at] == '#' && at + 2 < bytes.size() && hex_value(bytes[at + 1]) >= 0 &&
        hex_value(bytes[at + 2]) >= 0) {
      name.push_back(static_cast<char>(hex_value(bytes[at + 1]) * 16 + hex_value(bytes[at + 2])));
      at += 3;
    } else {
      name.push_back(bytes[at++]);
    }
  }
  const bool ended = at >= bytes.size() || is_pdf_delimiter(bytes[at]);
  return ended && (name == "JS" || name == "JavaScript");
}

// Scans the raw file for the names /JS and /JavaScript, a block at a time
// (a name cut at a block's end is read again with the next block).
bool file_has_javascript(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  constexpr size_t BLOCK = 1 << 20, OVERLAP = 64;
  std::string buffer;
  std::vector<char> chunk(BLOCK);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(BLOCK));
    const size_t got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    buffer.append(chunk.data(), got);
    const bool last = !in;
    const size_t scan_to = last ? buffer.size() : buffer.size() - std::min(buffer.size(), OVERLAP);
    for (size_t at = buffer.find('/'); at < scan_to; at = buffer.find('/', at + 1)) {
      if (is_javascript_name(buffer, at + 1)) return true;
    }
    buffer.erase(0, scan_to);
  }
  return false;
}

std::string without_subset_prefix(std::string font) {
  if (font.size() > 7 && font[6] == '+' &&
      std::all_of(font.begin(), font.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    font.erase(0, 7);
  return font;
}

bool is_bold_font(std::string_view font) {
  for (std::string_view mark :
       {"Bold", "bold", "BOLD", "Black", "Heavy", "Semibold", "SemiBold", "Demi", "Bd"}) {
    if (font.find(mark) != std::string_view::npos) return true;
  }
  return font.ends_with("-B") || font.ends_with(",B") || font.ends_with("-BI") ||
         font.ends_with(",BI");
}

SourceWord word_of(const poppler::text_box& box) {
  SourceWord w;
  w.text = utf8(box.text());
  const poppler::rectf r = box.bbox();
  w.x0 = r.left();
  w.y0 = r.top();
  w.x1 = r.right();
  w.y1 = r.bottom();
  if (box.has_font_info()) {
    w.font_size = box.get_font_size();
    w.font = sanitize_utf8(without_subset_prefix(box.get_font_name()));
    w.bold = is_bold_font(w.font);
  }
  return w;
}

// The words of a page. Poppler ends a word where the font changes or a
// glyph is placed apart without a space ("cô" + "ng" in a text whose tone
// marks are separate glyphs): such a piece is glued to the next one when
// it says no space follows and the next starts where it ends.
std::vector<SourceWord> words_of(poppler::page& page) {
  std::vector<poppler::text_box> boxes = page.text_list(poppler::page::text_list_include_font);
  std::vector<SourceWord> words;
  bool glue = false;
  for (const poppler::text_box& box : boxes) {
    SourceWord w = word_of(box);
    if (w.text.empty()) {
      glue = false;
      continue;
    }
    if (glue && !words.empty()) {
      SourceWord& prev = words.back();
      const double h = std::max(prev.y1 - prev.y0, 1.0);
      if (std::abs(w.y1 - prev.y1) < 0.3 * h && w.x0 >= prev.x0 && w.x0 - prev.x1 < 0.15 * h) {
        prev.text += w.text;
        prev.x1 = std::max(prev.x1, w.x1);
        prev.y0 = std::min(prev.y0, w.y0);
        prev.y1 = std::max(prev.y1, w.y1);
        glue = !box.has_space_after();
        continue;
      }
    }
    words.push_back(std::move(w));
    glue = !box.has_space_after();
  }
  return words;
}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

}  // namespace

std::vector<SourcePage> read_pdf_words(const std::filesystem::path& path, PdfFacts& facts,
                                       int max_pages, bool refuse_over_limit) {
  silence_poppler();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc) throw ImportError("Không phải tệp PDF hợp lệ hoặc tệp bị hỏng.");
  if (doc->is_locked())
    throw ImportError(
        "Tệp PDF được đặt mật khẩu: hãy xin bản không đặt mật khẩu (hoặc mở bằng mật khẩu rồi lưu "
        "lại thành tệp PDF mới) và gửi lại.");
  facts = PdfFacts{};
  facts.pages = doc->pages();
  facts.has_embedded_files = doc->has_embedded_files();
  facts.has_javascript = file_has_javascript(path);
  facts.creator = utf8(doc->info_key("Creator"));
  facts.producer = utf8(doc->info_key("Producer"));
  if (max_pages > 0 && facts.pages > max_pages && refuse_over_limit)
    throw ImportError("Tệp có " + std::to_string(facts.pages) + " trang, giới hạn là " +
                      std::to_string(max_pages) + " trang.");
  const int count = max_pages > 0 ? std::min(max_pages, facts.pages) : facts.pages;
  std::vector<SourcePage> pages;
  pages.reserve(static_cast<size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i) {
    SourcePage page;
    page.number = i + 1;
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (p) {
      const poppler::rectf box = p->page_rect(poppler::crop_box);
      const bool turned = p->orientation() == poppler::page::landscape ||
                          p->orientation() == poppler::page::seascape;
      page.width = turned ? box.height() : box.width();
      page.height = turned ? box.width() : box.height();
      page.words = words_of(*p);
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

bool only_signature_stamp(const std::vector<SourcePage>& pages) {
  for (const SourcePage& page : pages) {
    const std::vector<SourceLine> lines = lines_of_page(page);
    const bool stamped = std::any_of(lines.begin(), lines.end(), [](const SourceLine& l) {
      return is_signature_stamp_line(l.text) && !is_stamp_detail_line(l.text);
    });
    size_t small_words = 0;
    for (const SourceLine& l : lines) {
      const bool small = l.font_size > 0 && l.font_size < 10;
      const bool stamp =
          is_signature_stamp_line(l.text) || (small && (stamped || is_upper_case(l.text)));
      if (!stamp) return false;
      small_words += static_cast<size_t>(std::count(l.text.begin(), l.text.end(), ' ') + 1);
    }
    if (small_words > 120) return false;  // a page of small print, not a stamp
  }
  return true;
}

}  // namespace sotay
