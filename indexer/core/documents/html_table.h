// A simple HTML table (<table>, <tr>, <td>, <th>, optional <thead>,
// <tbody>, <caption>) as a GFM pipe table, for HTML pasted into a
// submission (html_blocks.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sotay {

struct GfmTable {
  std::string markdown;  // the caption's line (when any), then the table; ends with "\n"
  std::size_t rows = 0;  // the header row included
  std::size_t columns = 0;
};

// Converts `html`, which starts at "<table" and ends after its "</table>".
// Cell text keeps only its text: inline tags are stripped (<br> and block
// tags become a space), entities decoded (&amp; &lt; &nbsp; &#7899; …),
// whitespace collapsed; characters Markdown would read as syntax (| * _ `
// [ ] < \ and & before a name) are escaped, so the cell shows exactly its
// text. The first row is the header (GFM tables need one); shorter rows
// get empty cells. nullopt, with `why_not` set (Vietnamese), for a table
// GFM cannot hold: merged cells (colspan/rowspan above 1), a table inside
// a cell, no rows.
std::optional<GfmTable> html_table_to_gfm(std::string_view html, std::string& why_not);

// `text` with HTML character references decoded: the named ones HTML text
// commonly has (amp lt gt quot apos nbsp), decimal and hexadecimal ones;
// anything else is left as written.
std::string decode_html_entities(std::string_view text);

}  // namespace sotay
