#include "validity_query.h"

#include "index_contract.h"

namespace sotay {

namespace c = contract;

namespace {

using Q = Xapian::Query;

Q stored(Validity v) { return Q(std::string(c::PREFIX_STATUS) + std::string(validity_code(v))); }

Q any_of(std::initializer_list<Validity> statuses) {
  std::vector<Q> terms;
  for (const Validity v : statuses) terms.push_back(stored(v));
  return Q(Q::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Q validity_query(Validity v, std::string_view today) {
  const std::string day = date_slot(today);
  // Dates are "YYYYMMDD"; "YYYYMMDD~" sorts after that day and before the next.
  const Q starts_later(Q::OP_VALUE_GE, c::SLOT_EFFECTIVE, day + "~");
  const Q has_effective(Q::OP_VALUE_GE, c::SLOT_EFFECTIVE, "0");
  const Q expired_by_date(Q::OP_VALUE_LE, c::SLOT_EXPIRES, day);
  const Q not_moved(Q::OP_OR, starts_later, expired_by_date);
  switch (v) {
    case Validity::SUSPENDED:
      return stored(Validity::SUSPENDED);
    case Validity::EXPIRED:
      return Q(Q::OP_OR, stored(Validity::EXPIRED),
               Q(Q::OP_AND_NOT, expired_by_date, stored(Validity::SUSPENDED)));
    case Validity::NOT_YET_IN_FORCE: {
      const Q open =
          any_of({Validity::IN_FORCE, Validity::PARTLY_EXPIRED, Validity::NOT_YET_IN_FORCE});
      const Q later(Q::OP_FILTER, open, starts_later);
      const Q undated(Q::OP_AND_NOT, stored(Validity::NOT_YET_IN_FORCE), has_effective);
      return Q(Q::OP_AND_NOT, Q(Q::OP_OR, later, undated), expired_by_date);
    }
    case Validity::IN_FORCE: {
      const Q come(Q::OP_FILTER, stored(Validity::NOT_YET_IN_FORCE), has_effective);
      return Q(Q::OP_AND_NOT, Q(Q::OP_OR, stored(Validity::IN_FORCE), come), not_moved);
    }
    case Validity::PARTLY_EXPIRED:
      return Q(Q::OP_AND_NOT, stored(Validity::PARTLY_EXPIRED), not_moved);
  }
  return Q();
}

std::optional<Validity> validity_filter_value(std::string_view slug, bool exact) {
  if (const auto v = validity_from_code(slug)) return v;
  if (const auto v = parse_validity(slug)) return v;
  if (exact) return std::nullopt;
  // A start typed in the search box: "het…", "chua…", "ngung…", "mot…".
  const auto starts = [&](std::string_view p) { return slug.substr(0, p.size()) == p; };
  if (starts("het")) return Validity::EXPIRED;
  if (starts("chua")) return Validity::NOT_YET_IN_FORCE;
  if (starts("ngung") || starts("tam-ngung")) return Validity::SUSPENDED;
  if (starts("mot")) return Validity::PARTLY_EXPIRED;
  return Validity::IN_FORCE;
}

}  // namespace sotay
