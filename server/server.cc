#include "server.h"

#include <cstdio>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <thread>

#include "routes.h"

namespace sotay {

namespace {

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
  http_.set_payload_max_length(64 * 1024);
  http_.set_read_timeout(10);
  http_.set_write_timeout(10);
  register_routes(http_, handlers_);
  http_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const NoEditionError& e) {
          log_line(std::string("503 ") + req.path + ": " + e.what());
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
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 404) {
          Handlers::not_found_page(res, "Địa chỉ này không có trong sổ tay.");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  if (options_.access_log) {
    http_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      log_line(req.method + " " + req.path + " " + std::to_string(res.status) + " " +
               std::to_string(res.body.size()));
    });
  }
}

Server::~Server() { stop(); }

int Server::bind() {
  if (options_.port == 0) {
    const int port = http_.bind_to_any_port(options_.host);
    if (port < 0) throw std::runtime_error("không mở được cổng trên " + options_.host);
    return port;
  }
  if (!http_.bind_to_port(options_.host, options_.port)) {
    throw std::runtime_error("không mở được " + options_.host + ":" +
                             std::to_string(options_.port) + " (cổng đang được dùng?)");
  }
  return options_.port;
}

bool Server::listen() { return http_.listen_after_bind(); }

void Server::stop() {
  if (http_.is_running()) http_.stop();
}

void Server::wait_until_ready() const {
  while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace sotay
