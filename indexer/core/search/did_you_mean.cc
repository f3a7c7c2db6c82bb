#include "did_you_mean.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "doc_number.h"
#include "index_contract.h"
#include "input_method.h"
#include "tokenizer.h"
#include "vietnamese.h"

namespace sotay {

namespace c = contract;

namespace {

constexpr std::size_t MAX_WORDS = 12;   // longer queries are not corrected
constexpr std::size_t MAX_UNKNOWN = 3;  // unknown words corrected at most
constexpr std::size_t CANDIDATES = 8;   // per unknown word
constexpr double PAIR_BONUS = 10.0;     // a pair the handbook has
constexpr double DISTANCE_COST = 3.0;   // per edit
constexpr Xapian::doccount COUNT_AT_LEAST = 1000;

struct Candidate {
  std::string folded;
  double distance = 0;
  double frequency = 0;
};

// Optimal string alignment distance, or max + 1 when above `max`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max) {
  if (a.size() > b.size() + max || b.size() > a.size() + max) return max + 1;
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t row_min = max + 1;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
      row_min = std::min(row_min, d[i][j]);
    }
    if (row_min > max) return max + 1;
  }
  return d[a.size()][b.size()];
}

bool has_vowel(std::string_view folded) {
  return folded.find_first_of("aeiouy") != std::string_view::npos;
}

// Two or more letters, all capitals, as typed: an abbreviation ("CCCD").
bool typed_in_capitals(std::string_view typed) {
  std::size_t letters = 0;
  for (const char ch : typed) {
    if (ch >= 'a' && ch <= 'z') return false;
    if (ch >= 'A' && ch <= 'Z') ++letters;
  }
  return letters >= 2;
}

// A word the correction must keep as typed.
bool keep_as_typed(const Xapian::Database& db, const Dictionary& dictionary, const Token& t,
                   std::string_view typed, const std::vector<DocNumber>& numbers) {
  const bool in_number = std::any_of(numbers.begin(), numbers.end(), [&](const DocNumber& n) {
    return t.begin >= n.begin && t.end <= n.end;
  });
  return in_number ||
         t.folded.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos ||
         t.folded.size() < 3 || !has_vowel(t.folded) || typed_in_capitals(typed) ||
         dictionary.abbreviation(t.folded) != nullptr || db.term_exists(t.folded);
}

// The edition's words near `folded`, and its Telex/VNI reading.
std::vector<Candidate> candidates_for(const Xapian::Database& db, const std::string& folded) {
  std::vector<Candidate> out;
  for (const std::string& decoded : decode_input_method(folded)) {
    const std::string f = folded_form(decoded);
    if (db.term_exists(f)) out.push_back({f, 0, static_cast<double>(db.get_termfreq(f))});
  }
  const std::size_t max = folded.size() <= 4 ? 1 : 2;
  std::vector<Candidate> near;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const std::string word = *it;
    if (word.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
    const std::size_t d = edit_distance(folded, word, max);
    if (d > max || d == 0) continue;
    near.push_back({word, static_cast<double>(d), static_cast<double>(it.get_termfreq())});
  }
  std::sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.frequency > b.frequency;
  });
  for (Candidate& cand : near) {
    if (out.size() >= CANDIDATES) break;
    if (std::none_of(out.begin(), out.end(),
                     [&](const Candidate& o) { return o.folded == cand.folded; })) {
      out.push_back(std::move(cand));
    }
  }
  return out;
}

double own_score(const Candidate& cand) {
  return -DISTANCE_COST * cand.distance + std::log1p(cand.frequency) * 0.1;
}

// The best candidate of each word, adjacent pairs scored together (Viterbi).
std::vector<std::size_t> best_path(const Xapian::Database& db,
                                   const std::vector<std::vector<Candidate>>& words) {
  const std::size_t n = words.size();
  std::vector<std::vector<double>> score(n);
  std::vector<std::vector<std::size_t>> from(n);
  for (std::size_t i = 0; i < n; ++i) {
    score[i].assign(words[i].size(), -1e9);
    from[i].assign(words[i].size(), 0);
    for (std::size_t k = 0; k < words[i].size(); ++k) {
      const double own = own_score(words[i][k]);
      if (i == 0) {
        score[i][k] = own;
        continue;
      }
      for (std::size_t p = 0; p < words[i - 1].size(); ++p) {
        const std::string pair =
            std::string(c::PREFIX_BIGRAM) + words[i - 1][p].folded + " " + words[i][k].folded;
        const bool single = words[i].size() == 1 && words[i - 1].size() == 1;
        const double bonus = !single && db.term_exists(pair) ? PAIR_BONUS : 0;
        const double s = score[i - 1][p] + own + bonus;
        if (s > score[i][k]) {
          score[i][k] = s;
          from[i][k] = p;
        }
      }
    }
  }
  std::vector<std::size_t> path(n, 0);
  if (n == 0) return path;
  path[n - 1] = static_cast<std::size_t>(
      std::max_element(score[n - 1].begin(), score[n - 1].end()) - score[n - 1].begin());
  for (std::size_t i = n - 1; i > 0; --i) path[i - 1] = from[i][path[i]];
  return path;
}

