// Every HTTP route of the server, in dispatch order, in one table
// (routes()): its methods, path pattern, metrics label, how it is cached,
// whether its errors are JSON, whether it needs --submissions, and its
// handler. Registration with httplib and every question the server asks
// about a path (cache it? JSON errors? larger bodies? which label?) are
// answered from this table, so a new route is one row.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "handlers.h"
#include "handlers_submit.h"
#include "observability.h"

namespace sotay {

// The objects the handlers of the table run on.
struct RouteTargets {
  Handlers& pages;
  SubmissionHandlers* submissions;  // null without --submissions
  const Metrics& metrics;
};

// Methods of a route, as bits (HEAD is served by GET); not GET, DELETE…: <arpa/nameser.h> defines
// DELETE.
enum RouteMethod : unsigned {
  HTTP_GET = 1,
  HTTP_POST = 2,
  HTTP_PUT = 4,
  HTTP_PATCH = 8,
  HTTP_DELETE = 16
};

// What a route is, as bits.
enum RouteFlag : unsigned {
  CACHEABLE = 1,     // depends on the edition and the request only: ETag, 304
  ASSET = 2,         // embedded file: content-hash ETag, cached by the handler's header
  NO_STORE = 4,      // never cached (health, metrics)
  API = 8,           // errors answered as JSON {"error":{…}}
  SUBMISSIONS = 16,  // only with --submissions
  // The body a route takes (body_limits.h); without either: a small form.
  BODY_DOCUMENT = 32,  // one content file (SubmissionLimits::max_bytes)
  BODY_UPLOAD = 64,    // an uploaded original (SubmissionLimits::max_import_bytes)
  // The body is the file itself, read as-is whatever its Content-Type
  // (curl --data-binary sends x-www-form-urlencoded): never form-decoded,
  // never held to httplib's 8 KiB form cap. The handler gets req.body.
  RAW_BODY = 128
};

struct Route {
  using Handler = void (*)(const RouteTargets&, const httplib::Request&, httplib::Response&);
  unsigned methods;     // RouteMethod bits
  const char* pattern;  // httplib's regex for the whole path
  const char* label;    // route="…" in /metrics
  unsigned flags;       // RouteFlag bits
  Handler handle;

  bool has(RouteFlag flag) const { return (flags & flag) != 0; }
};

// The table, in dispatch order: the first row whose pattern matches wins.
const std::vector<Route>& routes();

// The first row whose pattern matches `path`, whatever its method; nullptr
// for a path no route serves.
const Route* find_route(std::string_view path);

// The first row whose pattern matches `path` and that serves `method`
// ("GET", "HEAD", "POST", …); nullptr when none does.
const Route* find_route(std::string_view path, std::string_view method);

// True when the route serving `path` has `flag` (false for no route).
bool route_has(std::string_view path, RouteFlag flag);

// Registers the rows with httplib (rows needing --submissions only when
// `targets.submissions` is set).
void register_routes(httplib::Server& server, const RouteTargets& targets);

// The route label of a request for /metrics: the row's label; "other" for a
// 404 or a path no route serves, so unknown paths cannot grow the label set.
std::string route_label(std::string_view path, int status);
std::string route_label(const Route* route, int status);

}  // namespace sotay
