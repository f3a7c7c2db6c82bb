// Editor sessions, CSRF tokens and per-token rate limits for the submission
// pages (docs/submissions.md).
//
// /bien-tap: an editor signs in once with their token; the server keeps a
// random session id -> (editor, CSRF token) map in memory and sets the id in
// an HttpOnly, SameSite=Strict cookie (Secure when --secure-cookies). Every
// form carries the session's CSRF token in a hidden field and a POST without
// it is refused. /nop keeps department clerks' sessions in a store of its
// own (cookie scoped to /nop). Sign-in forms, before a session exists, get a
// double-submit CSRF token (a SameSite=Strict cookie and the same value in a
// hidden field).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth.h"

namespace sotay {

// A message for the editor's next page: set by a POST (approve, reject),
// shown once by the page it redirects to. Kept in the session on the
// server, never taken from the URL, so nobody can craft a link that shows
// a message the server did not say.
struct Flash {
  bool error = false;   // something went wrong (red) or done (green)
  std::string message;  // "Đã duyệt và xuất bản:"
  std::string title;    // the document's title
  std::string link;     // "/doc/<id>" for the title, or ""
  std::string detail;   // the reason of a rejection, a build error, ...
};

struct Session {
  Principal editor;
  std::string csrf;
  std::chrono::steady_clock::time_point expires;
  std::optional<Flash> flash;
};

class SessionStore {
 public:
  explicit SessionStore(std::chrono::minutes lifetime = std::chrono::minutes(480))
      : lifetime_(lifetime) {}
  // A new session for `who`; returns its id.
  std::string create(const Principal& who);
  std::optional<Session> find(std::string_view id);
  void remove(std::string_view id);
  // The message for the next page of session `id` (replaces an unshown
  // one); nothing when the session is gone.
  void set_flash(std::string_view id, Flash flash);
  // The message of session `id`, removed: it is shown once.
  std::optional<Flash> take_flash(std::string_view id);

 private:
  std::chrono::minutes lifetime_;
  std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

// At most `limit` events per key in any `window` (sliding).
class RateLimiter {
 public:
  RateLimiter(std::size_t limit, std::chrono::seconds window) : limit_(limit), window_(window) {}
  // Counts an event for `key`; false when over the limit (not counted).
  bool allow(const std::string& key);

 private:
  std::size_t limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> events_;
};

// Constant-time comparison of two secrets (sodium_memcmp).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace sotay
