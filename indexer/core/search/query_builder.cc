#include "query_builder.h"

#include <algorithm>

#include "doc_number.h"
#include "index_contract.h"
#include "input_method.h"
#include "query_expansion.h"
#include "relations.h"
#include "text.h"
#include "title_in_question.h"
#include "tokenizer.h"
#include "validity_query.h"

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
      if (!tokens.empty()) excluded.push_back(phrase_query(tokens, Accents::STRICT));
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

// Pass 2: the elements as Xapian queries. "a b OR c d" is (a AND b) OR
// (c AND d): Vietnamese words are several syllables, so OR separates
// alternatives, not single syllables.
class Assembler {
 public:
  Assembler(const QueryOptions& options, BuiltQuery& out)
      : dict_(options.dictionary),
        relaxed_(options.relaxed),
        title_bonus_(options.title_bonus),
        share_(options.term_share),
        long_query_syllables_(options.long_query_syllables),
        out_(out) {}

  void add(const std::vector<Element>& elements) {
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const Element& e = elements[i];
      if (e.kind == Element::OR_BREAK) {
        end_run();
        articles_.clear();
        groups_.emplace_back();
      } else if (e.kind == Element::PHRASE) {
        add_phrase(e);
      } else if (e.kind == Element::NUMBER) {
        add_number(e);
      } else if (const std::size_t span = add_spelled_out(elements, i); span > 0) {
        i += span - 1;
      } else {
        note_article(elements, i);
        add_syllable(e.tokens[0]);
      }
    }
    end_run();
  }

  // The query and the first stage, before exclusions and filters.
  std::pair<Xapian::Query, Xapian::Query> finish();

 private:
  struct Group {
    std::vector<Xapian::Query> required, optional;
  };

  void end_run();
  // Highlight by exact form where accents were typed, else by folded form.
  void highlight(const Token& t) { out_.highlight.push_back(t.marked ? t.exact : t.folded); }
  void word_boosts(const Token& t);
  void add_phrase(const Element& e);
  void add_number(const Element& e);
  // The syllables from i, when the longest run of them that spells out an
  // abbreviation's expansion, is a synonym or a number shorthand, is one
  // unit that also matches what it stands for ("ủy ban nhân dân" finds
  // "UBND", query_expansion.h); its length, else 0.
  std::size_t add_spelled_out(const std::vector<Element>& elements, std::size_t i);
  // "điều 8": article "8" waits for the number that follows.
  void note_article(const std::vector<Element>& elements, std::size_t i);
  void add_syllable(const Token& t);

  const Dictionary* dict_;
  const bool relaxed_;
  const bool title_bonus_;
  const TermShare share_;
  const std::size_t long_query_syllables_;
  BuiltQuery& out_;
  std::vector<Group> groups_ = std::vector<Group>(1);
  std::vector<Xapian::Query> boosts_;
  std::vector<Xapian::Query> pair_boosts_;  // the folded pairs, also in the first stage
  std::vector<Token> run_;                  // adjacent plain syllables, for pair boosts
  std::vector<std::string> articles_;       // "8" from "điều 8", waiting for a number
  std::vector<std::string> words_;          // every positive syllable, folded
};

void Assembler::end_run() {
  for (std::size_t k = 1; k < run_.size(); ++k) {
    if (run_[k].clause_start) continue;
    const Token& a = run_[k - 1];
    const Token& b = run_[k];
    const Xapian::Query folded = pair_query(a, b);
    if (!a.marked && !b.marked) {
      pair_boosts_.push_back(scaled(BIGRAM_WEIGHT, folded));
      continue;
    }
    // Typed accents: the pair as typed outranks the same pair folded (rule
    // 6: "vẫn thu" prefers "vẫn thu phí" over "văn thư"): the folded pair
    // again, in sections that hold the marked syllables' exact forms.
    std::vector<Xapian::Query> exact;
    for (const Token* t : {&a, &b}) {
      if (t->marked) exact.push_back(exact_query(*t));
    }
    pair_boosts_.push_back(scaled(BIGRAM_WEIGHT * FOLDED_PAIR_SHARE, folded));
    boosts_.push_back(scaled(BIGRAM_WEIGHT, Xapian::Query(Xapian::Query::OP_FILTER, folded,
                                                          combine(Xapian::Query::OP_AND, exact))));
  }
  run_.clear();
}

void Assembler::word_boosts(const Token& t) {
  if (t.marked) {
    // The spelling typed, not its variants (kí for kí, not ký): it ranks first.
    boosts_.push_back(scaled(EXACT_WEIGHT, Xapian::Query(prefixed(c::PREFIX_EXACT, t.exact))));
    boosts_.push_back(
        scaled(TITLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_TITLE_EXACT, t.exact))));
  }
  boosts_.push_back(scaled(TITLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_TITLE, t.folded))));
}

