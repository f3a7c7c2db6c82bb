// The Sổ tay HTTP server: cpp-httplib on a thread pool, serving the current
// edition of an index root.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include <httplib.h>

#include "body_limits.h"
#include "connection_gate.h"
#include "edition_watcher.h"
#include "handlers.h"
#include "handlers_submit.h"
#include "listener.h"
#include "observability.h"
#include "routes.h"

namespace sotay {

struct ServerOptions {
  std::filesystem::path index_root = "data/index";
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  std::size_t threads = 16;
  int listen_backlog = DEFAULT_LISTEN_BACKLOG;  // connections waiting to be accepted
  std::chrono::milliseconds reload_interval{500};
  bool access_log = true;
  // Limits: request body size, and socket read/write and keep-alive timeouts.
  std::size_t max_payload_bytes = 64 * 1024;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;
  std::size_t keep_alive_max_requests = 100;
  // The request head (request line and headers): all of it within this time
  // of its first byte, this size and this many headers (connection_gate.h).
  int head_timeout_seconds = 10;
  std::size_t max_head_bytes = 32 * 1024;
  std::size_t max_headers = 100;
  std::size_t max_connections = 2048;  // open at once; more are refused
  // On SIGTERM/SIGINT, requests being answered get this long to finish
  // before the process exits without them (sotay-server's serve()).
  int stop_timeout_seconds = 20;
  // The submission workflow (/nop, /api/submissions, /bien-tap;
  // docs/submissions.md): off unless enabled (sotay-server enables it).
  bool submissions = false;
  PublishOptions publish;  // content, inbox, audit log (index_root is set from above)
  std::filesystem::path auth_file = "data/auth.json";
  std::filesystem::path query_stats_file = "data/query-stats.json";  // "" : memory only
  SubmissionLimits submission_limits;
  // For tests: the day document statuses are computed for ("YYYY-MM-DD");
  // "" is today in Hà Nội (or SOTAY_TODAY; validity.h today_date()).
  std::string today;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();

  // Binds the socket; returns the port (useful with port 0). Throws on failure.
  int bind();
  // Serves until stop(); returns false on a listening error.
  bool listen();
  // Stops accepting; requests being answered finish, then listen() returns.
  void stop();
  void wait_until_ready() const;
  // Requests being answered now (a stop waits for them).
  std::size_t requests_in_progress() const;

 private:
  // The steps of construction (server.cc).
  void set_limits();
  void start_submissions();
  // Each route's body limit (body_limits.h), from the options.
  BodyLimits body_limits() const;
  httplib::Server::HandlerResponse before_routing(const httplib::Request& req,
                                                  httplib::Response& res);
  void log_request(const httplib::Request& req, const httplib::Response& res);

  ServerOptions options_;
  EditionWatcher watcher_;
  Handlers handlers_;
  std::unique_ptr<QueryStats> query_stats_;
  std::unique_ptr<Publisher> publisher_;
  std::unique_ptr<SubmissionHandlers> submission_handlers_;
  Metrics metrics_;
  GatedServer http_;
};

}  // namespace sotay
