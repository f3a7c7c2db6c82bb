#include "auth_throttle.h"

#include <algorithm>

namespace sotay {

namespace {

void forget(std::deque<AuthThrottle::Clock::time_point>& wrong,
            AuthThrottle::Clock::time_point at) {
  const auto it = std::find(wrong.begin(), wrong.end(), at);
  if (it != wrong.end()) wrong.erase(it);
}

}  // namespace

std::optional<AuthThrottle::Refusal> AuthThrottle::attempt(const std::string& address,
                                                           const std::string& id,
                                                           Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Window& by_address = window(addresses_, address, now);
  if (by_address.wrong.size() >= limits_.per_address) {
    return Refusal{true, retry_after(by_address, now)};
  }
  Window& by_id = window(ids_, id, now);
  const bool locked = by_id.wrong.size() >= limits_.per_id;
  if (locked && !known(id, address) && !by_address.wrong.empty()) {
    return Refusal{false, retry_after(by_id, now)};
  }
  by_address.wrong.push_back(now);
  by_id.wrong.push_back(now);
  return std::nullopt;
}

void AuthThrottle::succeeded(const std::string& address, const std::string& id,
                             Clock::time_point at) {
  std::lock_guard lock(mutex_);
  if (const auto it = addresses_.find(address); it != addresses_.end())
    forget(it->second.wrong, at);
  if (const auto it = ids_.find(id); it != ids_.end()) forget(it->second.wrong, at);
  if (known_.size() >= limits_.max_tracked && !known_.count(id)) known_.erase(known_.begin());
  std::deque<std::string>& own = known_[id];
  const auto it = std::find(own.begin(), own.end(), address);
  if (it != own.end()) own.erase(it);
  own.push_back(address);
  while (own.size() > limits_.known_per_id) own.pop_front();
}

AuthThrottle::Window& AuthThrottle::window(Windows& windows, const std::string& key,
                                           Clock::time_point now) {
  auto it = windows.find(key);
  if (it == windows.end()) {
    if (windows.size() >= limits_.max_tracked) make_room(windows, now);
    it = windows.emplace(key, Window{}).first;
  }
  Window& w = it->second;
  while (!w.wrong.empty() && now - w.wrong.front() >= limits_.window) w.wrong.pop_front();
  w.last_seen = now;
  return w;
}

void AuthThrottle::make_room(Windows& windows, Clock::time_point now) {
  for (auto it = windows.begin(); it != windows.end();) {
    const auto& wrong = it->second.wrong;
    const bool expired = wrong.empty() || now - wrong.back() >= limits_.window;
    it = expired ? windows.erase(it) : std::next(it);
  }
  if (windows.size() < limits_.max_tracked) return;
  const auto oldest = std::min_element(
      windows.begin(), windows.end(),
      [](const auto& a, const auto& b) { return a.second.last_seen < b.second.last_seen; });
  windows.erase(oldest);
}

std::chrono::seconds AuthThrottle::retry_after(const Window& w, Clock::time_point now) const {
  const auto left = limits_.window - (now - w.wrong.front());
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
}

bool AuthThrottle::known(const std::string& id, const std::string& address) const {
  const auto it = known_.find(id);
  return it != known_.end() &&
         std::find(it->second.begin(), it->second.end(), address) != it->second.end();
}

std::size_t AuthThrottle::tracked_addresses() const {
  std::lock_guard lock(mutex_);
  return addresses_.size();
}

std::size_t AuthThrottle::tracked_ids() const {
  std::lock_guard lock(mutex_);
  return ids_.size();
}

}  // namespace sotay
