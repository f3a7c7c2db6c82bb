#include "suggester.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "doc_number.h"
#include "index_contract.h"
#include "text.h"
#include "tokenizer.h"
#include "url.h"
#include "vietnamese.h"

namespace sotay {

namespace c = contract;

namespace {

constexpr std::size_t MAX_TYPED = 200;  // bytes of typed text considered
constexpr char SEP = c::SUGGEST_SEP;

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string::npos; }

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

// Suggestions without two of the same folded text.
struct SuggestionList {
  std::vector<Suggestion> items;
  std::set<std::string> seen;  // folded texts already suggested

  void push(Suggestion s) {
    if (!seen.insert(lower_key(s.text)).second) return;
    items.push_back(std::move(s));
  }
};

// Document numbers starting with what was typed, when digits were typed.
void add_numbers(const Xapian::Database& db, const std::string& typed,
                 const SuggestOptions& options, SuggestionList& out) {
  if (!has_digit(typed)) return;
  const std::string prefix = number_prefix(trim(typed));
  if (prefix.empty() || prefix.find_first_not_of("0123456789") == 0) return;
  std::vector<Candidate> found =
      scan(db, std::string(c::META_SUGGEST_NUMBER), prefix, options.max_scan);
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
  for (std::size_t i = 0; i < found.size() && out.items.size() < options.limit / 2 + 1; ++i) {
    out.push({db.get_metadata(found[i].key), "number", "", found[i].count});
  }
}

// Titles starting with the typed words, one per document.
std::vector<Suggestion> find_titles(const Xapian::Database& db, const std::string& typed,
                                    const std::vector<Token>& tokens,
                                    const SuggestOptions& options) {
  std::vector<Suggestion> titles;
  std::string key = folded_key(typed, tokens, 0);
  if (key.size() > c::SUGGEST_TITLE_KEY_BYTES)
    key = std::string(utf8_prefix(key, c::SUGGEST_TITLE_KEY_BYTES));
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
  return titles;
}

// What the typed text asks phrases for: its words and the room left.
struct PhraseQuery {
  const std::string& typed;
  const std::vector<Token>& tokens;
  std::size_t room;  // phrases wanted at most
  std::size_t max_scan;
};

// Phrases completing the typed words from `from` on, the typed head kept,
// those keeping the typed accents first.
std::vector<Suggestion> phrases_from(const Xapian::Database& db, const PhraseQuery& q,
                                     std::size_t from) {
  std::vector<Candidate> found = scan(db, std::string(c::META_SUGGEST_PHRASE),
                                      folded_key(q.typed, q.tokens, from), q.max_scan);
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
  if (found.size() > q.room * 3) found.resize(q.room * 3);
  std::vector<Suggestion> level;
  const std::string head = from == 0 ? std::string() : q.typed.substr(0, q.tokens[from].begin);
  for (const Candidate& cand : found) {
    level.push_back({head + db.get_metadata(cand.key), "phrase", "", cand.count});
  }
  const bool typed_marks =
      std::any_of(q.tokens.begin(), q.tokens.end(), [](const Token& t) { return t.marked; });
  if (typed_marks) {
    std::stable_partition(level.begin(), level.end(), [&](const Suggestion& s) {
      return keeps_accents(q.tokens, from, std::string_view(s.text).substr(head.size()));
    });
  }
  return level;
}

// Phrases completing the whole text, then its last words ("quy định thu
// t" -> "quy định thủ tục hành chính"): only when the whole text completes
// nothing, and a tail keeps two words.
std::vector<Suggestion> find_phrases(const Xapian::Database& db, const PhraseQuery& q) {
  std::vector<Suggestion> phrases;
  for (std::size_t from = 0;
       from <= 3 && phrases.empty() && q.room > 0 && (from == 0 || from + 2 <= q.tokens.size());
       ++from) {
    for (Suggestion& s : phrases_from(db, q, from)) {
      if (phrases.size() >= q.room) break;
      if (lower_key(s.text) == lower_key(q.typed)) continue;  // nothing to complete
      phrases.push_back(std::move(s));
    }
  }
  return phrases;
}

}  // namespace

// ---- Looking up ---------------------------------------------------------------

std::vector<Suggestion> suggest(const Xapian::Database& db, std::string_view typed_raw,
                                const SuggestOptions& options) {
  const std::string typed = to_nfc(utf8_prefix(typed_raw, MAX_TYPED));
  if (trim(typed).empty() || options.limit == 0) return {};
  SuggestionList out;
  add_numbers(db, typed, options, out);
  const std::vector<Token> tokens = tokenize(typed);
  if (tokens.empty()) return std::move(out.items);
  std::vector<Suggestion> titles = find_titles(db, typed, tokens, options);
  const std::size_t taken = out.items.size() + titles.size();
  const PhraseQuery query{typed, tokens, options.limit > taken ? options.limit - taken : 0,
                          options.max_scan};
  for (Suggestion& s : find_phrases(db, query)) out.push(std::move(s));
  for (Suggestion& s : titles) {
    if (out.items.size() >= options.limit) break;
    out.push(std::move(s));
  }
  if (out.items.size() > options.limit) out.items.resize(options.limit);
  return std::move(out.items);
}

}  // namespace sotay
