#include "query_builder.h"

#include <algorithm>

#include "doc_number.h"
#include "index_contract.h"
#include "input_method.h"
#include "tokenizer.h"

namespace sotay {

namespace c = contract;

namespace {

// Weights of the score-only parts, relative to BM25 on folded syllables.
// Measured on the Zalo questions (bench/README.md): pairs matter most.
constexpr double EXACT_WEIGHT = 2.0;
constexpr double BIGRAM_WEIGHT = 3.0;
// Share of the folded pair's weight when accents were typed.
constexpr double FOLDED_PAIR_SHARE = 0.25;
constexpr double TITLE_WEIGHT = 0.25;
constexpr double OWN_NUMBER_WEIGHT = 10.0;
constexpr double CITED_NUMBER_WEIGHT = 2.0;
constexpr double ARTICLE_WEIGHT = 10.0;
// Added to in-force documents, so they rank above expired ones of similar
// relevance (scores of keyword queries are typically 5-40).
constexpr double IN_FORCE_BONUS = 1.0;

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string out(prefix);
  out += term;
  return out;
}

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

// A syllable matches by its folded form (rule 4), or one of its extra forms.
Xapian::Query syllable_query(const Token& t) {
  std::vector<Xapian::Query> forms{Xapian::Query(t.folded)};
  for (const std::string& extra : t.extra_folded) forms.emplace_back(extra);
  return combine(Xapian::Query::OP_OR, forms);
}

// Phrase on folded forms; with `strict_accents`, the section must also hold
// the exact form of each syllable typed with accents (exact terms carry no
// positions, index_contract.h).
Xapian::Query phrase_query(const std::vector<Token>& tokens, bool strict_accents) {
  std::vector<Xapian::Query> parts, exact;
  for (const Token& t : tokens) {
    parts.emplace_back(t.folded);
    if (strict_accents && t.marked) exact.emplace_back(prefixed(c::PREFIX_EXACT, t.exact));
  }
  Xapian::Query phrase = parts.size() == 1 ? parts.front()
                                           : Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(),
                                                           parts.end(), parts.size());
  if (exact.empty()) return phrase;
  return Xapian::Query(Xapian::Query::OP_FILTER, phrase, combine(Xapian::Query::OP_AND, exact));
}

Xapian::Query filter_query(const QueryFilter& f) {
  const std::string slug = filter_slug(f.value);
  switch (f.key) {
    case FilterKey::NUMBER: {
      const auto numbers = find_doc_numbers(f.value, NumberContext::QUERY);
      if (numbers.empty()) return Xapian::Query(std::string(c::PREFIX_OWN_NUMBER));
      return Xapian::Query(prefixed(c::PREFIX_OWN_NUMBER, numbers.front().query_key()));
    }
    case FilterKey::DEPARTMENT:
      if (f.exact) return Xapian::Query(prefixed(c::PREFIX_DEPARTMENT, slug));
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(c::PREFIX_DEPARTMENT, slug));
    case FilterKey::FIELD:
      if (f.exact) return Xapian::Query(prefixed(c::PREFIX_FIELD, slug));
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(c::PREFIX_FIELD, slug));
    case FilterKey::TYPE:
      if (f.exact) return Xapian::Query(prefixed(c::PREFIX_TYPE, slug));
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(c::PREFIX_TYPE, slug));
    case FilterKey::YEAR:
      return Xapian::Query(prefixed(c::PREFIX_YEAR, slug));
    case FilterKey::STATUS: {
      if (f.exact && slug != "con" && slug != "het") {
        return Xapian::Query(prefixed(c::PREFIX_STATUS, slug));  // matches nothing
      }
      const bool expired = slug.rfind("het", 0) == 0 || slug == "expired";
      return Xapian::Query(prefixed(c::PREFIX_STATUS, expired ? "expired" : "in-force"));
    }
  }
  return Xapian::Query();
}

}  // namespace

