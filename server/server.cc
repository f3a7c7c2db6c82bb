#include "server.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <thread>

#include <xapian.h>

#include "body_limits.h"
#include "edition.h"
#include "hash.h"
#include "http_util.h"
#include "utc_time.h"

namespace sotay {

namespace {

using R = const httplib::Request&;
using W = httplib::Response&;
using HandlerResponse = httplib::Server::HandlerResponse;

// The request being answered on this thread: when it started, its route
// and its page ETag (set before routing, used after it and in the log).
struct RequestState {
  std::chrono::steady_clock::time_point start;
  bool timed = false;
  const Route* route = nullptr;
  std::string etag;
};
thread_local RequestState request;

bool is_json(const httplib::Response& res) {
  return !res.body.empty() &&
         res.get_header_value("Content-Type").rfind("application/json", 0) == 0;
}

std::string api_error_message(int status) {
  switch (status) {
    case 400:
      return "yêu cầu không hợp lệ";
    case 404:
      return "không có địa chỉ này trong API";
    case 405:
      return "phương thức không được hỗ trợ";
    case 413:
      return "nội dung gửi lên quá lớn";
    case 414:
      return "địa chỉ quá dài";
    case 431:
      return "phần đầu yêu cầu quá lớn";
    case 503:
      return "dịch vụ tạm thời không sẵn sàng";
    default:
      return status >= 500 ? "lỗi máy chủ" : "yêu cầu không được chấp nhận";
  }
}

void log_line(const std::string& line) {
  std::fprintf(stderr, "%s %s\n", utc_now(UtcFormat::ISO).c_str(), line.c_str());
}

GateLimits gate_limits(const ServerOptions& o) {
  GateLimits limits;
  limits.workers = o.threads;
  limits.head_timeout = std::chrono::seconds(o.head_timeout_seconds);
  limits.idle_timeout = std::chrono::seconds(o.keep_alive_seconds);
  limits.read_timeout = std::chrono::seconds(o.read_timeout_seconds);
  limits.write_timeout = std::chrono::seconds(o.write_timeout_seconds);
  limits.body_timeout = 3 * limits.read_timeout;
  limits.max_head_bytes = o.max_head_bytes;
  limits.max_headers = o.max_headers;
  limits.max_connections = o.max_connections;
  limits.max_requests_per_connection = o.keep_alive_max_requests;
  return limits;
}

// A request body that is compressed (Content-Encoding other than identity).
// cpp-httplib 0.11 would inflate it whole before any size check: 2 MB of
// gzip became 2 GB of memory. Refused before the body is read.
bool compressed_body(const httplib::Request& req) {
  if (!req.has_header("Content-Encoding")) return false;
  const std::string coding = req.get_header_value("Content-Encoding");
  return coding != "identity" && !coding.empty();
}

// True when cpp-httplib compresses this response for a client that accepts
// gzip (it decides by Content-Type): then the answer varies with
// Accept-Encoding.
bool compressible(const httplib::Response& res) {
  static const httplib::Request gzip_client = [] {
    httplib::Request r;
    r.headers.emplace("Accept-Encoding", "gzip");
    return r;
  }();
  return httplib::detail::encoding_type(gzip_client, res) != httplib::detail::EncodingType::None;
}

// After routing, and after cpp-httplib compressed the body: caching headers.
void after_routing(R req, W res) {
  if (compressible(res) || res.status == 304) res.set_header("Vary", "Accept-Encoding");
  const Route* route = request.route;
  if (route != nullptr && route->has(NO_STORE)) {
    res.set_header("Cache-Control", "no-store");
  } else if (res.status == 200 && route != nullptr && route->has(ASSET)) {
    // The hash of the bytes sent: gzip, br and identity differ, as strong
    // ETags of different encodings must.
    const std::string etag = "\"" + content_hash(res.body).substr(0, 16) + "\"";
    res.set_header("ETag", etag);
    if (etag_matches(req, etag)) {
      res.status = 304;
      res.body.clear();
      res.headers.erase("Content-Length");
      res.headers.erase("Content-Type");
    }
  } else if (res.status == 200 && !request.etag.empty()) {
    res.set_header("ETag", request.etag);
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-cache");
  }
}

// An exception out of a handler: 503 while no edition exists; anything else
// is logged with what it says and answered with a plain 500.
void answer_exception(R req, W res, std::exception_ptr ep) {
  const std::string where = req.method + " " + req.path + ": ";
  try {
    std::rethrow_exception(ep);
  } catch (const NoEditionError& e) {
    log_line("503 " + where + e.what());
    if (route_has(req.path, API)) {
      send_api_error(res, 503, "sổ tay chưa có ấn bản nào");
      return;
    }
    res.status = 503;
    res.set_content("503 Sổ tay chưa có ấn bản nào. Hãy chạy sotay-indexer build.",
                    "text/plain; charset=utf-8");
    return;
  } catch (const IndexBusyError& e) {
    // A build holds the index: nothing was changed, the request can be retried.
    log_line("503 " + where + e.what());
    res.status = 503;
    res.set_header("Retry-After", "60");
    if (route_has(req.path, API)) {
      send_api_error(res, 503, "chỉ mục đang được xây dựng, hãy thử lại sau ít phút");
      return;
    }
    res.set_content("503 Chỉ mục đang được xây dựng. Hãy thử lại sau ít phút; chưa có gì thay đổi.",
                    "text/plain; charset=utf-8");
    return;
  } catch (const std::exception& e) {
    log_line("500 " + where + e.what());
  } catch (const Xapian::Error& e) {  // not a std::exception
    log_line("500 " + where + e.get_description());
  } catch (...) {
    log_line("500 " + where + "unknown exception");
  }
  Handlers::server_error(req, res);
}

// Every error under an API route in one JSON shape, even those httplib
// raises itself (400 malformed request, 413 body too large, 404); the HTML
// 404 page elsewhere.
HandlerResponse answer_error(R req, W res, const BodyLimits& limits) {
  // httplib refused the request before routing (a malformed request line,
  // a header line over 8 KiB, a URI too long) or refused its body: where
  // the next request would start is unknown, so the connection closes.
  if (!request.timed || res.status == 413 || GatedServer::body_over_limit()) {
    GatedServer::close_after_response();
    res.set_header("Connection", "close");
  }
  // A body over its limit: httplib's own 413 (a form it parses), or a body
  // without Content-Length that reached the limit while being read.
  if ((res.status == 413 || GatedServer::body_over_limit()) && !is_json(res) &&
      res.get_header_value("Content-Type").rfind("text/html", 0) != 0) {
    answer_too_large(req, res, body_limit(req, limits), 0);
    return HandlerResponse::Handled;
  }
  if (route_has(req.path, API) && !is_json(res)) {
    send_api_error(res, res.status, api_error_message(res.status));
    return HandlerResponse::Handled;
  }
  if (!res.body.empty()) return HandlerResponse::Unhandled;
  if (res.status == 404) {
    Handlers::not_found_page(res, "Địa chỉ này không có trong sổ tay.");
    return HandlerResponse::Handled;
  }
  return HandlerResponse::Unhandled;
}

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      watcher_(options_.index_root, options_.reload_interval),
      handlers_(watcher_),
      http_(gate_limits(options_)) {
  set_limits();
  handlers_.set_today(options_.today);
  if (options_.submissions) start_submissions();
  register_routes(http_, RouteTargets{handlers_, submission_handlers_.get(), metrics_});
  http_.set_pre_routing_handler([this](R req, W res) { return before_routing(req, res); });
  http_.set_post_routing_handler(after_routing);
  http_.set_exception_handler(answer_exception);
  http_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](R req, W res) { return answer_error(req, res, body_limits()); }));
  // `Expect: 100-continue` (curl sends it for bodies over 1 MB): a body
  // over its limit is refused before the client sends it.
  http_.set_expect_100_continue_handler([this](R req, W res) {
    const std::size_t limit = body_limit(req, body_limits());
    const auto sent = req.get_header_value<uint64_t>("Content-Length");
    if (sent <= limit) return 100;
    GatedServer::close_after_response();
    res.set_header("Connection", "close");
    answer_too_large(req, res, limit, sent);
    return 413;
  });
  http_.set_logger([this](R req, const httplib::Response& res) { log_request(req, res); });
}

