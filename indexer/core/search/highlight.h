// Highlighting the words of a query in a rendered document (the page opened
// from a search result), matched like snippets (snippet.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

// `html` with matched words of its text wrapped in <mark>…</mark>. Only text
// between tags changes: tags, attributes and character references
// (&amp; …) are copied as they are, and nothing inside <script>, <style> or
// <title> is marked. `highlight` holds folded forms, or exact forms for
// words typed with accents; `number_keys` document-number keys whose
// mentions are marked whole.
std::string highlight_html(std::string_view html, const std::vector<std::string>& highlight,
                           const std::vector<std::string>& number_keys);

}  // namespace sotay