namespace {

// One element of the query after analysis, before it becomes Xapian terms.
struct Element {
  enum Kind { SYLLABLE, PHRASE, NUMBER, OR_BREAK } kind;
  std::vector<Token> tokens;  // the syllable, the phrase, or the number's syllables
  DocNumber number;
};

// Replaces an unknown word by its Telex/VNI reading when that is known.
void decode_keystrokes(Token& t, const QueryOptions& options, BuiltQuery& out) {
  if (!options.term_exists || t.marked || options.term_exists(t.folded)) return;
  for (const std::string& candidate : decode_input_method(t.folded)) {
    const std::vector<Token> decoded = tokenize(candidate);
    if (decoded.size() == 1 && options.term_exists(decoded[0].folded)) {
      out.decoded.emplace_back(t.folded, decoded[0].exact);
      Token replacement = decoded[0];
      replacement.begin = t.begin;
      replacement.end = t.end;
      replacement.clause_start = t.clause_start;
      t = replacement;
      return;
    }
  }
}

// Pass 1: the query items as elements, excluded items as queries.
std::vector<Element> analyse(const ParsedQuery& parsed, const QueryOptions& options,
                             std::vector<Xapian::Query>& excluded, BuiltQuery& out) {
  std::vector<Element> elements;
  std::size_t budget = options.max_syllables;
  bool pending_break = true;  // a clause ends before the next item's first word
  for (const QueryItem& item : parsed.items) {
    std::vector<Token> tokens = tokenize(item.text);
    if (tokens.size() > budget) tokens.resize(budget);
    budget -= tokens.size();
    // Items were split at spaces, and the tokenizer starts each one with a
    // clause: only punctuation ends a clause between items.
    if (!tokens.empty()) {
      tokens.front().clause_start =
          pending_break ||
          has_clause_break(std::string_view(item.text).substr(0, tokens.front().begin));
      pending_break = has_clause_break(std::string_view(item.text).substr(tokens.back().end));
    } else {
      pending_break = pending_break || has_clause_break(item.text);
    }
    if (item.phrase || item.excluded) pending_break = true;
    if (item.excluded) {
      if (!tokens.empty()) excluded.push_back(phrase_query(tokens, true));
    } else if (item.phrase) {
      if (!tokens.empty()) elements.push_back({Element::PHRASE, tokens, {}});
    } else {
      const std::vector<DocNumber> numbers = find_doc_numbers(item.text, NumberContext::QUERY);
      std::size_t k = 0;
      for (const DocNumber& n : numbers) {
        Element e{Element::NUMBER, {}, n};
        for (; k < tokens.size() && tokens[k].begin < n.begin; ++k) {
          decode_keystrokes(tokens[k], options, out);
          elements.push_back({Element::SYLLABLE, {tokens[k]}, {}});
        }
        for (; k < tokens.size() && tokens[k].end <= n.end; ++k) e.tokens.push_back(tokens[k]);
        elements.push_back(std::move(e));
      }
      for (; k < tokens.size(); ++k) {
        decode_keystrokes(tokens[k], options, out);
        elements.push_back({Element::SYLLABLE, {tokens[k]}, {}});
      }
    }
    if (item.or_next) elements.push_back({Element::OR_BREAK, {}, {}});
  }
  return elements;
}

Xapian::Query status_bonus() {
  auto* source = new Xapian::ValueMapPostingSource(c::SLOT_STATUS);
  source->add_mapping("in-force", IN_FORCE_BONUS);
  return Xapian::Query(source->release());
}

}  // namespace

