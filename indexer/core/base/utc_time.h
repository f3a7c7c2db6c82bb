// Times as the handbook writes them: UTC stamps for ids, logs and JSON.
#pragma once

#include <chrono>
#include <string>

namespace sotay {

// "20261127T060000.123Z" (compact, sorts by time) or "2026-11-27T06:00:00Z".
std::string utc_stamp(std::chrono::system_clock::time_point when, bool compact);

}  // namespace sotay
