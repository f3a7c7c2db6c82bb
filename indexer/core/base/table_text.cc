#include "table_text.h"

namespace sotay {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// [begin, end) without surrounding white space.
TextSpan trimmed(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return {begin, end};
}

// The table starting at text[at] == TABLE_START: one line per cell, each
// ending with a mark (cells are single lines in Markdown), up to the first
// line that does not.
TextTable read_table(std::string_view text, std::size_t at) {
  TextTable table;
  table.span = {at, at + 1};
  TextTableRow row;
  row.span.begin = at + 1;
  for (std::size_t cursor = at + 1; cursor < text.size();) {
    const std::size_t nl = text.find('\n', cursor);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (end == cursor || (text[end - 1] != CELL_END && text[end - 1] != ROW_END)) break;
    row.cells.push_back(trimmed(text, cursor, end - 1));
    if (text[end - 1] == ROW_END) {
      row.span.end = end;
      table.rows.push_back(std::move(row));
      row = TextTableRow{};
      row.span.begin = end + 1;
      table.span.end = end;
    }
    cursor = end + 1;
  }
  return table;
}

}  // namespace

std::vector<TextTable> find_text_tables(std::string_view text) {
  std::vector<TextTable> tables;
  for (std::size_t at = text.find(TABLE_START); at != std::string_view::npos;
       at = text.find(TABLE_START, at + 1)) {
    TextTable table = read_table(text, at);
    if (table.rows.empty()) continue;
    at = table.span.end - 1;
    tables.push_back(std::move(table));
  }
  return tables;
}

std::string strip_table_marks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (!is_table_mark(c)) out += c;
  }
  return out;
}

}  // namespace sotay
