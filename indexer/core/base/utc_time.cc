#include "utc_time.h"

#include <cstdio>
#include <ctime>

namespace sotay {

namespace {

using std::chrono::system_clock;

// Vietnam has kept UTC+7 without daylight saving time since 1975.
constexpr std::chrono::hours HANOI_OFFSET{7};

struct Broken {
  std::tm tm{};
  int millis = 0;
};

// `when` broken down in UTC, milliseconds apart (floored, also before 1970).
Broken broken_down(system_clock::time_point when) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(when);
  const std::time_t t = system_clock::to_time_t(secs);
  Broken b;
  gmtime_r(&t, &b.tm);
  b.millis =
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(when - secs).count());
  return b;
}

}  // namespace

std::string utc_stamp(system_clock::time_point when, UtcFormat format) {
  const Broken b = broken_down(when);
  const std::tm& t = b.tm;
  const bool iso = format == UtcFormat::ISO || format == UtcFormat::ISO_MILLIS;
  char buf[96];  // room for any int, so -Wformat-truncation has nothing to say
  if (iso) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", t.tm_year + 1900, t.tm_mon + 1,
                  t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  } else {
    std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", t.tm_year + 1900, t.tm_mon + 1,
                  t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  }
  std::string out = buf;
  if (format == UtcFormat::ISO_MILLIS || format == UtcFormat::COMPACT_MILLIS) out += '.';
  if (format != UtcFormat::ISO && format != UtcFormat::COMPACT) {
    std::snprintf(buf, sizeof buf, "%03d", b.millis);
    out += buf;
  }
  return out + 'Z';
}

std::string hanoi_time(system_clock::time_point when) {
  const std::tm t = broken_down(when + HANOI_OFFSET).tm;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02d:%02d %02d/%02d/%04d", t.tm_hour, t.tm_min, t.tm_mday,
                t.tm_mon + 1, t.tm_year + 1900);
  return buf;
}

std::string hanoi_time(std::string_view iso_stamp) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, used = 0;
  const std::string text(iso_stamp);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) !=
          6 ||
      used != 19 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) {
    return text;
  }
  const std::string_view rest = iso_stamp.substr(19);
  const bool millis = rest.size() == 5 && rest[0] == '.';
  if (rest != "Z" && !millis) return text;
  std::tm t{};
  t.tm_year = y - 1900;
  t.tm_mon = mo - 1;
  t.tm_mday = d;
  t.tm_hour = h;
  t.tm_min = mi;
  t.tm_sec = sec;
  return hanoi_time(system_clock::from_time_t(timegm(&t)));
}

std::string utc_now(UtcFormat format) { return utc_stamp(system_clock::now(), format); }

}  // namespace sotay
