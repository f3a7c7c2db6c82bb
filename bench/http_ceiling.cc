// The ceiling of the HTTP layer on this machine (bench/run-http.sh): the
// same cpp-httplib server setup as sotay-server (thread pool, keep-alive,
// listening socket) answering /api/search with a fixed small JSON body, no search behind it.
#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>

#include <httplib.h>
#include <CLI/CLI.hpp>

#include "connection_gate.h"
#include "listener.h"

int main(int argc, char** argv) {
  CLI::App app{"Trivial cpp-httplib handler: the HTTP ceiling for bench/run-http.sh"};
  int port = 8099;
  std::size_t threads = 80;
  app.add_option("--port", port, "Port");
  bool gated = false;
  app.add_option("--threads", threads, "Worker threads");
  app.add_flag("--gated", gated,
               "Behind sotay-server's connection gate (connection_gate.h) with its defaults");
  CLI11_PARSE(app, argc, argv);

  std::unique_ptr<httplib::Server> owned;
  if (gated) {
    sotay::GateLimits limits;
    limits.workers = threads;
    owned = std::make_unique<sotay::GatedServer>(limits);
  } else {
    owned = std::make_unique<httplib::Server>();
    owned->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  }
  httplib::Server& server = *owned;
  server.set_keep_alive_max_count(100);
  server.set_keep_alive_timeout(5);
  server.set_tcp_nodelay(true);  // as sotay-server (server.cc)
  const std::string body = R"({"query":"x","total":0,"hits":[],"relaxed":false,"suggestion":""})";
  server.Get("/api/search", [&body](const httplib::Request& req, httplib::Response& res) {
    (void)req.get_param_value("q");
    res.set_content(body, "application/json; charset=utf-8");
  });
  if (sotay::bind_listener(server, "127.0.0.1", port, sotay::DEFAULT_LISTEN_BACKLOG) < 0) {
    std::fprintf(stderr, "http_ceiling: cannot bind 127.0.0.1:%d\n", port);
    return 1;
  }
  std::printf("http_ceiling listening on 127.0.0.1:%d with %zu threads%s\n", port, threads,
              gated ? ", gated" : "");
  std::fflush(stdout);
  return server.listen_after_bind() ? 0 : 1;
}
