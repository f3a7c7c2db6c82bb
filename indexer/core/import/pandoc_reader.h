// Word processor files through pandoc (DOCX, ODT, RTF; DOC after
// LibreOffice turns it into DOCX): pandoc runs as a sandboxed subprocess
// (`-t json --sandbox`, `+RTS -M…`), and its AST becomes the SourceText
// model here, in C++ (source_from_pandoc lives in pandoc_ast.cc).
//
// What pandoc 2.17 cannot give, and so the model lacks: positions and pages
// (`pages` stays 0, SourceLine/SourceBlock geometry 0), paragraph alignment
// (`centered` only from a table cell's alignment), the fonts of single runs,
// and the text of Word's automatic numbering: a list numbered "Điều %1."
// arrives as an OrderedList whose items carry the marker "1.", "2.", …
// without the word "Điều". RTF lists may arrive as typed text ("a) …"); RTF
// footnotes are lost. A DOC converted by LibreOffice may restart its list
// numbering at every item.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "file_kind.h"
#include "source_text.h"

namespace sotay {

// Converts `file` (DOCX, ODT, RTF or DOC) with pandoc. `workdir` must be a
// private directory of this job (JobDirectory): LibreOffice keeps its user
// profile there and the reader writes its temporary copies there.
// - DOC: `soffice --headless --convert-to docx` first (120 s, 2 GiB of
//   address space, 1 MB of output), then read as DOCX.
// - DOCX/ODT: check_office_zip must accept the zip first; fonts from
//   office_fonts. RTF: fonts from its \fonttbl.
// - pandoc: 120 s, heap at most 1024 MB (`+RTS -M1024m`: as a GHC program it
//   cannot start at all under an RLIMIT_AS below about 2 GB, so no
//   RLIMIT_AS), 256 MB of JSON.
// - Works around two pandoc 2.17 bugs: RTF "\u7841?" escapes lose the rest
//   of the word (rewritten as "\u7841\'3f"), and ODT rows inside
//   <table:table-header-rows> are dropped (read as ordinary rows instead).
// - Legacy fonts: when a font is TCVN3/VNI (encoding_of_font) and
//   guess_legacy_encoding on the whole text agrees, every text of the AST is
//   decoded and `legacy_encoding` is set. A legacy font over text that does
//   not look legacy is not decoded (a warning says so); neither is legacy-
//   looking text without a legacy font (a warning too). A TCVN3 capital
//   font (.VnTimeH) cannot be told apart per run: decoded without upper-
//   casing, with a warning.
// `fonts` lists the fonts found. Throws ImportError naming the converter and
// the limit or its complaint ("pandoc không đọc được tệp Word (.docx): …"),
// or when `kind` is not one of the four.
SourceText read_office_file(const std::filesystem::path& file, FileKind kind,
                            const std::filesystem::path& workdir);

// The model from a pandoc JSON AST (API 1.22) (pure, for tests):
// - Para/Plain → PARAGRAPH with inline Markdown (`markdown` set): ** * ~~,
//   `code`, [text](url); Str escaped (\ ` * _ [ ] < > # | ~ &), a line start
//   that would open a list or a setext heading ("1.", "2)", "-", "+", "=")
//   escaped, LineBreak as a hard break "\\\n", non-breaking spaces as
//   spaces, NFC. A paragraph whose inlines are all Strong is `bold`, its
//   text without the "**". Underline, SmallCaps, super/subscript: text only.
//   Image: dropped (one warning counts them). RawInline/RawBlock,
//   HorizontalRule: dropped.
// - Header → HEADING (level 1-6); BlockQuote, Div: their blocks; LineBlock,
//   CodeBlock: a paragraph with hard breaks.
// - BulletList/OrderedList → LIST_ITEM, the item's first paragraph carrying
//   the marker ("-"; OrderedList: start number, Decimal/LowerAlpha/
//   UpperAlpha/LowerRoman/UpperRoman, Period/OneParen/TwoParens: "1.", "a)",
//   "(iv)"); nested lists follow flattened in order with their own markers.
// - Table → TABLE: cells as one line of inline Markdown (`|` escaped, also
//   in code), head/body/foot rows in order (an all-empty head row is
//   skipped), RowSpan/ColSpan placed on a grid: the text in the first cell,
//   empty cells where it reaches, `merged_cells` and a warning.
// - The first table, when it has two columns and one of them holds "Cộng
//   hòa xã hội chủ nghĩa Việt Nam" or "Độc lập" (any case and marks),
//   becomes header_left / header_right (the Quốc hiệu column on the right):
//   one plain-text SourceLine per paragraph and per LineBreak, `bold` when
//   all Strong. It is then not a block.
// - Note → "[^n]" in the text (n in order met, nested notes too), its blocks
//   as Markdown paragraphs in footnotes[n-1].
// - Nesting deeper than 100 levels is dropped with a warning.
// Throws ImportError when `ast` has no "blocks" array; other malformed
// parts read as empty.
SourceText source_from_pandoc(const nlohmann::json& ast);

}  // namespace sotay
