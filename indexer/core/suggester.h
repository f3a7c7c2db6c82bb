// Suggestions as you type: phrases, document numbers and titles completing
// what was typed, accent-insensitive ("thu t" -> "thủ tục hành chính",
// "30/20" -> "30/2020/NĐ-CP").
//
// The indexer collects them (SuggestionCollector) and stores them as
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

#include "dictionary.h"
#include "document.h"

namespace sotay {

struct Suggestion {
  std::string text;       // what the search box is filled with, or the title
  std::string kind;       // "phrase", "number" or "title"
  std::string url;        // the document, for "title"; else ""
  std::size_t count = 0;  // documents with the phrase or number
};

struct SuggestOptions {
  std::size_t limit = 8;
  std::size_t max_titles = 3;
  // Keys read per scan at most: a one- or two-letter prefix of a large
  // edition is ranked among the first keys only (cost stays bounded).
  std::size_t max_scan = 3000;
};

// Phrases (2-5 syllables) of titles, headings, tags, departments and fields
// counted per document; own document numbers; title starts.
class SuggestionCollector {
 public:
  explicit SuggestionCollector(const Dictionary* dictionary = nullptr) : dictionary_(dictionary) {}

  void add(const Document& doc);
  // Writes the META_SUGGEST_* keys. Phrases found in fewer than
  // `min_phrase_documents` documents, and shorter phrases almost always
  // followed by the same word ("thủ tục hành" → "thủ tục hành chính"), are
  // left out.
  void write(Xapian::WritableDatabase& db, std::size_t min_phrase_documents = 2) const;

 private:
  struct PhraseStat {
    std::size_t count = 0;
    std::string display;
    std::size_t last_doc = static_cast<std::size_t>(-1);
  };
  struct NumberStat {
    std::size_t count = 0;
    std::string display;
  };
  void add_phrases(std::string_view text, bool sentence_start);

  const Dictionary* dictionary_;
  std::size_t doc_index_ = 0;
  std::unordered_map<std::string, PhraseStat> phrases_;
  std::map<std::string, NumberStat> numbers_;
  // key (without prefix) -> title display
  std::vector<std::pair<std::string, std::string>> titles_;
};

// Suggestions for `typed` from an edition: numbers first when digits were
// typed, then phrases (most documents first; typed accents rank matching
// forms first), then titles. Never throws for odd input.
std::vector<Suggestion> suggest(const Xapian::Database& db, std::string_view typed,
                                const SuggestOptions& options = {});

}  // namespace sotay
