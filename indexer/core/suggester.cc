#include "suggester.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "doc_number.h"
#include "index_contract.h"
#include "searcher.h"
#include "text.h"
#include "tokenizer.h"
#include "vietnamese.h"

namespace sotay {

namespace c = contract;

namespace {

constexpr std::size_t MIN_PHRASE = 2;  // syllables
constexpr std::size_t MAX_PHRASE = 5;
constexpr std::size_t MAX_PHRASES = 50000;  // most frequent phrases kept
constexpr std::size_t MAX_TITLE_KEY = 48;   // bytes of folded title kept in a key
constexpr std::size_t MAX_TITLE_STARTS = 4;
constexpr std::size_t MAX_DISPLAY = 200;  // bytes of a stored title
constexpr std::size_t MAX_KEY = 240;      // Xapian's limit is a little above
constexpr std::size_t MAX_TYPED = 200;    // bytes of typed text considered
constexpr char SEP = '\x1f';

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

// Cuts UTF-8 at a character boundary at or before `n` bytes.
std::string utf8_cut(std::string_view s, std::size_t n) {
  if (s.size() <= n) return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
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

std::size_t parse_count(std::string_view s) {
  std::size_t n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

// The folded key of typed text: folded syllables joined by one space, and a
// trailing space when the last word is complete.
std::string folded_key(std::string_view typed, const std::vector<Token>& tokens, std::size_t from) {
  std::string key;
  for (std::size_t i = from; i < tokens.size(); ++i) {
    if (!key.empty()) key += ' ';
    key += tokens[i].folded;
  }
  if (!tokens.empty() && tokens.back().end < typed.size()) key += ' ';
  return key;
}

struct Candidate {
  std::string key;  // full metadata key
  std::string folded;
  std::size_t count = 0;
  int rank = 0;
};

// Keys under `prefix` + `typed_key`, at most `max_scan` of them.
std::vector<Candidate> scan(const Xapian::Database& db, const std::string& prefix,
                            const std::string& typed_key, std::size_t max_scan) {
  std::vector<Candidate> out;
  const std::string start = prefix + typed_key;
  for (auto it = db.metadata_keys_begin(start); it != db.metadata_keys_end(start); ++it) {
    if (out.size() >= max_scan) break;
    const std::string key = *it;
    const std::string_view rest = std::string_view(key).substr(prefix.size());
    const auto sep = rest.find(SEP);
    if (sep == std::string_view::npos) continue;
    Candidate cand;
    cand.key = key;
    cand.folded = std::string(rest.substr(0, sep));
    const std::string_view data = rest.substr(sep + 1);
    if (prefix == c::META_SUGGEST_TITLE) {
      cand.rank = data.empty() ? 1 : data[0] - '0';
    } else {
      cand.count = parse_count(data);
    }
    out.push_back(std::move(cand));
  }
  return out;
}

// True when `display` keeps the accents typed in `typed` (the last typed
// syllable may be incomplete). Unaccented typed syllables match anything.
bool keeps_accents(const std::vector<Token>& typed, std::size_t from, std::string_view display) {
  const std::vector<Token> shown = tokenize(display);
  for (std::size_t i = from, k = 0; i < typed.size(); ++i, ++k) {
    if (k >= shown.size()) return false;
    if (!typed[i].marked) continue;
    const bool last = i + 1 == typed.size();
    if (last ? shown[k].exact.rfind(typed[i].exact, 0) != 0 : shown[k].exact != typed[i].exact) {
      return false;
    }
  }
  return true;
}

std::string number_prefix(std::string_view typed) {
  std::string folded;
  for (const char ch : folded_form(typed)) {
    if (ch != ' ') folded += ch;
  }
  // Leading zeros of the number are not part of a key: "01/2011" -> "1/2011".
  std::size_t zeros = 0;
  while (zeros + 1 < folded.size() && folded[zeros] == '0' && folded[zeros + 1] >= '0' &&
         folded[zeros + 1] <= '9') {
    ++zeros;
  }
  return folded.substr(zeros);
}

std::string lower_key(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) out += t.folded + " ";
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
    for (std::size_t k = i; k < tokens.size() && key.size() < MAX_TITLE_KEY; ++k) {
      if (!key.empty()) key += ' ';
      key += tokens[k].folded;
    }
    key = utf8_cut(key, MAX_TITLE_KEY);
    key += SEP;
    key += (i == 0 || after_number) ? '0' : '1';
    key += SEP;
    key += m.id;
    titles_.emplace_back(std::move(key), utf8_cut(m.title, MAX_DISPLAY));
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

// ---- Looking up ---------------------------------------------------------------

std::vector<Suggestion> suggest(const Xapian::Database& db, std::string_view typed_raw,
                                const SuggestOptions& options) {
  std::vector<Suggestion> out;
  const std::string typed = to_nfc(utf8_cut(typed_raw, MAX_TYPED));
  if (trim(typed).empty() || options.limit == 0) return out;
  std::set<std::string> seen;  // folded texts already suggested
  auto push = [&](Suggestion s) {
    if (!seen.insert(lower_key(s.text)).second) return;
    out.push_back(std::move(s));
  };

  // Document numbers, when digits were typed.
  if (has_digit(typed)) {
    const std::string prefix = number_prefix(trim(typed));
    if (!prefix.empty() && prefix.find_first_not_of("0123456789") != 0) {
      std::vector<Candidate> found =
          scan(db, std::string(c::META_SUGGEST_NUMBER), prefix, options.max_scan);
      std::stable_sort(found.begin(), found.end(),
                       [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
      for (std::size_t i = 0; i < found.size() && out.size() < options.limit / 2 + 1; ++i) {
        push({db.get_metadata(found[i].key), "number", "", found[i].count});
      }
    }
  }

  const std::vector<Token> tokens = tokenize(typed);
  if (tokens.empty()) return out;

  std::vector<Suggestion> titles;
  {
    std::string key = folded_key(typed, tokens, 0);
    if (key.size() > MAX_TITLE_KEY) key = utf8_cut(key, MAX_TITLE_KEY);
    std::vector<Candidate> found =
        scan(db, std::string(c::META_SUGGEST_TITLE), key, options.max_scan / 10 + 1);
    std::stable_sort(found.begin(), found.end(),
                     [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
    std::set<std::string> ids;
    for (const Candidate& cand : found) {
      if (titles.size() >= options.max_titles) break;
      const std::string id = cand.key.substr(cand.key.rfind(SEP) + 1);
      if (!ids.insert(id).second) continue;
      titles.push_back({db.get_metadata(cand.key), "title", doc_url(id), 1});
    }
  }

  // Phrases completing the whole text, then its last words ("quy định thu
  // t" -> "quy định thủ tục hành chính").
  const std::size_t phrase_room =
      options.limit > out.size() + titles.size() ? options.limit - out.size() - titles.size() : 0;
  std::vector<Suggestion> phrases;
  const bool typed_marks =
      std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.marked; });
  // Only when the whole text completes nothing, and a tail keeps two words.
  for (std::size_t from = 0;
       from <= 3 && phrases.empty() && phrase_room > 0 && (from == 0 || from + 2 <= tokens.size());
       ++from) {
    std::vector<Candidate> found = scan(db, std::string(c::META_SUGGEST_PHRASE),
                                        folded_key(typed, tokens, from), options.max_scan);
    std::stable_sort(found.begin(), found.end(),
                     [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
    if (found.size() > phrase_room * 3) found.resize(phrase_room * 3);
    std::vector<Suggestion> level;
    for (const Candidate& cand : found) {
      const std::string display = db.get_metadata(cand.key);
      const std::string head = from == 0 ? std::string() : typed.substr(0, tokens[from].begin);
      level.push_back({head + display, "phrase", "", cand.count});
    }
    if (typed_marks) {
      std::stable_partition(level.begin(), level.end(), [&](const Suggestion& s) {
        return keeps_accents(tokens, from,
                             std::string_view(s.text).substr(from == 0 ? 0 : tokens[from].begin));
      });
    }
    for (Suggestion& s : level) {
      if (phrases.size() >= phrase_room) break;
      if (lower_key(s.text) == lower_key(typed)) continue;  // nothing to complete
      phrases.push_back(std::move(s));
    }
  }
  for (Suggestion& s : phrases) push(std::move(s));
  for (Suggestion& s : titles) {
    if (out.size() >= options.limit) break;
    push(std::move(s));
  }
  if (out.size() > options.limit) out.resize(options.limit);
  return out;
}

}  // namespace sotay
