// Throttling wrong access tokens (docs/submissions.md, "Wrong tokens").
//
// Every way in with a token (the /bien-tap sign-in, the /nop form, the
// submission API) asks the throttle before the token is hashed: an Argon2id
// verification costs 64 MiB and a tenth of a second, so refusing comes
// first. An attempt counts as wrong until it is reported right. Wrong
// attempts are counted in a sliding window:
//   - per client address: past `per_address` the address is refused whatever
//     token id it tries, so changing the id does not help a guesser;
//   - per token id (its public first 8 characters), from all addresses
//     together: past `per_id` the id is locked, which slows guessing from
//     many addresses. A lock must not let a stranger shut the owner out, so
//     it does not apply to an address where the token was used rightly
//     before, and a fresh address (no wrong attempt in the window) still gets
//     one try.
// Memory is bounded: at most `max_tracked` addresses and ids each; when
// full, expired ones go first, then the least recently seen.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace sotay {

struct ThrottleLimits {
  std::size_t per_address = 10;  // wrong attempts per address in a window
  std::size_t per_id = 30;       // wrong attempts per token id in a window
  std::chrono::seconds window{60};
  std::size_t max_tracked = 10000;  // addresses, and ids, remembered at once
  std::size_t known_per_id = 8;     // addresses remembered per token used rightly
};

class AuthThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit AuthThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  struct Refusal {
    bool by_address = false;  // else the id is locked
    std::chrono::seconds retry_after{0};
  };
  // Whether `address` may try a token whose id is `id`. When it may, the
  // attempt is counted as wrong until succeeded() says otherwise.
  std::optional<Refusal> attempt(const std::string& address, const std::string& id,
                                 Clock::time_point now = Clock::now());
  // The attempt of `address` with `id` at `at` was right: it no longer
  // counts, and the address is remembered as one of the token's own.
  void succeeded(const std::string& address, const std::string& id, Clock::time_point at);

  // Addresses and ids tracked now (tests, /metrics).
  std::size_t tracked_addresses() const;
  std::size_t tracked_ids() const;

 private:
  struct Window {
    std::deque<Clock::time_point> wrong;  // oldest first
    Clock::time_point last_seen;
  };
  using Windows = std::unordered_map<std::string, Window>;

  // The window of `key` in `windows`, expired entries dropped; created
  // (making room when full) when absent.
  Window& window(Windows& windows, const std::string& key, Clock::time_point now);
  void make_room(Windows& windows, Clock::time_point now);
  std::chrono::seconds retry_after(const Window& w, Clock::time_point now) const;
  bool known(const std::string& id, const std::string& address) const;

  ThrottleLimits limits_;
  mutable std::mutex mutex_;
  Windows addresses_, ids_;
  std::unordered_map<std::string, std::deque<std::string>> known_;  // id -> addresses
};

}  // namespace sotay
