// The base helpers every library shares: UTC and Hà Nội times, JSON fields,
// file locks.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "files.h"
#include "json_util.h"
#include "test_support.h"
#include "utc_time.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using std::chrono::system_clock;

namespace {

system_clock::time_point utc(int y, unsigned m, unsigned d, int h, int min, int s, int ms) {
  const std::chrono::sys_days day =
      std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
  return system_clock::time_point(day) + std::chrono::hours(h) + std::chrono::minutes(min) +
         std::chrono::seconds(s) + std::chrono::milliseconds(ms);
}

}  // namespace

TEST_CASE("utc_stamp: each named format") {
  const auto t = utc(2026, 11, 27, 6, 5, 4, 123);
  struct Row {
    UtcFormat format;
    const char* expected;
  };
  for (const Row& row : {Row{UtcFormat::ISO, "2026-11-27T06:05:04Z"},
                         Row{UtcFormat::ISO_MILLIS, "2026-11-27T06:05:04.123Z"},
                         Row{UtcFormat::COMPACT, "20261127T060504Z"},
                         Row{UtcFormat::COMPACT_MILLIS, "20261127T060504.123Z"},
                         Row{UtcFormat::ID_MILLIS, "20261127T060504123Z"}}) {
    CAPTURE(row.expected);
    CHECK(utc_stamp(t, row.format) == row.expected);
  }
  // Milliseconds are padded, and never rounded up into the next second.
  CHECK(utc_stamp(utc(2026, 1, 2, 3, 4, 5, 7), UtcFormat::COMPACT_MILLIS) ==
        "20260102T030405.007Z");
  CHECK(utc_stamp(utc(2026, 1, 2, 3, 4, 5, 999), UtcFormat::ISO_MILLIS) ==
        "2026-01-02T03:04:05.999Z");
  // Compact stamps sort by time as strings.
  CHECK(utc_stamp(utc(2026, 1, 2, 3, 4, 5, 999), UtcFormat::COMPACT_MILLIS) <
        utc_stamp(utc(2026, 1, 2, 3, 4, 6, 0), UtcFormat::COMPACT_MILLIS));
}

TEST_CASE("utc_now is the time now") {
  const std::string before = utc_stamp(system_clock::now(), UtcFormat::COMPACT_MILLIS);
  const std::string now = utc_now(UtcFormat::COMPACT_MILLIS);
  const std::string after = utc_stamp(system_clock::now(), UtcFormat::COMPACT_MILLIS);
  CHECK(before <= now);
  CHECK(now <= after);
}

TEST_CASE("hanoi_time of a stored ISO stamp, anything else unchanged") {
  CHECK(hanoi_time(std::string_view("2026-12-04T08:23:59Z")) == "15:23 04/12/2026");
  CHECK(hanoi_time(std::string_view("2026-12-31T17:30:00.123Z")) == "00:30 01/01/2027");
  CHECK(hanoi_time(std::string_view("2026-12-04 08:23")) == "2026-12-04 08:23");
  CHECK(hanoi_time(std::string_view("2026-13-04T08:23:59Z")) == "2026-13-04T08:23:59Z");
  CHECK(hanoi_time(std::string_view("2026-12-04T08:23:59+07:00")) == "2026-12-04T08:23:59+07:00");
  CHECK(hanoi_time(std::string_view("")).empty());
}

TEST_CASE("hanoi_time: UTC+7 all year, as people read it") {
  CHECK(hanoi_time(utc(2026, 12, 4, 8, 23, 59, 999)) == "15:23 04/12/2026");
  // Summer: no daylight saving time.
  CHECK(hanoi_time(utc(2026, 7, 1, 0, 0, 0, 0)) == "07:00 01/07/2026");
  // The evening in UTC is the next day, or year, in Hà Nội.
  CHECK(hanoi_time(utc(2026, 12, 31, 17, 30, 0, 0)) == "00:30 01/01/2027");
  CHECK(hanoi_time(utc(2026, 12, 31, 16, 59, 0, 0)) == "23:59 31/12/2026");
}

TEST_CASE("json_string: the string at key, or empty") {
  const nlohmann::json j = {{"title", "Thủ tục"}, {"count", 3}, {"none", nullptr}};
  CHECK(json_string(j, "title") == "Thủ tục");
  CHECK(json_string(j, "count").empty());
  CHECK(json_string(j, "none").empty());
  CHECK(json_string(j, "missing").empty());
  CHECK(json_string(nlohmann::json::array({"title"}), "title").empty());
  CHECK(json_string(nlohmann::json("title"), "title").empty());
  CHECK(json_string(nlohmann::json::parse("{oops", nullptr, false), "title").empty());
}

TEST_CASE("FileLock: one holder at a time, released when destroyed") {
  TempDir tmp;
  const fs::path file = tmp.path() / "a/b/.lock";  // parent directories are created
  {
    std::optional<FileLock> first = FileLock::try_lock(file, 0600);
    REQUIRE(first);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(FileLock::try_lock(file));
    // Moving keeps the lock held.
    FileLock moved = std::move(*first);
    first.reset();
    CHECK_FALSE(FileLock::try_lock(file));
  }
  CHECK(FileLock::try_lock(file));
}

TEST_CASE("FileLock::wait waits for the holder") {
  TempDir tmp;
  const fs::path file = tmp.path() / ".lock";
  std::optional<FileLock> held = FileLock::wait(file);
  std::atomic<bool> acquired{false};
  std::promise<void> done;
  std::thread waiter([&] {
    const FileLock lock = FileLock::wait(file);
    acquired = true;
    done.get_future().wait();  // hold it until the test has looked
  });
  CHECK_FALSE(acquired.load());
  held.reset();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!acquired.load() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  CHECK(acquired.load());
  CHECK_FALSE(FileLock::try_lock(file));  // the waiter holds it now
  done.set_value();
  waiter.join();
  CHECK(FileLock::try_lock(file));
}

TEST_CASE("FileLock: a lock file that cannot be opened throws, naming it") {
  TempDir tmp;
  write_file(tmp.path() / "file", "x");
  const std::string blocker = (tmp.path() / "file").string();
  CHECK_THROWS_WITH_AS(FileLock::try_lock(tmp.path() / "file/.lock"),
                       doctest::Contains(blocker.c_str()), std::exception);
}
