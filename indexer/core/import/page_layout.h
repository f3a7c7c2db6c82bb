// From positioned words (PDF text layer or OCR) to the SourceText model:
// lines by baseline, the two-column header of page 1 by position, running
// noise removed, hard-wrapped lines rejoined into paragraphs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "page_text.h"  // repair_separate_tone_marks and the other line rules
#include "source_text.h"

namespace sotay {

// Lays out `pages`:
// - words → lines (a word whose box's middle is within the line's tallest
//   box, and the other way round; a raised footnote number put back on its
//   line), words left to right, NFC, separate tone marks repaired, bullet
//   glyphs mapped (page_text.h), "Ð" (Icelandic eth) read as "Đ";
// - removes the Gazette running header ("CÔNG BÁO/Số 1234 + 1235/Ngày
//   …") and page numbers at the top and bottom of pages, the signature
//   stamp lines ("Ký bởi: …", "Thời gian ký: …", "Cơ quan: …", "Email: …",
//   and the organisation, e-mail and time printed small around them),
//   rules typed as "_____", and a line repeated at the same place at the
//   top or bottom of most pages (3 pages at least); warnings name the
//   repeated line and the pages the stamp was on;
// - footnotes: small print at the foot of a page that starts with the next
//   footnote number (1, 2, …) a raised number above refers to goes to
//   `footnotes` (index n-1), continued on the next pages' foot; the raised
//   numbers stay in the text as plain numbers;
// - page 1's two-column header into header_left / header_right: from the
//   Quốc hiệu line down to the document type line or the first line
//   centred on the page or running across the gutter; a line that runs
//   across both columns is split at the gutter (the Quốc hiệu's left edge).
//   Above the Quốc hiệu, the Gazette's section title ("VĂN BẢN QUY PHẠM
//   PHÁP LUẬT") is dropped and the issuer it names goes to header_left
//   only when the document has no left column (a Văn bản hợp nhất's
//   "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI" gives "VĂN PHÒNG QUỐC HỘI").
//   Without a Quốc hiệu, the first line of two far-apart parts in the top
//   third of page 1 starts the header; without that, both stay empty;
// - the rest into blocks: a new block at a larger vertical gap, a
//   first-line indent, after a short line ending a sentence, at a line
//   starting "Điều N.", "Chương", "Mục", "Phần", "Phụ lục", "II.", or a
//   list marker ("1.", "a)", "-", "+": LIST_ITEM, the marker taken out of
//   the text into list_marker), at a change of centring, bold or size, and
//   around a document type line. Centred or bold title lines of one visual
//   paragraph are one block; a word hyphenated at the end of a line
//   ("Ai-" / "len") is joined without a space, " - " is kept;
// - the signature block and "Nơi nhận:" beside it (lines left and right of
//   the page's middle, the first right-hand part in capitals or a line
//   "Nơi nhận"): the left column's lines first (list items), then each
//   right-column line as a block of its own ("TM. CHÍNH PHỦ", "THỦ
//   TƯỚNG", the name). Other such runs (tables) are read line by line;
// - `fonts`: distinct font names in first-seen order; `pages`.
// Tables are not recognised: their rows become lines and blocks.
SourceText lay_out_pages(const std::vector<SourcePage>& pages);

// The lines of one page, top to bottom, text as lay_out_pages makes it
// (nothing removed). `page` numbers the lines.
std::vector<SourceLine> lines_of_page(const SourcePage& page);

}  // namespace sotay