// Security headers and body size; threads and timeouts are the gate's
// (gate_limits()).
void Server::set_limits() {
  http_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                             {"Referrer-Policy", "same-origin"},
                             {"Content-Security-Policy",
                              "default-src 'self'; img-src 'self' data:; "
                              "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"}});
  // Submissions may be larger than other requests: httplib's limit is the
  // larger one, and before_routing() holds other routes to theirs.
  std::size_t payload_max = options_.max_payload_bytes;
  if (options_.submissions) {
    payload_max = std::max(payload_max, std::max(options_.submission_limits.max_bytes,
                                                 options_.submission_limits.max_import_bytes) +
                                            64 * 1024);
  }
  http_.set_payload_max_length(payload_max);
  // The gate (connection_gate.h) enforces these; httplib writes them into
  // the Keep-Alive header of its answers.
  http_.set_keep_alive_timeout(options_.keep_alive_seconds);
  http_.set_keep_alive_max_count(options_.keep_alive_max_requests);
}

// The submission workflow: publisher, query statistics, handlers.
void Server::start_submissions() {
  options_.publish.index_root = options_.index_root;
  publisher_ = std::make_unique<Publisher>(options_.publish);
  publisher_->reconcile();  // finishes an approval a crash interrupted
  query_stats_ = std::make_unique<QueryStats>(options_.query_stats_file);
  query_stats_->load();
  handlers_.set_query_stats(query_stats_.get());
  submission_handlers_ =
      std::make_unique<SubmissionHandlers>(*publisher_, AuthStore(options_.auth_file), watcher_,
                                           options_.submission_limits, query_stats_.get());
}

