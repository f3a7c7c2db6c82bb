#include "validity.h"

#include <array>
#include <cstdio>
#include <cstdlib>

#include "slug.h"

namespace sotay {

namespace {

struct ValidityName {
  Validity validity;
  std::string_view code, slug, label;
};

constexpr std::array<ValidityName, VALIDITY_COUNT> NAMES = {{
    {Validity::IN_FORCE, "in-force", "con", "Còn hiệu lực"},
    {Validity::NOT_YET_IN_FORCE, "not-yet-in-force", "chua", "Chưa có hiệu lực"},
    {Validity::EXPIRED, "expired", "het", "Hết hiệu lực toàn bộ"},
    {Validity::PARTLY_EXPIRED, "partly-expired", "mot-phan", "Hết hiệu lực một phần"},
    {Validity::SUSPENDED, "suspended", "ngung", "Ngưng hiệu lực"},
}};

const ValidityName& name_of(Validity v) { return NAMES[static_cast<std::size_t>(v)]; }

// A real calendar date written "YYYY-MM-DD" (front_matter.h is_iso_date()
// checks content; this file sits below it).
bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      parts[k] = parts[k] * 10 + (s[i] - '0');
    }
  }
  using namespace std::chrono;
  return year_month_day{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                        day{static_cast<unsigned>(parts[2])}}
      .ok();
}

}  // namespace

std::string_view validity_code(Validity v) { return name_of(v).code; }
std::string_view validity_slug(Validity v) { return name_of(v).slug; }
std::string_view validity_label(Validity v) { return name_of(v).label; }

std::optional<Validity> validity_from_code(std::string_view code) {
  for (const ValidityName& n : NAMES) {
    if (n.code == code || n.slug == code) return n.validity;
  }
  return std::nullopt;
}

std::optional<Validity> parse_validity(std::string_view written) {
  if (auto v = validity_from_code(written)) return v;
  // Folded: "Hết hiệu lực một phần" -> "het-hieu-luc-mot-phan".
  const std::string folded = slugify(written);
  struct Spelling {
    std::string_view folded;
    Validity validity;
  };
  static constexpr std::array<Spelling, 8> SPELLINGS = {{
      {"con-hieu-luc", Validity::IN_FORCE},
      {"chua-co-hieu-luc", Validity::NOT_YET_IN_FORCE},
      {"het-hieu-luc", Validity::EXPIRED},
      {"het-hieu-luc-toan-bo", Validity::EXPIRED},
      {"het-hieu-luc-mot-phan", Validity::PARTLY_EXPIRED},
      {"ngung-hieu-luc", Validity::SUSPENDED},
      {"ngung-hieu-luc-toan-bo", Validity::SUSPENDED},
      {"tam-ngung-hieu-luc", Validity::SUSPENDED},
  }};
  for (const Spelling& s : SPELLINGS) {
    if (s.folded == folded) return s.validity;
  }
  return std::nullopt;
}

Validity stored_validity(const FrontMatter& meta) {
  const Validity v = validity_from_code(meta.status).value_or(Validity::IN_FORCE);
  if (!meta.superseded_by.empty() && meta.expires.empty() &&
      (v == Validity::IN_FORCE || v == Validity::PARTLY_EXPIRED)) {
    return Validity::EXPIRED;
  }
  return v;
}

Validity validity_on(Validity stored, const ValidityDates& dates, std::string_view today) {
  if (stored == Validity::SUSPENDED || stored == Validity::EXPIRED) return stored;
  // ISO dates compare as strings.
  if (!dates.expires.empty() && dates.expires <= today) return Validity::EXPIRED;
  if (!dates.effective.empty() && dates.effective > today) return Validity::NOT_YET_IN_FORCE;
  if (stored == Validity::NOT_YET_IN_FORCE && !dates.effective.empty()) {
    return Validity::IN_FORCE;  // "chưa có hiệu lực" written, and the day has come
  }
  return stored;
}

std::string hanoi_date(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const year_month_day day{floor<days>(when + hours(7))};
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return out;
}

std::string today_date(std::string_view fixed) {
  if (is_date(fixed)) return std::string(fixed);
  if (const char* env = std::getenv("SOTAY_TODAY"); env != nullptr && is_date(env)) {
    return env;
  }
  return hanoi_date(std::chrono::system_clock::now());
}

std::string unknown_status_message(std::string_view written) {
  return "trường \"status\" không nhận giá trị \"" + std::string(written) +
         "\": hãy ghi một trong các tình trạng \"còn hiệu lực\", \"chưa có hiệu lực\", "
         "\"hết hiệu lực toàn bộ\", \"hết hiệu lực một phần\", \"ngưng hiệu lực\" (hoặc "
         "\"in-force\", \"expired\" như trước)";
}

std::string expires_before_effective_message(std::string_view expires, std::string_view effective) {
  return "trường \"expires\": ngày hết hiệu lực " + vietnamese_date(expires) +
         " không sau ngày có hiệu lực " + vietnamese_date(effective) +
         " (trường \"effective\"); hãy kiểm tra lại hai ngày này — ngày hết hiệu lực phải "
         "sau ngày có hiệu lực";
}

std::string vietnamese_date(std::string_view iso) {
  if (!is_date(iso)) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

}  // namespace sotay