void Assembler::add_phrase(const Element& e) {
  end_run();
  groups_.back().required.push_back(phrase_query(e.tokens, Accents::STRICT));
  for (const Token& t : e.tokens) {
    highlight(t);
    words_.push_back(t.folded);
  }
  out_.syllables += e.tokens.size();
  run_ = e.tokens;
  end_run();
}

void Assembler::add_number(const Element& e) {
  end_run();
  const std::string key = e.number.query_key();
  out_.number_keys.push_back(key);
  std::vector<Xapian::Query> alternatives{
      scaled(OWN_NUMBER_WEIGHT, Xapian::Query(prefixed(c::PREFIX_OWN_NUMBER, key))),
      scaled(CITED_NUMBER_WEIGHT, Xapian::Query(prefixed(c::PREFIX_CITED_NUMBER, key)))};
  if (!e.tokens.empty()) alternatives.push_back(phrase_query(e.tokens, Accents::FOLDED));
  groups_.back().required.push_back(combine(Xapian::Query::OP_OR, alternatives));
  for (const std::string& article : articles_) {
    boosts_.push_back(
        scaled(ARTICLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_ARTICLE, key + "#" + article))));
  }
  articles_.clear();
  ++out_.syllables;
}

std::size_t Assembler::add_spelled_out(const std::vector<Element>& elements, std::size_t i) {
  if (!dict_) return 0;
  std::vector<Token> run;  // the plain syllables from i
  for (std::size_t k = i; k < elements.size() && elements[k].kind == Element::SYLLABLE &&
                          run.size() < longest_run(*dict_);
       ++k) {
    run.push_back(elements[k].tokens[0]);
  }
  Expansion x = expand(*dict_, run);
  if (x.span == 0) return 0;
  std::vector<Xapian::Query> words;
  for (std::size_t k = 0; k < x.span; ++k) {
    const Token& w = run[k];
    words.push_back(syllable_query(w));
    words_.push_back(w.folded);
    highlight(w);
    word_boosts(w);
    run_.push_back(w);
  }
  std::vector<Xapian::Query> alternatives{combine(Xapian::Query::OP_AND, words)};
  alternatives.insert(alternatives.end(), x.alternatives.begin(), x.alternatives.end());
  out_.highlight.insert(out_.highlight.end(), x.highlight.begin(), x.highlight.end());
  groups_.back().required.push_back(combine(Xapian::Query::OP_OR, alternatives));
  out_.syllables += x.span;
  return x.span;
}

void Assembler::note_article(const std::vector<Element>& elements, std::size_t i) {
  if (elements[i].tokens[0].folded != "dieu" || i + 1 >= elements.size() ||
      elements[i + 1].kind != Element::SYLLABLE) {
    return;
  }
  const std::string& next = elements[i + 1].tokens[0].folded;
  if (!next.empty() && next.find_first_not_of("0123456789") == std::string::npos) {
    articles_.push_back(next.substr(std::min(next.find_first_not_of('0'), next.size() - 1)));
  }
}

void Assembler::add_syllable(const Token& t) {
  // An abbreviation typed as such also finds its expansions.
  Xapian::Query match = syllable_query(t);
  if (const Abbreviation* a = dict_ ? dict_->abbreviation(t.folded) : nullptr) {
    std::vector<Xapian::Query> alternatives{match};
    for (const std::string& expansion : a->expansions) {
      // A phrase scores the sum of its words: scale it to about one word,
      // so the abbreviation as typed ranks first.
      const std::vector<Token> words = tokenize(expansion);
      alternatives.push_back(
          scaled(a->weight / static_cast<double>(std::max<std::size_t>(1, words.size())),
                 phrase_query(words, Accents::FOLDED)));
      for (const Token& et : tokenize(expansion)) out_.highlight.push_back(et.folded);
    }
    match = combine(Xapian::Query::OP_OR, alternatives);
  }
  const bool stop = dict_ && dict_->is_stopword(t.exact, t.folded, t.marked);
  Group& group = groups_.back();
  (stop ? group.optional : group.required).push_back(match);
  highlight(t);
  word_boosts(t);
  run_.push_back(t);
  words_.push_back(t.folded);
  ++out_.syllables;
}