// Before routing: start the clock, hold bodies to their route's limit, and
// answer 304 for a page the client has for this edition (ETag = edition id
// + hash of the target).
namespace {

// 415 for a compressed body, before it is read; the connection closes after
// the answer (the body stays unread).
HandlerResponse refuse_compressed(R req, W res) {
  GatedServer::close_after_response();
  res.set_header("Connection", "close");
  const std::string message =
      "không nhận nội dung nén (Content-Encoding: " + req.get_header_value("Content-Encoding") +
      "): hãy gửi nội dung không nén";
  if (route_has(req.path, API)) {
    send_api_error(res, 415, message);
  } else {
    res.status = 415;
    res.set_content("415 " + message + "\n", "text/plain; charset=utf-8");
  }
  return HandlerResponse::Handled;
}

// A body with Content-Length must fit its limit; one without (chunked, or
// read to the end of the connection) may be read up to it, no further.
bool body_fits(R req, std::size_t limit) {
  if (!req.has_header("Content-Length")) {
    GatedServer::limit_body(limit);
    return true;
  }
  return req.get_header_value<uint64_t>("Content-Length") <= limit;
}

// Bodies up to this size are read and dropped before a 413 so the client,
// still sending, receives the answer (a browser shows a reset otherwise);
// reading stops at the body's time limit too.
constexpr std::uint64_t DISCARD_MAX = 512ull << 20;

// 413 for a body over its route's limit, naming the limit; the connection
// closes after the answer.
HandlerResponse refuse_too_large(R req, W res, std::size_t limit) {
  const auto sent = req.get_header_value<uint64_t>("Content-Length");
  if (sent <= DISCARD_MAX) GatedServer::discard_body(sent);
  GatedServer::close_after_response();
  res.set_header("Connection", "close");
  answer_too_large(req, res, limit, sent);
  return HandlerResponse::Handled;
}

}  // namespace

BodyLimits Server::body_limits() const {
  BodyLimits limits;
  limits.other = options_.max_payload_bytes;
  // Without --submissions their routes are not served: the small limit.
  limits.document = options_.submissions ? options_.submission_limits.max_bytes : limits.other;
  limits.upload = options_.submissions ? options_.submission_limits.max_import_bytes : limits.other;
  return limits;
}

HandlerResponse Server::before_routing(R req, W res) {
  request.start = std::chrono::steady_clock::now();
  request.timed = true;
  request.route = find_route(req.path);
  request.etag.clear();
  const Route* route = request.route;
  if (compressed_body(req)) return refuse_compressed(req, res);
  if (const std::size_t limit = body_limit(req, body_limits()); !body_fits(req, limit)) {
    return refuse_too_large(req, res, limit);
  }
  if (route == nullptr || !route->has(CACHEABLE) || (req.method != "GET" && req.method != "HEAD")) {
    return HandlerResponse::Unhandled;
  }
  try {
    const std::string id = watcher_.searcher()->edition().value("id", "");
    if (id.empty()) return HandlerResponse::Unhandled;
    // Statuses follow the day (validity.h): a page changes at midnight.
    request.etag = page_etag(id + "@" + handlers_.today(), req.target);
  } catch (const std::exception&) {
    return HandlerResponse::Unhandled;  // the handler reports it
  }
  if (!etag_matches(req, request.etag)) return HandlerResponse::Unhandled;
  res.status = 304;
  res.set_header("ETag", request.etag);
  res.set_header("Cache-Control", "no-cache");
  return HandlerResponse::Handled;
}

// After the response is written: count it, and one access log line.
void Server::log_request(R req, const httplib::Response& res) {
  const double seconds =
      request.timed
          ? std::chrono::duration<double>(std::chrono::steady_clock::now() - request.start).count()
          : 0.0;
  const Route* route = request.timed ? request.route : find_route(req.path);
  request.timed = false;
  request.route = nullptr;
  metrics_.record(route_label(route, res.status), res.status, seconds);
  if (options_.access_log) {
    const std::string line = access_log_line(req, res, seconds * 1000) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
}

Server::~Server() {
  stop();
  if (query_stats_) {
    try {
      query_stats_->save();
    } catch (const std::exception& e) {
      log_line(std::string("không lưu được thống kê tìm kiếm: ") + e.what());
    }
  }
}

int Server::bind() {
  const int port = bind_listener(http_, options_.host, options_.port, options_.listen_backlog);
  if (port < 0) {
    throw std::runtime_error(
        "không mở được " + options_.host + ":" + std::to_string(options_.port) +
        (options_.port == 0 ? "" : " (cổng đang được một chương trình khác dùng?)"));
  }
  return port;
}

bool Server::listen() { return http_.listen_after_bind(); }

void Server::stop() {
  if (http_.is_running()) http_.stop();
}

std::size_t Server::requests_in_progress() const { return http_.counts().answering; }

void Server::wait_until_ready() const {
  while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace sotay
