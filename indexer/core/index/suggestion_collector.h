// Collecting the suggestions as you type while an edition is built; the
// server looks them up with suggest() (suggester.h). The keys follow the
// index contract (index_contract.h, META_SUGGEST_*).
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

// Phrases (2-5 syllables) of titles, headings, tags, departments and fields
// counted per document; own document numbers in every loose spelling
// (number_spelling.h); every word start of titles and headings; the
// dictionary's abbreviations.
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
    std::string id;  // the first document with the number
  };
  void add_phrases(std::string_view text, bool sentence_start);
  void add_number(const FrontMatter& m);
  std::vector<std::string> word_starts(std::string_view text) const;

  const Dictionary* dictionary_;
  std::size_t doc_index_ = 0;
  std::unordered_map<std::string, PhraseStat> phrases_;
  std::map<std::string, NumberStat> numbers_;
  // Keys without their prefix: "<folded start>\x1f<rank>\x1f<doc id>" and
  // "<folded start>\x1f<rank>\x1f<doc id>#<anchor>".
  std::vector<std::string> titles_;
  std::vector<std::string> headings_;
  // "<doc id>" -> the title, "<doc id>#<anchor>" -> the heading.
  std::vector<std::pair<std::string, std::string>> displays_;
};

}  // namespace sotay
