#include "session.h"
#include "hash.h"

#include <sodium.h>

namespace sotay {

std::string SessionStore::create(const Principal& who) {
  Session s{who, random_hex(32), std::chrono::steady_clock::now() + lifetime_, std::nullopt};
  std::string id = random_hex(32);
  std::lock_guard lock(mutex_);
  // Drop expired sessions now and then (here: on every sign-in).
  const auto now = std::chrono::steady_clock::now();
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.expires < now ? sessions_.erase(it) : std::next(it);
  }
  sessions_.emplace(id, std::move(s));
  return id;
}

std::optional<Session> SessionStore::find(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires < std::chrono::steady_clock::now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionStore::remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

void SessionStore::set_flash(std::string_view id, Flash flash) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it != sessions_.end()) it->second.flash = std::move(flash);
}

std::optional<Flash> SessionStore::take_flash(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || !it->second.flash) return std::nullopt;
  std::optional<Flash> out = std::move(it->second.flash);
  it->second.flash.reset();
  return out;
}

bool RateLimiter::allow(const std::string& key) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto& times = events_[key];
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (times.size() >= limit_) return false;
  times.push_back(now);
  return true;
}

bool same_secret(std::string_view a, std::string_view b) {
  init_sodium();
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sotay