std::pair<Xapian::Query, Xapian::Query> Assembler::finish() {
  // Required part: each group's words joined by AND (OR for natural
  // questions and relaxed queries), groups joined by OR. Stopwords are
  // optional unless a group has nothing else.
  out_.question = relaxed_ || out_.syllables > long_query_syllables_;
  std::vector<Xapian::Query> alternatives;
  for (Group& group : groups_) {
    if (group.required.empty()) std::swap(group.required, group.optional);
    if (group.required.empty()) continue;
    if (out_.question) {
      group.required.insert(group.required.end(), group.optional.begin(), group.optional.end());
      const std::vector<Xapian::Query> common =
          split_common(group.required, share_, COMMON_WORD_SHARE);
      boosts_.insert(boosts_.end(), common.begin(), common.end());
      alternatives.push_back(combine(Xapian::Query::OP_OR, group.required));
    } else {
      alternatives.push_back(combine(Xapian::Query::OP_AND, group.required));
      out_.required_parts.push_back(group.required);
      boosts_.insert(boosts_.end(), group.optional.begin(), group.optional.end());
    }
  }
  out_.has_text = !alternatives.empty();
  const Xapian::Query required = combine(Xapian::Query::OP_OR, alternatives);
  if (!out_.has_text) return {required, Xapian::Query()};
  boosts_.insert(boosts_.end(), pair_boosts_.begin(), pair_boosts_.end());
  boosts_.push_back(status_bonus());
  if (out_.question && title_bonus_) {
    boosts_.push_back(title_in_question(words_));  // title_in_question.h
  }
  const Xapian::Query query(Xapian::Query::OP_AND_MAYBE, required,
                            combine(Xapian::Query::OP_OR, boosts_));
  // Pairs matter most (the weights above): the first stage keeps them (the
  // rarer ones, common_words.h) and drops the common words, the exact-form,
  // title and status boosts. The same matches.
  if (!out_.question) return {query, Xapian::Query()};
  std::vector<Xapian::Query> pairs = pair_boosts_;
  split_common(pairs, share_, COMMON_PAIR_SHARE);
  return {query, pairs.empty() ? required
                               : Xapian::Query(Xapian::Query::OP_AND_MAYBE, required,
                                               combine(Xapian::Query::OP_OR, pairs))};
}

// Excluded words and filters, applied to both stages alike.
void restrict_stages(const ParsedQuery& parsed, const std::string& today,
                     const std::vector<Xapian::Query>& excluded,
                     std::pair<Xapian::Query, Xapian::Query> stages, BuiltQuery& out) {
  // Never copy Xapian::Query::MatchAll or MatchNothing: those statics are
  // shared between threads and Query reference counts are not atomic.
  std::vector<Xapian::Query> filters;
  for (const QueryFilter& f : parsed.filters) filters.push_back(filter_query(f, today));
  out.filter =
      filters.empty() ? Xapian::Query(std::string()) : combine(Xapian::Query::OP_AND, filters);
  auto& [query, first_stage] = stages;
  if (!out.has_text && (!filters.empty() || !excluded.empty())) {
    query = Xapian::Query(std::string());
  }
  const auto restrict = [&](Xapian::Query q) {
    if (!excluded.empty() && !q.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
    }
    if (!filters.empty() && !q.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, out.filter);
    return q;
  };
  out.query = restrict(query);
  if (!first_stage.empty()) out.first_stage = restrict(first_stage);
}

}  // namespace

BuiltQuery build_query(const ParsedQuery& parsed, const QueryOptions& options) {
  BuiltQuery out;
  std::vector<Xapian::Query> excluded;
  const std::vector<Element> elements = analyse(parsed, options, excluded, out);
  Assembler assembler(options, out);
  assembler.add(elements);
  restrict_stages(parsed, options.today, excluded, assembler.finish(), out);
  return out;
}

Xapian::Query filter_query(const QueryFilter& f, const std::string& today) {
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
    case FilterKey::RELATION: {  // "huong-dan:30/2020/NĐ-CP" (query_parser.h)
      const std::size_t colon = f.value.find(':');
      const RelationKind* kind =
          colon == std::string::npos ? nullptr : find_relation_kind(f.value.substr(0, colon));
      if (!kind) return Xapian::Query(prefixed(c::PREFIX_RELATION, f.value));  // matches nothing
      const std::string target(trim(std::string_view(f.value).substr(colon + 1)));
      const auto numbers = find_doc_numbers(target, NumberContext::QUERY);
      const std::string key = numbers.empty() ? target : numbers.front().query_key();
      return Xapian::Query(prefixed(c::PREFIX_RELATION, std::string(kind->slug) + ":" + key));
    }
    case FilterKey::STATUS: {
      const auto validity = validity_filter_value(slug, f.exact);
      if (!validity) return Xapian::Query(prefixed(c::PREFIX_STATUS, slug));  // matches nothing
      return validity_query(*validity, today.empty() ? today_date() : today);
    }
  }
  return Xapian::Query();
}

}  // namespace sotay
