// Snippets: the best passage of a section's text with the query's words
// highlighted, matched on folded forms so unaccented queries highlight too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct SnippetOptions {
  std::size_t max_tokens = 36;  // passage length in tokens
};

// HTML (escaped) of the passage of `text` holding the most distinct
// highlight terms, matched tokens wrapped in <mark>…</mark>, with "…" where
// text was cut. `highlight` holds folded forms, or exact forms for words
// typed with accents; `number_keys` document-number
// keys (doc_number.h) whose mentions are marked whole.
std::string make_snippet(std::string_view text, const std::vector<std::string>& highlight,
                         const std::vector<std::string>& number_keys,
                         const SnippetOptions& options = {});

}  // namespace sotay
