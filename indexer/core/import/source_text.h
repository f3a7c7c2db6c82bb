// A document's text as the converters read it, before it is understood:
// the model every reader (PDF text layer, OCR, pandoc for DOCX/ODT/RTF/DOC)
// produces and header_fields.h / structure.h consume.
//
// Positions are in PDF points (1/72 inch) from the page's top-left corner;
// readers that have no geometry (pandoc) leave them 0.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace sotay {

// One word as a PDF text layer or Tesseract gives it.
struct SourceWord {
  std::string text;  // UTF-8 (NFC once repaired)
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  std::string font;         // font name without the subset prefix ("ABCDEF+")
  bool bold = false;        // from the font name (Bold, -B, ,Bold) or the source style
  double confidence = 100;  // OCR word confidence 0-100; text layers: 100
};

// The words of one page, in the reader's order.
struct SourcePage {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<SourceWord> words;
};

// One line of text: words on one baseline, in reading order.
struct SourceLine {
  std::string text;  // NFC, single spaces
  int page = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  bool bold = false;        // most of its words are bold
  bool centered = false;    // centred on the page (type line, title)
  double confidence = 100;  // lowest word confidence on the line
};

// A table as rows of cell texts (a merged cell repeats nothing: it is
// flattened into its first cell and `merged_cells` is set).
struct SourceTable {
  std::vector<std::vector<std::string>> rows;
  bool header_row = false;
  bool merged_cells = false;
};

// One block of the body in reading order.
struct SourceBlock {
  enum class Kind { PARAGRAPH, HEADING, LIST_ITEM, TABLE };
  Kind kind = Kind::PARAGRAPH;
  std::string text;       // paragraph text, hard-wrapped lines rejoined; Markdown
                          // inline markup allowed only when `markdown` is set
  bool markdown = false;  // `text` is already Markdown (pandoc reader): do not escape
  bool bold = false;      // the whole block is bold ("Điều 5. …" typed bold)
  bool centered = false;
  int heading_level = 0;    // HEADING: 1-6 as the source styled it
  std::string list_marker;  // LIST_ITEM: "1.", "a)", "-" as the source numbered it
  SourceTable table;        // TABLE
  int page = 0;             // 1-based page it starts on, 0 when unknown
  double confidence = 100;  // lowest word confidence in the block
};

// Everything a reader found in one file.
struct SourceText {
  // The first page's header, the two columns of Nghị định 30/2020/NĐ-CP
  // Phụ lục I: left = issuing body, "Số: …", "V/v …"; right = Quốc hiệu,
  // tiêu ngữ, place and date. Lines in top-to-bottom order. Empty when the
  // reader found no two-column header (then header_fields looks in blocks).
  std::vector<SourceLine> header_left;
  std::vector<SourceLine> header_right;
  // The body after the header, in reading order, noise (Gazette running
  // headers, page numbers, signature stamp lines) already removed.
  std::vector<SourceBlock> blocks;
  std::vector<std::string> footnotes;  // Markdown text of footnote n at index n-1
  std::vector<std::string> warnings;   // Vietnamese, for the clerk ("Trang 3: …")
  std::vector<std::string> fonts;      // distinct font names seen (legacy detection)
  int pages = 0;
  bool ocr = false;             // the words come from OCR
  std::string legacy_encoding;  // "TCVN3", "VNI" when text was decoded from one
};

// A file that cannot be imported: `what()` is a Vietnamese sentence a clerk
// can act on, naming the limit or the problem (not the file: callers add it).
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sotay
