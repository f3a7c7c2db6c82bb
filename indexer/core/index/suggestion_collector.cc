#include "suggestion_collector.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "doc_number.h"
#include "index_contract.h"
#include "text.h"
#include "tokenizer.h"
#include "vietnamese.h"

namespace sotay {

namespace c = contract;

namespace {

constexpr std::size_t MIN_PHRASE = 2;  // syllables
constexpr std::size_t MAX_PHRASE = 5;
constexpr std::size_t MAX_PHRASES = 50000;  // most frequent phrases kept
constexpr std::size_t MAX_TITLE_STARTS = 4;
constexpr std::size_t MAX_DISPLAY = 200;  // bytes of a stored title
constexpr std::size_t MAX_KEY = 240;      // Xapian's limit is a little above
constexpr std::size_t MAX_TYPED = 200;    // bytes of typed text considered
constexpr char SEP = c::SUGGEST_SEP;

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string::npos; }

// Two or more letters, all upper case: an abbreviation ("UBND", "HĐND").
bool all_caps(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  int letters = 0;
  while (i < n) {
    UChar32 cp = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, cp);
    if (cp < 0 || !u_isalpha(cp)) continue;
    if (!u_isupper(cp)) return false;
    ++letters;
  }
  return letters >= 2;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char ch : s) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  if (space && !out.empty()) out += ' ';
  return out;
}

}  // namespace

// ---- Collecting ---------------------------------------------------------------

void SuggestionCollector::add_phrases(std::string_view text, bool sentence_start) {
  const std::vector<Token> tokens = tokenize(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string folded;
    std::string display;
    for (std::size_t n = 1; n <= MAX_PHRASE && i + n <= tokens.size(); ++n) {
      const Token& t = tokens[i + n - 1];
      if (has_digit(t.folded) || (n > 1 && t.clause_start)) break;
      const std::string_view slice = text.substr(t.begin, t.end - t.begin);
      if (n > 1) {
        // "thư - Lưu": punctuation between syllables is kept, spaced.
        folded += ' ';
        const std::string between =
            collapse_spaces(text.substr(tokens[i + n - 2].end, t.begin - tokens[i + n - 2].end));
        const std::string_view mark = trim(between);
        display += mark.empty() ? std::string(" ") : " " + std::string(mark) + " ";
      }
      folded += t.folded;
      display +=
          (i == 0 && n == 1 && sentence_start && !all_caps(slice)) ? t.exact : std::string(slice);
      if (n < MIN_PHRASE) continue;
      if (dictionary_ && (dictionary_->is_stopword(tokens[i].exact, tokens[i].folded, true) ||
                          dictionary_->is_stopword(t.exact, t.folded, true))) {
        continue;
      }
      PhraseStat& stat = phrases_[folded];
      if (stat.last_doc == doc_index_) continue;
      stat.last_doc = doc_index_;
      if (stat.count++ == 0) stat.display = display;
    }
  }
}

void SuggestionCollector::add(const Document& doc) {
  const FrontMatter& m = doc.meta;
  add_phrases(m.title, true);
  for (const Section& s : doc.sections) add_phrases(s.title, true);
  for (const std::string& tag : m.tags) add_phrases(tag, true);
  add_phrases(m.department, true);
  add_phrases(m.field, true);
  add_phrases(m.type, true);

  if (const std::string key = doc_number_key(m.number); !key.empty()) {
    NumberStat& stat = numbers_[key];
    if (stat.count++ == 0) stat.display = m.number;
  }

  // Title starts: the title, the words after a leading "Điều 4.6.NĐ.29.",
  // and each clause ("Quyền, nghĩa vụ…").
  const std::vector<Token> tokens = tokenize(m.title);
  std::size_t starts = 0;
  for (std::size_t i = 0; i < tokens.size() && starts < MAX_TITLE_STARTS; ++i) {
    if (has_digit(tokens[i].folded)) continue;
    const bool after_number = i > 0 && has_digit(tokens[i - 1].folded);
    if (i != 0 && !after_number && !tokens[i].clause_start) continue;
    std::string key;
    for (std::size_t k = i; k < tokens.size() && key.size() < c::SUGGEST_TITLE_KEY_BYTES; ++k) {
      if (!key.empty()) key += ' ';
      key += tokens[k].folded;
    }
    key = std::string(utf8_prefix(key, c::SUGGEST_TITLE_KEY_BYTES));
    key += SEP;
    key += (i == 0 || after_number) ? '0' : '1';
    key += SEP;
    key += m.id;
    titles_.emplace_back(std::move(key), utf8_prefix(m.title, MAX_DISPLAY));
    ++starts;
  }
  ++doc_index_;
}

void SuggestionCollector::write(Xapian::WritableDatabase& db,
                                std::size_t min_phrase_documents) const {
  // An incremental build starts from a copy of the previous edition.
  std::vector<std::string> stale;
  const std::string all(c::META_SUGGEST_ALL);
  for (auto it = db.metadata_keys_begin(all); it != db.metadata_keys_end(all); ++it) {
    stale.push_back(*it);
  }
  for (const std::string& key : stale) db.set_metadata(key, std::string());
  // Longest right extension of each phrase: "thủ tục hành" is dropped when
  // "thủ tục hành chính" has (nearly) as many documents.
  std::unordered_map<std::string, std::size_t> best_extension;
  for (const auto& [folded, stat] : phrases_) {
    if (stat.count < min_phrase_documents) continue;
    const auto space = folded.rfind(' ');
    if (space == std::string::npos || folded.find(' ') == space) continue;  // 2 syllables
    std::size_t& best = best_extension[folded.substr(0, space)];
    best = std::max(best, stat.count);
  }
  std::vector<std::pair<const std::string*, const PhraseStat*>> kept;
  for (const auto& [folded, stat] : phrases_) {
    if (stat.count < min_phrase_documents) continue;
    const auto ext = best_extension.find(folded);
    if (ext != best_extension.end() && ext->second * 10 >= stat.count * 8) continue;
    kept.emplace_back(&folded, &stat);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second->count != b.second->count ? a.second->count > b.second->count
                                              : *a.first < *b.first;
  });
  if (kept.size() > MAX_PHRASES) kept.resize(MAX_PHRASES);
  // Written in key order: sequential B-tree inserts pack blocks full.
  std::map<std::string, std::string> entries;
  for (const auto& [folded, stat] : kept) {
    entries.emplace(
        std::string(c::META_SUGGEST_PHRASE) + *folded + SEP + std::to_string(stat->count),
        stat->display);
  }
  for (const auto& [key, stat] : numbers_) {
    if (stat.display.empty()) continue;
    entries.emplace(std::string(c::META_SUGGEST_NUMBER) + key + SEP + std::to_string(stat.count),
                    stat.display);
  }
  for (const auto& [key, title] : titles_) {
    if (!title.empty()) entries.emplace(std::string(c::META_SUGGEST_TITLE) + key, title);
  }
  for (const auto& [key, value] : entries) {
    if (key.size() <= MAX_KEY) db.set_metadata(key, value);
  }
}

}  // namespace sotay
