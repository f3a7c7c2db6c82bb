#include "server.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <thread>

#include "hash.h"
#include "http_util.h"
#include "routes.h"

namespace sotay {

namespace {

// When the request being answered on this thread started, and its page
// ETag (set before routing, used after it).
thread_local std::chrono::steady_clock::time_point request_start;
thread_local bool request_timed = false;
thread_local std::string request_etag;

// The submission workflow's pages: never cached, larger bodies allowed.
bool is_submission_path(const std::string& p) {
  return p == "/nop" || p == "/api/submissions" || p.rfind("/bien-tap", 0) == 0;
}

// Pages and API answers that depend only on the edition and the request.
bool cacheable_page(const httplib::Request& req) {
  if (req.method != "GET" && req.method != "HEAD") return false;
  const std::string& p = req.path;
  return p.rfind("/static/", 0) != 0 && p != "/healthz" && p != "/metrics" &&
         !is_submission_path(p);
}

bool is_api_path(const std::string& path) { return path.rfind("/api/", 0) == 0; }

bool is_json(const httplib::Response& res) {
  return !res.body.empty() &&
         res.get_header_value("Content-Type").rfind("application/json", 0) == 0;
}

// The API routes registered for GET in routes.cc.
bool is_get_api_route(const std::string& path) {
  return path == "/api/search" || path == "/api/suggest" ||
         (path.rfind("/api/doc/", 0) == 0 && path.size() > 9);
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
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::fprintf(stderr, "%s %s\n", stamp, line.c_str());
}

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      watcher_(options_.index_root, options_.reload_interval),
      handlers_(watcher_) {
  const std::size_t threads = options_.threads;
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                             {"Referrer-Policy", "same-origin"},
                             {"Content-Security-Policy",
                              "default-src 'self'; img-src 'self' data:; "
                              "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"}});
  // Submissions may be larger than other requests: httplib's limit is the
  // larger one, and the pre-routing handler holds other routes to theirs.
  std::size_t payload_max = options_.max_payload_bytes;
  if (options_.submissions) {
    payload_max = std::max(payload_max, options_.submission_limits.max_bytes + 64 * 1024);
  }
  http_.set_payload_max_length(payload_max);
  http_.set_read_timeout(options_.read_timeout_seconds);
  http_.set_write_timeout(options_.write_timeout_seconds);
  http_.set_keep_alive_timeout(options_.keep_alive_seconds);
  http_.set_keep_alive_max_count(options_.keep_alive_max_requests);
  // httplib writes headers and body separately: without TCP_NODELAY, Nagle
  // and the client's delayed ACK add ~40 ms to every keep-alive answer.
  http_.set_tcp_nodelay(true);
  register_routes(http_, handlers_);
  if (options_.submissions) {
    options_.publish.index_root = options_.index_root;
    publisher_ = std::make_unique<Publisher>(options_.publish);
    publisher_->reconcile();  // finishes an approval a crash interrupted
    query_stats_ = std::make_unique<QueryStats>(options_.query_stats_file);
    query_stats_->load();
    handlers_.set_query_stats(query_stats_.get());
    submission_handlers_ =
        std::make_unique<SubmissionHandlers>(*publisher_, AuthStore(options_.auth_file), watcher_,
                                             options_.submission_limits, query_stats_.get());
    register_submission_routes(http_, *submission_handlers_);
  }
  // Other methods on the read-only API routes: 405 with Allow (httplib
  // would answer 404). Registered after register_routes so that any
  // handler registered there for a method takes precedence.
  const auto api_method = [](const httplib::Request& req, httplib::Response& res) {
    if (is_get_api_route(req.path)) {
      res.set_header("Allow", "GET, HEAD");
      send_api_error(res, 405, "phương thức " + req.method + " không dùng được ở địa chỉ này");
    } else {
      send_api_error(res, 404, api_error_message(404));
    }
  };
  http_.Post(R"(/api/.*)", api_method);
  http_.Put(R"(/api/.*)", api_method);
  http_.Patch(R"(/api/.*)", api_method);
  http_.Delete(R"(/api/.*)", api_method);
  // Listed here rather than in routes.cc: it reads the server's own counters.
  http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    nlohmann::json edition = nlohmann::json::object();
    try {
      edition = watcher_.searcher()->edition();
    } catch (const NoEditionError&) {
    }
    res.set_content(metrics_.render(edition), "text/plain; version=0.0.4; charset=utf-8");
  });
  // Before routing: start the clock; answer 304 for a page the client has
  // for this edition (ETag = edition id + hash of the target).
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    request_start = std::chrono::steady_clock::now();
    request_timed = true;
    request_etag.clear();
    if (options_.submissions && !is_submission_path(req.path) &&
        req.get_header_value<uint64_t>("Content-Length") > options_.max_payload_bytes) {
      res.status = 413;
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!cacheable_page(req)) return httplib::Server::HandlerResponse::Unhandled;
    try {
      const std::string id = watcher_.searcher()->edition().value("id", "");
      if (id.empty()) return httplib::Server::HandlerResponse::Unhandled;
      request_etag = page_etag(id, req.target);
    } catch (const std::exception&) {
      return httplib::Server::HandlerResponse::Unhandled;  // the handler reports it
    }
    if (!etag_matches(req, request_etag)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 304;
    res.set_header("ETag", request_etag);
    res.set_header("Cache-Control", "no-cache");
    return httplib::Server::HandlerResponse::Handled;
  });
  // After routing: caching headers and gzip for what httplib leaves alone.
  http_.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/healthz" || req.path == "/metrics") {
      res.set_header("Cache-Control", "no-store");
    } else if (res.status == 200 && req.path.rfind("/static/", 0) == 0) {
      const std::string etag = "\"" + content_hash(res.body).substr(0, 16) + "\"";
      res.set_header("ETag", etag);
      if (etag_matches(req, etag)) {
        res.status = 304;
        res.body.clear();
        res.headers.erase("Content-Length");
        res.headers.erase("Content-Type");
        return;
      }
    } else if (res.status == 200 && !request_etag.empty()) {
      res.set_header("ETag", request_etag);
      if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-cache");
    }
    gzip_if_accepted(req, res);
  });
  http_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const NoEditionError& e) {
          log_line(std::string("503 ") + req.path + ": " + e.what());
          if (is_api_path(req.path)) {
            send_api_error(res, 503, "sổ tay chưa có ấn bản nào");
            return;
          }
          res.status = 503;
          res.set_content("503 Sổ tay chưa có ấn bản nào. Hãy chạy sotay-indexer build.",
                          "text/plain; charset=utf-8");
          return;
        } catch (const std::exception& e) {
          log_line(std::string("500 ") + req.method + " " + req.path + ": " + e.what());
        } catch (...) {
          log_line(std::string("500 ") + req.method + " " + req.path + ": unknown exception");
        }
        Handlers::server_error(req, res);
      });
  http_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        // Every error under /api/ in one JSON shape, even those httplib
        // raises itself (400 malformed request, 413 body too large, 404).
        if (is_api_path(req.path) && !is_json(res)) {
          send_api_error(res, res.status, api_error_message(res.status));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 404) {
          Handlers::not_found_page(res, "Địa chỉ này không có trong sổ tay.");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  // After the response is written: count it, and one access log line.
  http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const double seconds =
        request_timed
            ? std::chrono::duration<double>(std::chrono::steady_clock::now() - request_start)
                  .count()
            : 0.0;
    request_timed = false;
    metrics_.record(route_label(req.path, res.status), res.status, seconds);
    if (options_.access_log) {
      const std::string line = access_log_line(req, res, seconds * 1000) + "\n";
      std::fwrite(line.data(), 1, line.size(), stderr);
    }
  });
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

void Server::wait_until_ready() const {
  while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace sotay
