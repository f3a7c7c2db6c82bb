// The search filter `hieu-luc:` as a query on the day asked: the stored
// status terms (XSTAT) with value ranges over SLOT_EFFECTIVE and
// SLOT_EXPIRES against that day, so the filter follows the dates without a
// rebuild (validity.h has the rule it mirrors: validity_on()).
#pragma once

#include <string_view>

#include <xapian.h>

#include "validity.h"

namespace sotay {

// The sections whose document has status `v` on `today` ("YYYY-MM-DD").
Xapian::Query validity_query(Validity v, std::string_view today);

// The status a typed `hieu-luc:` value asks for: a slug or code ("con",
// "het", "chua", "mot-phan", "ngung", "in-force", "expired"); unless
// `exact`, also a start of one ("het-hieu-luc" is expired). nullopt when
// none: the filter matches nothing.
std::optional<Validity> validity_filter_value(std::string_view slug, bool exact);

}  // namespace sotay
