#include "query_builder.h"

#include <algorithm>

#include "doc_number.h"
#include "index_contract.h"
#include "term_indexer.h"
#include "text.h"
#include "tokenizer.h"

namespace sotay {

namespace c = contract;

namespace {

// Weights of the score-only parts, relative to BM25 on folded syllables.
constexpr double EXACT_WEIGHT = 1.0;
constexpr double BIGRAM_WEIGHT = 1.0;
constexpr double TITLE_WEIGHT = 0.5;
constexpr double OWN_NUMBER_WEIGHT = 10.0;
constexpr double CITED_NUMBER_WEIGHT = 2.0;

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

// Phrase on folded forms, or exact forms where accents were typed.
Xapian::Query phrase_query(const std::vector<Token>& tokens, bool strict_accents) {
  std::vector<Xapian::Query> parts;
  for (const Token& t : tokens) {
    parts.emplace_back(strict_accents && t.marked ? prefixed(c::PREFIX_EXACT, t.exact) : t.folded);
  }
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
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
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(c::PREFIX_DEPARTMENT, slug));
    case FilterKey::FIELD:
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(c::PREFIX_FIELD, slug));
    case FilterKey::TYPE:
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(c::PREFIX_TYPE, slug));
    case FilterKey::YEAR:
      return Xapian::Query(prefixed(c::PREFIX_YEAR, slug));
    case FilterKey::STATUS: {
      const bool expired = slug.rfind("het", 0) == 0 || slug == "expired";
      return Xapian::Query(prefixed(c::PREFIX_STATUS, expired ? "expired" : "in-force"));
    }
  }
  return Xapian::Query();
}

}  // namespace

BuiltQuery build_query(const ParsedQuery& parsed, const QueryOptions& options) {
  BuiltQuery out;
  // "a b OR c d" is (a AND b) OR (c AND d): Vietnamese words are several
  // syllables, so OR separates alternatives, not single syllables.
  std::vector<std::vector<Xapian::Query>> groups(1);
  std::vector<Xapian::Query> excluded;
  std::vector<Xapian::Query> boosts;
  std::vector<Token> run;  // adjacent positive plain syllables, for pair boosts
  std::size_t budget = options.max_syllables;

  const auto end_run = [&] {
    for (std::size_t k = 1; k < run.size(); ++k) {
      if (run[k].clause_start) continue;
      boosts.push_back(scaled(
          BIGRAM_WEIGHT,
          Xapian::Query(prefixed(c::PREFIX_BIGRAM, run[k - 1].folded + " " + run[k].folded))));
    }
    run.clear();
  };
  // Highlight by exact form where accents were typed, else by folded form.
  const auto highlight = [&](const Token& t) {
    out.highlight.push_back(t.marked ? t.exact : t.folded);
  };

  for (const QueryItem& item : parsed.items) {
    std::vector<Token> tokens = tokenize(item.text);
    if (tokens.size() > budget) tokens.resize(budget);
    budget -= tokens.size();
    if (item.excluded) {
      if (!tokens.empty()) excluded.push_back(phrase_query(tokens, true));
      continue;
    }
    if (item.phrase) {
      end_run();
      if (!tokens.empty()) {
        groups.back().push_back(phrase_query(tokens, true));
        for (const Token& t : tokens) highlight(t);
        out.syllables += tokens.size();
        run = tokens;
        end_run();
      }
    } else {
      // Syllables inside a recognised number belong to the number.
      const std::vector<DocNumber> numbers = find_doc_numbers(item.text, NumberContext::QUERY);
      for (const DocNumber& n : numbers) {
        std::vector<Token> inside;
        for (const Token& t : tokens) {
          if (t.begin >= n.begin && t.end <= n.end) inside.push_back(t);
        }
        const std::string key = n.query_key();
        out.number_keys.push_back(key);
        std::vector<Xapian::Query> alternatives{
            scaled(OWN_NUMBER_WEIGHT, Xapian::Query(prefixed(c::PREFIX_OWN_NUMBER, key))),
            scaled(CITED_NUMBER_WEIGHT, Xapian::Query(prefixed(c::PREFIX_CITED_NUMBER, key)))};
        if (!inside.empty()) alternatives.push_back(phrase_query(inside, false));
        groups.back().push_back(combine(Xapian::Query::OP_OR, alternatives));
        ++out.syllables;
      }
      for (const Token& t : tokens) {
        const bool in_number = std::any_of(numbers.begin(), numbers.end(), [&](const DocNumber& n) {
          return t.begin >= n.begin && t.end <= n.end;
        });
        if (in_number) {
          end_run();
          continue;
        }
        groups.back().push_back(syllable_query(t));
        highlight(t);
        ++out.syllables;
        if (t.marked) {
          boosts.push_back(scaled(EXACT_WEIGHT, Xapian::Query(prefixed(c::PREFIX_EXACT, t.exact))));
          boosts.push_back(
              scaled(TITLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_TITLE_EXACT, t.exact))));
        }
        boosts.push_back(scaled(TITLE_WEIGHT, Xapian::Query(prefixed(c::PREFIX_TITLE, t.folded))));
        run.push_back(t);
      }
    }
    if (item.or_next) {
      end_run();
      groups.emplace_back();
    }
  }
  end_run();

  // Required part: each group's units joined by AND (OR for natural
  // questions), groups joined by OR.
  const bool question = out.syllables > options.long_query_syllables;
  std::vector<Xapian::Query> alternatives;
  for (const auto& group : groups) {
    if (!group.empty()) {
      alternatives.push_back(
          combine(question ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, group));
    }
  }
  out.has_text = !alternatives.empty();
  Xapian::Query query = combine(Xapian::Query::OP_OR, alternatives);
  if (!boosts.empty() && out.has_text) {
    query =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, combine(Xapian::Query::OP_OR, boosts));
  }

  // Never copy Xapian::Query::MatchAll or MatchNothing: those statics are
  // shared between threads and Query reference counts are not atomic.
  std::vector<Xapian::Query> filters;
  for (const QueryFilter& f : parsed.filters) filters.push_back(filter_query(f));
  out.filter =
      filters.empty() ? Xapian::Query(std::string()) : combine(Xapian::Query::OP_AND, filters);
  if (!out.has_text && (!filters.empty() || !excluded.empty()))
    query = Xapian::Query(std::string());
  if (!excluded.empty() && !query.empty()) {
    query =
        Xapian::Query(Xapian::Query::OP_AND_NOT, query, combine(Xapian::Query::OP_OR, excluded));
  }
  if (!filters.empty() && !query.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, out.filter);
  }
  out.query = query;
  return out;
}

}  // namespace sotay
