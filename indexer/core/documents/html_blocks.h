// Raw HTML in a Markdown body. The renderer never outputs it (cmark-gfm's
// safe mode, markdown.h): a raw HTML block becomes an HTML comment, so a
// pasted <table> or <div> vanishes with its text; an inline tag vanishes
// and the text around it stays. HTML a clerk pasted would disappear from
// the published page without a word. Instead:
//   - at submission, clean_pasted_html() turns simple HTML tables into GFM
//     tables and removes <script> and <style> elements (their text would
//     otherwise show), so the stored Markdown is what gets published and
//     the editor reviews exactly that;
//   - raw_html_warnings() names every other tag by line, for the
//     submission's answer, the review page and `sotay-indexer check`.
// Fenced code blocks are left alone (HTML shown as code is wanted there).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content_error.h"

namespace sotay {

struct CleanedBody {
  std::string markdown;  // the body, converted
  bool changed = false;  // markdown differs from the input
  // What was converted or removed, and the raw HTML left (as
  // raw_html_warnings()), with lines of the input (`first_line` is the
  // input's first line in its file); path empty.
  std::vector<ContentError> warnings;
};

// `body`: the Markdown after the front matter, starting on file line
// `first_line`. A table is converted when a line starts (after up to three
// spaces) with "<table" and its matching "</table>" follows; one GFM
// cannot hold (merged cells, a nested table) stays and is warned.
// <script>…</script> and <style>…</style> are removed when closed.
CleanedBody clean_pasted_html(std::string_view body, int first_line);

// Every raw HTML tag left in `body`, as warnings with file lines: a block
// (whose text does not show at all) once at its first line, inline tags
// grouped by line, each with the Markdown to write instead. HTML comments
// are not warned (they are notes for editors). At most 20 warnings; a
// last one counts the lines left out.
std::vector<ContentError> raw_html_warnings(std::string_view body, int first_line);

}  // namespace sotay
