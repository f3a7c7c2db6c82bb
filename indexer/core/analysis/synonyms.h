// Synonyms: everyday words and the legal words for them ("xe máy = xe mô
// tô | xe gắn máy"), and two spellings of one word ("hằng năm = hàng năm ;
// 1"). Editors maintain them in _dictionary/synonyms.txt over the default
// (dictionary/synonyms.txt), in the format of abbreviations.txt
// (docs/content-format.md, "Từ điển"). A query holding one phrase of a
// group also finds the others, ranked below what was typed.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "content_error.h"
#include "tokenizer.h"

namespace sotay {

struct SynonymGroup {
  std::vector<std::string> phrases;  // as written (NFC); the first is the left side
  double weight = 0.5;               // a synonym's score relative to the typed words
};

class Synonyms {
 public:
  static constexpr double DEFAULT_WEIGHT = 0.5;

  // Parses "từ = từ đồng nghĩa | … ; trọng số" lines; '#' starts a comment.
  // Problems go to `errors` as path:line and the bad line is skipped. Over
  // groups of an earlier file (the default), a line replaces every group
  // that shares a phrase with it, and "- từ" removes the group holding "từ".
  void parse(std::string_view path, std::string_view text, std::vector<ContentError>& errors);

  struct Match {
    const SynonymGroup* group;
    std::size_t phrase;  // which phrase of the group matched
  };
  // The groups holding a phrase spelled by `tokens`: same folded syllables,
  // and the same exact form for each token typed with accents.
  std::vector<Match> find(const std::vector<Token>& tokens) const;
  // Longest phrase in syllables (bounds the query-side scan).
  std::size_t longest() const { return longest_; }
  const std::vector<SynonymGroup>& groups() const { return groups_; }

  nlohmann::json to_json() const;
  static Synonyms from_json(const nlohmann::json& j);

 private:
  struct Entry {
    std::size_t group, phrase;
    std::vector<Token> tokens;
  };
  void reindex();
  // Index of the group holding the phrase with these exact syllables, or npos.
  std::size_t group_of(const std::string& exact_key) const;

  std::vector<SynonymGroup> groups_;
  std::map<std::string, std::vector<Entry>, std::less<>> by_folded_;  // "xe may"
  std::map<std::string, std::size_t, std::less<>> by_exact_;          // "xe máy" -> group
  std::size_t longest_ = 0;
};

}  // namespace sotay
