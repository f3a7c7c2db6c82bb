#include "suggestion_collector.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "doc_number.h"
#include "index_contract.h"
#include "number_spelling.h"
#include "text.h"
#include "tokenizer.h"
#include "vietnamese.h"

namespace sotay {

namespace c = contract;

namespace {

constexpr std::size_t MIN_PHRASE = 2;  // syllables
constexpr std::size_t MAX_PHRASE = 5;
constexpr std::size_t MAX_PHRASES = 50000;   // most frequent phrases kept
constexpr std::size_t MAX_WORD_STARTS = 16;  // keys per title or heading
constexpr std::size_t MAX_DISPLAY = 200;     // bytes of a stored title
constexpr std::size_t MAX_KEY = 240;         // Xapian's limit is a little above
constexpr std::size_t MAX_TYPED = 200;       // bytes of typed text considered
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

// Folded words of `text`, one space between ("Đăng ký" -> "dang ky").
std::string lower_words(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

// "suggest:a:<folded abbreviation>" -> "<abbreviation>\x1f<expansions | …>".
void add_abbreviations(const Dictionary& dictionary, std::map<std::string, std::string>& entries) {
  for (const Abbreviation& a : dictionary.abbreviations()) {
    const std::string folded = lower_words(a.abbreviation);
    if (folded.empty() || a.expansions.empty()) continue;
    std::string value = a.abbreviation;
    value += SEP;
    for (std::size_t i = 0; i < a.expansions.size(); ++i) {
      if (i > 0) value += " | ";
      value += a.expansions[i];
    }
    entries.emplace(std::string(c::META_SUGGEST_ABBREVIATION) + folded, value);
  }
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

// Word starts of a title or heading as keys "<folded from the word>\x1f<rank>":
// rank 0 the text's start (or the words after a leading "Điều 4.6.NĐ.29."),
// 1 a clause start ("…, kết hôn"), 2 any other word but a stopword.
std::vector<std::string> SuggestionCollector::word_starts(std::string_view text) const {
  const std::vector<Token> tokens = tokenize(text);
  std::vector<std::string> starts;
  for (std::size_t i = 0; i < tokens.size() && starts.size() < MAX_WORD_STARTS; ++i) {
    if (has_digit(tokens[i].folded)) continue;
    const bool after_number = i > 0 && has_digit(tokens[i - 1].folded);
    const char rank = (i == 0 || after_number) ? '0' : tokens[i].clause_start ? '1' : '2';
    if (rank == '2' && dictionary_ &&
        dictionary_->is_stopword(tokens[i].exact, tokens[i].folded, true)) {
      continue;
    }
    std::string key;
    for (std::size_t k = i; k < tokens.size() && key.size() < c::SUGGEST_TITLE_KEY_BYTES; ++k) {
      if (!key.empty()) key += ' ';
      key += tokens[k].folded;
    }
    key = std::string(utf8_prefix(key, c::SUGGEST_TITLE_KEY_BYTES));
    key += SEP;
    key += rank;
    starts.push_back(std::move(key));
  }
  return starts;
}

void SuggestionCollector::add_number(const FrontMatter& m) {
  const std::string key = doc_number_key(m.number);
  if (key.empty()) return;
  const std::vector<DocNumber> found = find_doc_numbers(m.number);
  if (found.empty()) return;
  for (const std::string& spelling : number_spellings(found.front(), m.type)) {
    // One entry per spelling and number: "30 nd cp" is 30/2020 and 30/2019.
    NumberStat& stat = numbers_[spelling + '\x1e' + key];
    if (stat.count++ == 0) {
      stat.display = m.number;
      stat.id = m.id;
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
  add_number(m);

  // Every word start of the title, then of each heading (unless it repeats
  // the title); what is shown is stored once under "suggest:d:".
  for (std::string& key : word_starts(m.title)) titles_.push_back(key + SEP + m.id);
  if (!m.title.empty()) displays_.emplace_back(m.id, utf8_prefix(m.title, MAX_DISPLAY));
  const std::string title_key = lower_words(m.title);
  for (const Section& s : doc.sections) {
    if (s.title.empty() || s.anchor.empty() || lower_words(s.title) == title_key) continue;
    const std::string target = m.id + "#" + s.anchor;
    for (std::string& key : word_starts(s.title)) headings_.push_back(key + SEP + target);
    displays_.emplace_back(target, utf8_prefix(s.title, MAX_DISPLAY));
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
    entries.emplace(std::string(c::META_SUGGEST_NUMBER) + key.substr(0, key.find('\x1e')) + SEP +
                        std::to_string(stat.count) + SEP + stat.id,
                    stat.display);
  }
  // Xapian deletes a key set to "": one byte stands for "see suggest:d:".
  for (const std::string& key : titles_) {
    entries.emplace(std::string(c::META_SUGGEST_TITLE) + key, "1");
  }
  for (const std::string& key : headings_) {
    entries.emplace(std::string(c::META_SUGGEST_HEADING) + key, "1");
  }
  for (const auto& [target, text] : displays_) {
    entries.emplace(std::string(c::META_SUGGEST_DISPLAY) + target, text);
  }
  if (dictionary_) add_abbreviations(*dictionary_, entries);
  for (const auto& [key, value] : entries) {
    if (key.size() <= MAX_KEY) db.set_metadata(key, value);
  }
}

}  // namespace sotay
