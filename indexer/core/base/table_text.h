// Tables in a section's plain text: Markdown tables keep their rows and
// cells there (markdown.cc writes the marks, snippets read them), so a
// snippet shows a matching row with its header instead of running cells of
// different rows together.
//
// A table starts with TABLE_START; each cell ends with CELL_END, or ROW_END
// when it is the last cell of its row, and then a newline, as every block
// does. The marks are control characters: the tokenizer sees no word and
// no clause change in them, so terms and positions are those of the text
// without marks. The first row of a table is its header.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

inline constexpr char TABLE_START = '\x1d';
inline constexpr char CELL_END = '\x1f';
inline constexpr char ROW_END = '\x1e';

// Byte range [begin, end) of a text.
struct TextSpan {
  std::size_t begin = 0, end = 0;
};

struct TextTableRow {
  TextSpan span;                // from the first cell to after the row's last mark
  std::vector<TextSpan> cells;  // each cell's text, without its mark and newline
};

struct TextTable {
  TextSpan span;                   // from TABLE_START to after the last row
  std::vector<TextTableRow> rows;  // rows[0] is the header
};

// The tables of `text`, in order (none in a text without marks).
std::vector<TextTable> find_text_tables(std::string_view text);

// Whether `c` is one of the marks above.
inline bool is_table_mark(char c) { return c == TABLE_START || c == CELL_END || c == ROW_END; }

// `text` without the marks.
std::string strip_table_marks(std::string_view text);

}  // namespace sotay
