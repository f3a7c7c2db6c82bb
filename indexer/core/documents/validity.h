// Validity over time: whether a document is in force on a given day.
//
// The statuses are those of the national legal documents database
// (vbpl.vn). Front matter `status` records what a person decided; the dates
// `effective` and `expires` and a replacement (`superseded_by`) decide the
// rest on the day asked, so a document whose `effective` date is in the
// future becomes in force on that day without a rebuild: pages and search
// filters compute the status at request time from the stored dates and
// today's Hà Nội date.
//
//   code (stored)       slug (URL)  shown
//   in-force            con         Còn hiệu lực
//   not-yet-in-force    chua        Chưa có hiệu lực
//   expired             het         Hết hiệu lực toàn bộ
//   partly-expired      mot-phan    Hết hiệu lực một phần (front matter
//                                   `expired_articles` names the articles)
//   suspended           ngung       Ngưng hiệu lực
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "document.h"

namespace sotay {

enum class Validity { IN_FORCE, NOT_YET_IN_FORCE, EXPIRED, PARTLY_EXPIRED, SUSPENDED };

inline constexpr std::size_t VALIDITY_COUNT = 5;

// "in-force", "not-yet-in-force", "expired", "partly-expired", "suspended".
std::string_view validity_code(Validity v);
// "con", "chua", "het", "mot-phan", "ngung": the value of `hieu-luc:`.
std::string_view validity_slug(Validity v);
// "Còn hiệu lực", "Chưa có hiệu lực", "Hết hiệu lực toàn bộ", …
std::string_view validity_label(Validity v);

// The status a front matter `status` value means: the codes above, the
// Vietnamese names with or without accents ("còn hiệu lực", "het hieu luc
// mot phan"), "hết hiệu lực" (= toàn bộ) and the slugs; nullopt otherwise.
std::optional<Validity> parse_validity(std::string_view written);
// The status of a stored code or URL slug ("in-force", "con", "het",
// "expired", …); nullopt otherwise.
std::optional<Validity> validity_from_code(std::string_view code);

// The status stored in the index for `meta` (what does not depend on the
// day): its `status`, except that a replaced document without an `expires`
// date is expired.
Validity stored_validity(const FrontMatter& meta);

// The dates that move a status, ISO "YYYY-MM-DD" or "".
struct ValidityDates {
  std::string effective;  // in force from this day
  std::string expires;    // no longer in force from this day ("hết hiệu lực từ")
};

// The status on `today` (ISO "YYYY-MM-DD") of a document whose stored
// status is `stored`: suspended and expired stay so; from `expires` on it is
// expired; before `effective` it is not yet in force; else as stored.
Validity validity_on(Validity stored, const ValidityDates& dates, std::string_view today);

// Today in Hà Nội (Asia/Ho_Chi_Minh, UTC+7), "YYYY-MM-DD".
std::string hanoi_date(std::chrono::system_clock::time_point when);

// The day pages and filters use: `fixed` when it is a date (the server's
// --today, for tests), else SOTAY_TODAY when it is a date (for tests), else
// hanoi_date(now).
std::string today_date(std::string_view fixed = {});

// The messages of front matter checks (front_matter.cc): an unknown
// `status` value, and `expires` not after `effective`; each says what to write.
std::string unknown_status_message(std::string_view written);
std::string expires_before_effective_message(std::string_view expires, std::string_view effective);

// "05/03/2020" from "2020-03-05" (unchanged when not an ISO date).
std::string vietnamese_date(std::string_view iso);

}  // namespace sotay
