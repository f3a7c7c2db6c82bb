// The dictionary: abbreviations with their expansions and weights,
// stopwords and synonyms. A default ships with Sổ tay (dictionary/*.txt,
// default_dictionary.h); the editors' content/_dictionary/ adds to it,
// overrides and removes its entries (docs/content-format.md, "Từ điển"). It
// is data, not code. The indexer validates it and stores it in the edition;
// the searcher expands queries with it.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "content_error.h"
#include "synonyms.h"

namespace sotay {

struct Abbreviation {
  std::string abbreviation;             // as written: "UBND"
  std::vector<std::string> expansions;  // as written: "Ủy ban nhân dân"
  double weight = 1.0;                  // < 1 for ambiguous ones ("CT")
};

class Dictionary {
 public:
  // Parses abbreviations.txt ("UBND = Ủy ban nhân dân | …  ; 0.5") and
  // stopwords.txt (one word per line); '#' starts a comment. Problems go to
  // `errors` as path:line and the bad line is skipped. A file parsed after
  // another (the content's after the default) overrides its entries: an
  // abbreviation declared again replaces the earlier one, and a line "- CT"
  // removes the abbreviation or stopword CT. Twice in one file is an error.
  void parse_abbreviations(std::string_view path, std::string_view text,
                           std::vector<ContentError>& errors);
  void parse_stopwords(std::string_view path, std::string_view text,
                       std::vector<ContentError>& errors);

  // The default dictionary, then content/_dictionary/{abbreviations,
  // stopwords,synonyms}.txt over it when present.
  static Dictionary load(const std::filesystem::path& content_dir,
                         std::vector<ContentError>& errors);
  // The default dictionary alone.
  static Dictionary defaults(std::vector<ContentError>& errors);

  // Serialised into / read from the edition's metadata.
  std::string to_json() const;
  static Dictionary from_json(std::string_view json);

  // The abbreviation whose folded form is `folded` ("ubnd"), or nullptr.
  const Abbreviation* abbreviation(std::string_view folded) const;
  // Abbreviations whose expansion, as folded syllables, is `syllables`.
  std::vector<const Abbreviation*> abbreviations_of(
      const std::vector<std::string>& syllables) const;
  // Longest expansion length in syllables (bounds the query-side scan).
  std::size_t longest_expansion() const { return longest_; }

  // Stopwords match by exact form when the word was typed with accents and
  // by folded form when it was not.
  bool is_stopword(std::string_view exact, std::string_view folded, bool marked) const;

  const std::vector<Abbreviation>& abbreviations() const { return list_; }
  std::size_t stopword_count() const { return stop_exact_.size(); }
  const Synonyms& synonyms() const { return synonyms_; }
  Synonyms& synonyms() { return synonyms_; }

 private:
  void reindex();
  void remove_abbreviation(std::string_view path, int line, std::string_view what,
                           std::vector<ContentError>& errors);

  std::vector<Abbreviation> list_;
  std::map<std::string, std::size_t, std::less<>> by_folded_;  // folded abbreviation -> index
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_expansion_;  // "uy ban nhan dan"
  std::size_t longest_ = 0;
  std::set<std::string, std::less<>> stop_exact_;
  std::set<std::string, std::less<>> stop_folded_;
  Synonyms synonyms_;
};

}  // namespace sotay