// The handbook's most frequent exact spelling of folded word `f` ("tuc" ->
// "tục"), else `f`. Reads the exact terms starting as `f` does (or with "đ"
// for "d"), a bounded number of them.
std::string most_frequent_spelling(const Xapian::Database& db, const std::string& f) {
  constexpr std::size_t MAX_TERMS_READ = 200000;
  std::string best = f;
  Xapian::doccount best_freq = 0;
  std::vector<std::string> starts{std::string(c::PREFIX_EXACT) + f.substr(0, 1)};
  if (!f.empty() && f[0] == 'd') starts.push_back(std::string(c::PREFIX_EXACT) + "đ");
  for (const std::string& start : starts) {
    std::size_t read = 0;
    for (auto t = db.allterms_begin(start); t != db.allterms_end(start) && read < MAX_TERMS_READ;
         ++t, ++read) {
      const std::string exact = (*t).substr(c::PREFIX_EXACT.size());
      if (t.get_termfreq() > best_freq && folded_form(exact) == f) {
        best = exact;
        best_freq = t.get_termfreq();
      }
    }
  }
  return best;
}

// How the handbook writes folded word `i` of `folded` next to its
// neighbours: from a suggestion phrase starting with the pair ("thu tuc
// hanh chinh" -> "thủ tục"), else its most frequent spelling.
std::string shown_as(const Xapian::Database& db, const std::vector<std::string>& folded,
                     std::size_t i) {
  constexpr std::size_t MAX_PHRASES_READ = 50;
  for (const int side : {-1, 1}) {
    if ((side < 0 && i == 0) || (side > 0 && i + 1 >= folded.size())) continue;
    const std::size_t a = side < 0 ? i - 1 : i;
    const std::string start = std::string(c::META_SUGGEST_PHRASE) + folded[a] + " " + folded[a + 1];
    std::size_t read = 0;
    for (auto it = db.metadata_keys_begin(start);
         it != db.metadata_keys_end(start) && read < MAX_PHRASES_READ; ++it, ++read) {
      const std::string key = *it;
      if (key.size() <= start.size() ||
          (key[start.size()] != c::SUGGEST_SEP && key[start.size()] != ' ')) {
        continue;  // "thu tuc" is not "thu tucx"
      }
      const std::vector<Token> shown = tokenize(db.get_metadata(key));
      const std::size_t k = side < 0 ? 1 : 0;
      if (shown.size() >= 2 && shown[k].folded == folded[i]) return shown[k].exact;
    }
  }
  return most_frequent_spelling(db, folded[i]);
}

Xapian::doccount documents(const Xapian::Database& db, const Xapian::Query& query) {
  if (query.empty()) return 0;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_collapse_key(c::SLOT_DOC_ID, 1);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, COUNT_AT_LEAST).get_matches_estimated();
}

}  // namespace

std::string did_you_mean(const Xapian::Database& db, const Dictionary& dictionary,
                         const std::string& query, const QueryFor& query_for) {
  const std::vector<Token> tokens = tokenize(query);
  if (tokens.empty() || tokens.size() > MAX_WORDS) return {};
  const std::vector<DocNumber> numbers = find_doc_numbers(query, NumberContext::QUERY);
  std::vector<std::vector<Candidate>> words;
  std::vector<bool> kept;
  std::size_t unknown = 0;
  for (const Token& t : tokens) {
    const std::string_view typed = std::string_view(query).substr(t.begin, t.end - t.begin);
    if (keep_as_typed(db, dictionary, t, typed, numbers)) {
      words.push_back({{t.folded, 0, 0}});
      kept.push_back(true);
      continue;
    }
    std::vector<Candidate> found = candidates_for(db, t.folded);
    if (found.empty() || ++unknown > MAX_UNKNOWN) return {};
    words.push_back(std::move(found));
    kept.push_back(false);
  }
  if (unknown == 0) return {};
  const std::vector<std::size_t> path = best_path(db, words);
  std::vector<std::string> folded;
  for (std::size_t i = 0; i < words.size(); ++i) folded.push_back(words[i][path[i]].folded);
  std::string out;
  std::size_t cursor = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (kept[i]) continue;
    out += query.substr(cursor, tokens[i].begin - cursor);
    out += shown_as(db, folded, i);
    cursor = tokens[i].end;
  }
  out += query.substr(cursor);
  // Offered only when it is another query and finds more.
  if (folded_form(out) == folded_form(query)) return {};
  if (documents(db, query_for(out)) <= documents(db, query_for(query))) return {};
  return out;
}

}  // namespace sotay
