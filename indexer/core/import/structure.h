// The body of an imported document as Markdown with the document's own
// structure: Phần / Chương / Mục / Điều become headings (so /so/<number>
// ?dieu=N and citations of "Điều N" work), khoản ("1.") and điểm ("a)")
// stay lists, tables stay tables, footnotes stay footnotes.
#pragma once

#include <string>
#include <string_view>

#include "source_text.h"

namespace sotay {

// Markdown for `text.blocks` and `text.footnotes`.
std::string body_markdown(const SourceText& text);

// `text` escaped so that Markdown renders it literally as one paragraph.
std::string escape_markdown(std::string_view text);

}  // namespace sotay
