#include "suggester.h"

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
    if (prefix == c::META_SUGGEST_TITLE || prefix == c::META_SUGGEST_HEADING) {
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

// The fields after the folded text of a key: "<rank>\x1f<target>" of a
// title or heading, "<count>\x1f<doc id>" of a number.
std::string_view field(std::string_view key, std::size_t n) {
  for (std::size_t i = 0; i <= n; ++i) {
    const auto sep = key.find(SEP);
    if (sep == std::string_view::npos) return {};
    key.remove_prefix(sep + 1);
  }
  const auto sep = key.find(SEP);
  return sep == std::string_view::npos ? key : key.substr(0, sep);
}

// Document numbers with a spelling starting as typed ("nd 30", "30-2020"),
// when digits were typed: those in most documents first.
void add_numbers(const Xapian::Database& db, const std::string& typed,
                 const SuggestOptions& options, SuggestionList& out) {
  if (!has_digit(typed)) return;
  const std::string loose = loose_number(trim(typed));
  if (loose.empty() || loose == "0") return;
  const std::string prefix(c::META_SUGGEST_NUMBER);
  std::vector<Candidate> found = scan(db, prefix, loose, options.max_scan);
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
  for (std::size_t i = 0; i < found.size() && out.items.size() < options.limit / 2 + 1; ++i) {
    const std::string_view rest = std::string_view(found[i].key).substr(prefix.size());
    const std::string id(field(rest, 1));
    const std::string display = db.get_metadata(found[i].key);
    const std::string url = found[i].count == 1 && !id.empty()
                                ? doc_url(id)
                                : "/so/" + percent_encode(display, Encode::Path);
    out.push({display, "number", url, found[i].count, ""});
  }
}

// Whether the handbook uses text written `written`: its folded syllable
// when it has one, else each pair of adjacent syllables within a clause
// (PREFIX_BIGRAM, as term_indexer.h writes them).
bool handbook_has(const Xapian::Database& db, std::string_view written) {
  const std::vector<Token> tokens = tokenize(written);
  if (tokens.empty()) return false;
  if (tokens.size() == 1) return db.term_exists(tokens[0].folded);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].clause_start) {  // no pair across a comma: the syllable then
      if (!db.term_exists(tokens[i].folded)) return false;
      continue;
    }
    std::string pair(c::PREFIX_BIGRAM);
    pair += tokens[i - 1].folded;
    pair += ' ';
    pair += tokens[i].folded;
    if (!db.term_exists(pair)) return false;
  }
  return true;
}

// Whether the handbook uses the abbreviation `abbreviation` or one of its
// `expansions` ("a | b"): a default dictionary abbreviation the handbook
// never uses would only lead to an empty result.
bool abbreviation_used(const Xapian::Database& db, std::string_view abbreviation,
                       std::string_view expansions) {
  if (handbook_has(db, abbreviation)) return true;
  for (std::size_t start = 0; start <= expansions.size();) {
    std::size_t end = expansions.find(" | ", start);
    if (end == std::string_view::npos) end = expansions.size();
    if (handbook_has(db, expansions.substr(start, end - start))) return true;
    start = end + 3;
  }
  return false;
}

// Abbreviations starting as typed ("tth" -> "TTHC", thủ tục hành chính),
// when one word was typed, and the handbook uses them.
void add_abbreviations(const Xapian::Database& db, const std::vector<Token>& tokens,
                       const SuggestOptions& options, SuggestionList& out) {
  if (tokens.size() != 1 || tokens[0].folded.size() < 2) return;
  const std::string prefix(c::META_SUGGEST_ABBREVIATION);
  const std::string start = prefix + tokens[0].folded;
  std::size_t added = 0;
  for (auto it = db.metadata_keys_begin(start);
       it != db.metadata_keys_end(start) && added < options.max_abbreviations; ++it) {
    const std::string value = db.get_metadata(*it);
    const auto sep = value.find(SEP);
    if (sep == std::string::npos) continue;
    const std::string_view text(value);
    if (!abbreviation_used(db, text.substr(0, sep), text.substr(sep + 1))) continue;
    out.push({value.substr(0, sep), "abbreviation", "", 0, value.substr(sep + 1)});
    ++added;
  }
}

// Titles or headings (`prefix`) with a word start completing the typed
// words, one per target, text starts before clause starts before other words.
std::vector<Suggestion> find_starts(const Xapian::Database& db, const std::string& prefix,
                                    const std::string& typed, const std::vector<Token>& tokens,
                                    std::size_t wanted, std::size_t max_scan) {
  std::vector<Suggestion> shown;
  const std::string typed_key = folded_key(typed, tokens, 0);
  const std::string key(utf8_prefix(typed_key, c::SUGGEST_TITLE_KEY_BYTES));
  std::vector<Candidate> found = scan(db, prefix, key, max_scan);
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
  const bool heading = prefix == c::META_SUGGEST_HEADING;
  std::set<std::string> targets;
  for (const Candidate& cand : found) {
    if (shown.size() >= wanted) break;
    const std::string target(field(std::string_view(cand.key).substr(prefix.size()), 1));
    if (target.empty() || !targets.insert(target).second) continue;
    std::string text = db.get_metadata(std::string(c::META_SUGGEST_DISPLAY) + target);
    if (text.empty() || text == "1") text = db.get_metadata(cand.key);  // before suggest:d:
    if (text == "1") continue;
    // A key holds 48 bytes of the text: longer typed text must be in the text.
    if (text.empty() || (typed_key.size() > key.size() &&
                         (" " + lower_key(text)).find(" " + typed_key) == std::string::npos)) {
      continue;
    }
    const auto hash = target.find('#');
    if (!heading || hash == std::string::npos) {
      shown.push_back({text, "title", doc_url(target), 1, ""});
      continue;
    }
    const std::string id = target.substr(0, hash);
    shown.push_back({text, "heading", doc_url(id, target.substr(hash + 1)), 1,
                     db.get_metadata(std::string(c::META_SUGGEST_DISPLAY) + id)});
  }
  return shown;
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
    level.push_back({head + db.get_metadata(cand.key), "phrase", "", cand.count, ""});
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
  add_abbreviations(db, tokens, options, out);
  const std::size_t scan_starts = options.max_scan / 10 + 1;
  for (Suggestion& s : find_starts(db, std::string(c::META_SUGGEST_TITLE), typed, tokens,
                                   options.max_titles, scan_starts)) {
    out.push(std::move(s));
  }
  for (Suggestion& s : find_starts(db, std::string(c::META_SUGGEST_HEADING), typed, tokens,
                                   options.max_headings, scan_starts)) {
    out.push(std::move(s));
  }
  const std::size_t taken = out.items.size();
  const PhraseQuery query{typed, tokens, options.limit > taken ? options.limit - taken : 0,
                          options.max_scan};
  for (Suggestion& s : find_phrases(db, query)) out.push(std::move(s));
  if (out.items.size() > options.limit) out.items.resize(options.limit);
  return std::move(out.items);
}

}  // namespace sotay
