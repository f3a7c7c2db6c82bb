// Suggestions as you type: phrases, document numbers and titles completing
// what was typed, accent-insensitive ("thu t" -> "thủ tục hành chính",
// "30/20" -> "30/2020/NĐ-CP").
//
// The indexer collects them (suggestion_collector.h) and stores them as
// database metadata keys (index_contract.h, META_SUGGEST_*), sorted by their
// folded form, so a lookup is one ordered scan of the keys under a prefix:
// no memory per server thread, and an edition stays self-contained.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace sotay {

struct Suggestion {
  std::string text;       // what the search box is filled with, the title or heading
  std::string kind;       // "phrase", "number", "title", "heading" or "abbreviation"
  std::string url;        // the document (title, number), the section (heading); else ""
  std::size_t count = 0;  // documents with the phrase or number
  std::string detail;     // the document of a heading, the expansion of an abbreviation
};

struct SuggestOptions {
  std::size_t limit = 8;
  std::size_t max_titles = 3;
  std::size_t max_headings = 3;
  std::size_t max_abbreviations = 2;
  // Keys read per scan at most: a one- or two-letter prefix of a large
  // edition is ranked among the first keys only (cost stays bounded).
  std::size_t max_scan = 3000;
};

// Suggestions for `typed` from an edition, without two of the same text:
// numbers in any spelling when digits were typed, abbreviations, titles and
// section headings with a word starting as typed (title and clause starts
// first), then phrases (most documents first; typed accents rank matching
// forms first). Never throws for odd input.
std::vector<Suggestion> suggest(const Xapian::Database& db, std::string_view typed,
                                const SuggestOptions& options = {});

}  // namespace sotay