BuiltQuery build_query(const ParsedQuery& parsed, const QueryOptions& options) {
  BuiltQuery out;
  std::vector<Xapian::Query> excluded;
  const std::vector<Element> elements = analyse(parsed, options, excluded, out);

  // Pass 2. "a b OR c d" is (a AND b) OR (c AND d): Vietnamese words are
  // several syllables, so OR separates alternatives, not single syllables.
  struct Group {
    std::vector<Xapian::Query> required, optional;
  };
  std::vector<Group> groups(1);
  std::vector<Xapian::Query> boosts;
  std::vector<Xapian::Query> pair_boosts;  // the folded pairs, also in the first stage
  std::vector<Token> run;                  // adjacent plain syllables, for pair boosts
  std::vector<std::string> articles;       // "8" from "điều 8", waiting for a number
  const Dictionary* dict = options.dictionary;

  const auto end_run = [&] {
    for (std::size_t k = 1; k < run.size(); ++k) {
      if (run[k].clause_start) continue;
      const Token& a = run[k - 1];
      const Token& b = run[k];
      const Xapian::Query folded(prefixed(c::PREFIX_BIGRAM, a.folded + " " + b.folded));
      if (!a.marked && !b.marked) {
        pair_boosts.push_back(scaled(BIGRAM_WEIGHT, folded));
        continue;
      }
      // Typed accents: the pair as typed outranks the same pair folded (rule
      // 6: "vẫn thu" prefers "vẫn thu phí" over "văn thư"): the folded pair
      // again, in sections that hold the marked syllables' exact forms.
      std::vector<Xapian::Query> exact;
      for (const Token* t : {&a, &b}) {
        if (t->marked) exact.emplace_back(prefixed(c::PREFIX_EXACT, t->exact));
      }
      pair_boosts.push_back(scaled(BIGRAM_WEIGHT * FOLDED_PAIR_SHARE, folded));
      boosts.push_back(scaled(BIGRAM_WEIGHT, Xapian::Query(Xapian::Query::OP_FILTER, folded,
                                                           combine(Xapian::Query::OP_AND, exact))));
    }
    run.clear();
  };
  // Highlight by exact form where accents were typed, else by folded form.
  const auto highlight = [&](const Token& t) {
    out.highlight.push_back(t.marked ? t.exact : t.folded);
  };
  const auto word_boosts = [&](const Token& t) {
    if (t.marked) {
      boosts.push_back(scaled(EXACT_WEIGHT, Xapian::Query(prefixed(c::PREFIX_EXACT, t.exact))));
      boosts.push_back(
          scaled(TITLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_TITLE_EXACT, t.exact))));
    }
    boosts.push_back(scaled(TITLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_TITLE, t.folded))));
  };

  for (std::size_t i = 0; i < elements.size(); ++i) {
    const Element& e = elements[i];
    Group& group = groups.back();
    if (e.kind == Element::OR_BREAK) {
      end_run();
      articles.clear();
      groups.emplace_back();
      continue;
    }
    if (e.kind == Element::PHRASE) {
      end_run();
      group.required.push_back(phrase_query(e.tokens, true));
      for (const Token& t : e.tokens) highlight(t);
      out.syllables += e.tokens.size();
      run = e.tokens;
      end_run();
      continue;
    }
    if (e.kind == Element::NUMBER) {
      end_run();
      const std::string key = e.number.query_key();
      out.number_keys.push_back(key);
      std::vector<Xapian::Query> alternatives{
          scaled(OWN_NUMBER_WEIGHT, Xapian::Query(prefixed(c::PREFIX_OWN_NUMBER, key))),
          scaled(CITED_NUMBER_WEIGHT, Xapian::Query(prefixed(c::PREFIX_CITED_NUMBER, key)))};
      if (!e.tokens.empty()) alternatives.push_back(phrase_query(e.tokens, false));
      group.required.push_back(combine(Xapian::Query::OP_OR, alternatives));
      for (const std::string& article : articles) {
        boosts.push_back(scaled(ARTICLE_WEIGHT,
                                Xapian::Query(prefixed(c::PREFIX_ARTICLE, key + "#" + article))));
      }
      articles.clear();
      ++out.syllables;
      continue;
    }
    // A run of plain syllables from i: the longest one that spells out an
    // abbreviation's expansion becomes one unit that also matches the
    // abbreviation ("ủy ban nhân dân" finds "UBND").
    const Token& t = e.tokens[0];
    std::size_t span = 0;
    std::vector<const Abbreviation*> spelled;
    if (dict) {
      std::vector<std::string> syllables;
      for (std::size_t k = i; k < elements.size() && elements[k].kind == Element::SYLLABLE &&
                              syllables.size() < dict->longest_expansion();
           ++k) {
        syllables.push_back(elements[k].tokens[0].folded);
        if (syllables.size() < 2) continue;
        if (auto found = dict->abbreviations_of(syllables); !found.empty()) {
          span = syllables.size();
          spelled = std::move(found);
        }
      }
    }
    if (span > 0) {
      std::vector<Xapian::Query> words;
      for (std::size_t k = i; k < i + span; ++k) {
        const Token& w = elements[k].tokens[0];
        words.push_back(syllable_query(w));
        highlight(w);
        word_boosts(w);
        run.push_back(w);
      }
      std::vector<Xapian::Query> alternatives{combine(Xapian::Query::OP_AND, words)};
      for (const Abbreviation* a : spelled) {
        for (const Token& at : tokenize(a->abbreviation)) {
          alternatives.push_back(scaled(a->weight, Xapian::Query(at.folded)));
          out.highlight.push_back(at.folded);
        }
      }
      group.required.push_back(combine(Xapian::Query::OP_OR, alternatives));
      out.syllables += span;
      i += span - 1;
      continue;
    }
    if (t.folded == "dieu" && i + 1 < elements.size() &&
        elements[i + 1].kind == Element::SYLLABLE) {
      const std::string& next = elements[i + 1].tokens[0].folded;
      if (!next.empty() && next.find_first_not_of("0123456789") == std::string::npos) {
        articles.push_back(next.substr(std::min(next.find_first_not_of('0'), next.size() - 1)));
      }
    }
    // An abbreviation typed as such also finds its expansions.
    Xapian::Query match = syllable_query(t);
    if (const Abbreviation* a = dict ? dict->abbreviation(t.folded) : nullptr) {
      std::vector<Xapian::Query> alternatives{match};
      for (const std::string& expansion : a->expansions) {
        // A phrase scores the sum of its words: scale it to about one word,
        // so the abbreviation as typed ranks first.
        const std::vector<Token> words = tokenize(expansion);
        alternatives.push_back(
            scaled(a->weight / static_cast<double>(std::max<std::size_t>(1, words.size())),
                   phrase_query(words, false)));
        for (const Token& et : tokenize(expansion)) out.highlight.push_back(et.folded);
      }
      match = combine(Xapian::Query::OP_OR, alternatives);
    }
    const bool stop = dict && dict->is_stopword(t.exact, t.folded, t.marked);
    (stop ? group.optional : group.required).push_back(match);
    highlight(t);
    word_boosts(t);
    run.push_back(t);
    ++out.syllables;
  }
  end_run();

  // Required part: each group's words joined by AND (OR for natural
  // questions and relaxed queries), groups joined by OR. Stopwords are
  // optional unless a group has nothing else.
  out.question = options.relaxed || out.syllables > options.long_query_syllables;
  std::vector<Xapian::Query> alternatives;
  for (Group& group : groups) {
    if (group.required.empty()) std::swap(group.required, group.optional);
    if (group.required.empty()) continue;
    if (out.question) {
      group.required.insert(group.required.end(), group.optional.begin(), group.optional.end());
      alternatives.push_back(combine(Xapian::Query::OP_OR, group.required));
    } else {
      alternatives.push_back(combine(Xapian::Query::OP_AND, group.required));
      boosts.insert(boosts.end(), group.optional.begin(), group.optional.end());
    }
  }
  out.has_text = !alternatives.empty();
  const Xapian::Query required = combine(Xapian::Query::OP_OR, alternatives);
  Xapian::Query query = required, first_stage;
  if (out.has_text) {
    boosts.insert(boosts.end(), pair_boosts.begin(), pair_boosts.end());
    boosts.push_back(status_bonus());
    query =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, required, combine(Xapian::Query::OP_OR, boosts));
    // Pairs matter most (the weights above): the first stage keeps them and
    // drops the exact-form, title and status boosts. The same matches.
    if (out.question) {
      first_stage = pair_boosts.empty() ? required
                                        : Xapian::Query(Xapian::Query::OP_AND_MAYBE, required,
                                                        combine(Xapian::Query::OP_OR, pair_boosts));
    }
  }

  // Never copy Xapian::Query::MatchAll or MatchNothing: those statics are
  // shared between threads and Query reference counts are not atomic.
  std::vector<Xapian::Query> filters;
  for (const QueryFilter& f : parsed.filters) filters.push_back(filter_query(f));
  out.filter =
      filters.empty() ? Xapian::Query(std::string()) : combine(Xapian::Query::OP_AND, filters);
  if (!out.has_text && (!filters.empty() || !excluded.empty())) {
    query = Xapian::Query(std::string());
  }
  // Excluded words and filters apply to both stages alike.
  const auto restrict = [&](Xapian::Query q) {
    if (!excluded.empty() && !q.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
    }
    if (!filters.empty() && !q.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, out.filter);
    return q;
  };
  out.query = restrict(query);
  if (!first_stage.empty()) out.first_stage = restrict(first_stage);
  return out;
}

}  // namespace sotay
