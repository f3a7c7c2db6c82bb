// Times as the handbook writes them: UTC stamps for ids, logs and JSON, and
// Hà Nội time for people.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace sotay {

// The ways a UTC time is written; every one ends in 'Z'. The compact ones
// sort by time as strings, so ids and file names made from them do.
enum class UtcFormat {
  ISO,             // "2026-11-27T06:00:00Z": JSON records, logs
  ISO_MILLIS,      // "2026-11-27T06:00:00.123Z": access log lines
  COMPACT,         // "20261127T060000Z": file names
  COMPACT_MILLIS,  // "20261127T060000.123Z": edition ids
  ID_MILLIS,       // "20261127T060000123Z": ids of only letters and digits (submissions)
};

std::string utc_stamp(std::chrono::system_clock::time_point when, UtcFormat format);
// The time now.
std::string utc_now(UtcFormat format);

// Hà Nội time (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving time)
// as people read it: "15:23 04/12/2026".
std::string hanoi_time(std::chrono::system_clock::time_point when);
// The same for a stored ISO stamp ("2026-12-04T08:23:59Z", with or without
// milliseconds); a value that is not one is returned unchanged.
std::string hanoi_time(std::string_view iso_stamp);

}  // namespace sotay
