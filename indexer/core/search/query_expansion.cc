#include "query_expansion.h"

#include <algorithm>
#include <array>

#include "index_contract.h"
#include "spelling_variants.h"

namespace sotay {

namespace c = contract;

namespace {

// Weights of a shorthand's numbers, as a typed number's (query_builder.cc).
constexpr double OWN_NUMBER_WEIGHT = 10.0;
constexpr double CITED_NUMBER_WEIGHT = 2.0;
// At most this many numbers per shorthand ("nd 30": 30/2020/nđ-cp, 30/2016/nđ-cp, …).
constexpr Xapian::termcount SHORTHAND_NUMBERS = 20;
// Type codes a shorthand may start with (folded): Nghị định, Thông tư, …
constexpr std::array<std::string_view, 12> TYPE_CODES{"nd", "tt", "ttlt", "qd", "nq",  "ct",
                                                      "hd", "kh", "tb",   "bc", "ttr", "vbhn"};

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string out(prefix);
  out += term;
  return out;
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

std::vector<std::string> spellings(const std::string& form) {
  std::vector<std::string> out{form};
  if (std::string other = spelling_variant(form); !other.empty()) out.push_back(std::move(other));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "nd30" or "nd" "30": the key prefix "30/nd" and the syllables used, else 0.
std::size_t shorthand(const std::vector<Token>& run, std::string& key_prefix) {
  if (run.empty()) return 0;
  const std::string& first = run[0].folded;
  for (const std::string_view code : TYPE_CODES) {
    if (first.size() > code.size() && first.compare(0, code.size(), code) == 0 &&
        all_digits(std::string_view(first).substr(code.size()))) {
      const std::string number = first.substr(code.size());
      key_prefix = number.substr(std::min(number.find_first_not_of('0'), number.size() - 1));
      key_prefix += "/" + std::string(code);
      return 1;
    }
    if (first == code && run.size() > 1 && all_digits(run[1].folded) && !run[1].clause_start) {
      const std::string& number = run[1].folded;
      key_prefix = number.substr(std::min(number.find_first_not_of('0'), number.size() - 1));
      key_prefix += "/" + std::string(code);
      return 2;
    }
  }
  return 0;
}

Xapian::Query numbers_with_prefix(std::string_view prefix, const std::string& key_prefix,
                                  double weight) {
  return Xapian::Query(
      Xapian::Query::OP_SCALE_WEIGHT,
      Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(prefix, key_prefix), SHORTHAND_NUMBERS,
                    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
      weight);
}

// Abbreviations whose expansion is run[0..n) for the longest n >= 2.
void add_abbreviations(const Dictionary& d, const std::vector<Token>& run, Expansion& x) {
  std::vector<std::string> syllables;
  std::size_t span = 0;
  std::vector<const Abbreviation*> spelled;
  for (const Token& t : run) {
    syllables.push_back(t.folded);
    if (syllables.size() < 2) continue;
    if (auto found = d.abbreviations_of(syllables); !found.empty()) {
      span = syllables.size();
      spelled = std::move(found);
    }
  }
  if (span == 0) return;
  x.span = span;
  for (const Abbreviation* a : spelled) {
    for (const Token& at : tokenize(a->abbreviation)) {
      x.alternatives.push_back(
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(at.folded), a->weight));
      x.highlight.push_back(at.folded);
    }
  }
}

// Synonym groups of run[0..n) for the longest n (at least the span found so
// far); a single syllable that is an abbreviation is not a synonym.
void add_synonyms(const Dictionary& d, const std::vector<Token>& run, Expansion& x) {
  for (std::size_t n = std::min(run.size(), d.synonyms().longest());
       n >= std::max<std::size_t>(x.span, 1); --n) {
    if (n == 1 && d.abbreviation(run[0].folded)) return;
    const std::vector<Token> typed(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(n));
    const std::vector<Synonyms::Match> matches = d.synonyms().find(typed);
    if (matches.empty()) continue;
    if (n > x.span) x = Expansion{n, {}, {}};
    for (const Synonyms::Match& m : matches) {
      for (std::size_t p = 0; p < m.group->phrases.size(); ++p) {
        if (p == m.phrase) continue;
        const std::vector<Token> words = tokenize(m.group->phrases[p]);
        // A phrase scores the sum of its words: scale it to the typed
        // words' share, times the group's weight.
        const double scale = m.group->weight * static_cast<double>(n) /
                             static_cast<double>(std::max<std::size_t>(1, words.size()));
        x.alternatives.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                               phrase_query(words, Accents::STRICT), scale));
        for (const Token& w : words) x.highlight.push_back(w.marked ? w.exact : w.folded);
      }
    }
    return;
  }
}

}  // namespace

// The spellings of one word weigh as one term (OP_SYNONYM): the rarer
// spelling ("kí") must not outweigh the common one by its rarity.
Xapian::Query syllable_query(const Token& t) {
  std::vector<Xapian::Query> variants;
  for (const std::string& s : spellings(t.folded)) variants.emplace_back(s);
  std::vector<Xapian::Query> forms{combine(Xapian::Query::OP_SYNONYM, variants)};
  for (const std::string& extra : t.extra_folded) forms.emplace_back(extra);
  return combine(Xapian::Query::OP_OR, forms);
}

Xapian::Query exact_query(const Token& t) {
  std::vector<Xapian::Query> forms;
  for (const std::string& s : spellings(t.exact)) forms.emplace_back(prefixed(c::PREFIX_EXACT, s));
  return combine(Xapian::Query::OP_SYNONYM, forms);
}

Xapian::Query pair_query(const Token& a, const Token& b) {
  std::vector<Xapian::Query> pairs;
  for (const std::string& x : spellings(a.folded)) {
    for (const std::string& y : spellings(b.folded)) {
      pairs.emplace_back(prefixed(c::PREFIX_BIGRAM, x + " " + y));
    }
  }
  return combine(Xapian::Query::OP_SYNONYM, pairs);
}

Xapian::Query phrase_query(const std::vector<Token>& tokens, Accents accents) {
  std::vector<Xapian::Query> parts, exact;
  for (const Token& t : tokens) {
    std::vector<Xapian::Query> forms;
    for (const std::string& s : spellings(t.folded)) forms.emplace_back(s);
    parts.push_back(combine(Xapian::Query::OP_OR, forms));
    if (accents == Accents::STRICT && t.marked) exact.push_back(exact_query(t));
  }
  Xapian::Query phrase = parts.size() == 1 ? parts.front()
                                           : Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(),
                                                           parts.end(), parts.size());
  if (exact.empty()) return phrase;
  return Xapian::Query(Xapian::Query::OP_FILTER, phrase, combine(Xapian::Query::OP_AND, exact));
}

std::size_t longest_run(const Dictionary& d) {
  return std::max({d.longest_expansion(), d.synonyms().longest(), std::size_t{2}});
}

Expansion expand(const Dictionary& d, const std::vector<Token>& run) {
  Expansion x;
  std::string key_prefix;
  if (const std::size_t span = shorthand(run, key_prefix); span > 0) {
    x.span = span;
    x.alternatives.push_back(
        numbers_with_prefix(c::PREFIX_OWN_NUMBER, key_prefix, OWN_NUMBER_WEIGHT));
    x.alternatives.push_back(
        numbers_with_prefix(c::PREFIX_CITED_NUMBER, key_prefix, CITED_NUMBER_WEIGHT));
    return x;
  }
  add_abbreviations(d, run, x);
  add_synonyms(d, run, x);
  return x;
}

}  // namespace sotay
