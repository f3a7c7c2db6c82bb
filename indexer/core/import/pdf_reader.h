// The text layer of a PDF, read with libpoppler-cpp: words with their boxes,
// fonts and sizes, page by page. Runs inside the sandboxed `convert`
// subprocess (a hostile PDF may crash poppler; it must not crash a server).
// Poppler's own complaints about broken files are silenced.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "source_text.h"

namespace sotay {

struct PdfFacts {
  int pages = 0;                    // all pages of the file, read or not
  bool has_embedded_files = false;  // attachments (the EmbeddedFiles name tree)
  // The name /JavaScript or /JS (also spelt with #xx escapes) anywhere in
  // the raw bytes. Names inside compressed object streams (PDF 1.5+) are
  // not seen, so false does not prove there is none.
  bool has_javascript = false;
  std::string creator, producer;  // the document information dictionary, UTF-8
};

// Opens the PDF and reads the words of its first `max_pages` pages (0: all),
// filling `facts`. Throws ImportError (Vietnamese) when:
// - poppler cannot open it (not a PDF, truncated, an HTML page named .pdf):
//   "Không phải tệp PDF hợp lệ hoặc tệp bị hỏng.";
// - it needs a password to open: "Tệp PDF được đặt mật khẩu: …" (a file
//   encrypted only against printing or copying opens without one and is read);
// - it has more than `max_pages` pages and `refuse_over_limit` is set:
//   "Tệp có 612 trang, giới hạn là 500 trang.".
// Words: poppler's text boxes in its reading order, a box glued to the next
// when poppler says no space follows and they touch ("cô" + "ng" when tone
// marks are separate glyphs). Boxes in points from the page's top-left
// corner, after the page's own rotation (width and height swapped for a
// page turned a quarter); font names without the subset prefix ("ABCDEF+");
// bold from the font name (Bold, Black, Heavy, Semibold, Demi, Bd, "-B",
// ",B"). Pages poppler cannot open are returned without words.
std::vector<SourcePage> read_pdf_words(const std::filesystem::path& path, PdfFacts& facts,
                                       int max_pages = 0, bool refuse_over_limit = true);

// True when the text layer holds no document text: no words at all, or
// only a digital-signature stamp on each page ("Ký bởi: …", "Thời gian ký:
// …", e-mail, dates and times, and the organisation's name in small print
// around them; page_text.h). Such a PDF is a scan: OCR it. A page of more
// than 120 words in small print is not a stamp.
bool only_signature_stamp(const std::vector<SourcePage>& pages);

}  // namespace sotay
