// sotay-server: serves search and rendered pages from the current edition.
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "markdown.h"
#include "server.h"

int main(int argc, char** argv) {
  CLI::App app{"Sổ tay: máy chủ tra cứu sổ tay hướng dẫn công vụ"};
  sotay::ServerOptions options;
  std::string index = options.index_root.string();
  app.add_option("--index", index, "Thư mục chỉ mục (do sotay-indexer build tạo)")
      ->capture_default_str();
  app.add_option("--host", options.host, "Địa chỉ lắng nghe")->capture_default_str();
  app.add_option("--port", options.port, "Cổng")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--threads", options.threads, "Số luồng xử lý yêu cầu")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--backlog", options.listen_backlog,
                 "Số kết nối chờ được nhận (hệ điều hành giới hạn ở net.core.somaxconn)")
      ->capture_default_str()
      ->check(CLI::Range(16, 65535));
  app.add_flag("!--no-access-log", options.access_log, "Không ghi nhật ký truy cập");
  app.add_option("--max-body", options.max_payload_bytes, "Kích thước tối đa thân yêu cầu (byte)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{64} << 20));
  app.add_option("--read-timeout", options.read_timeout_seconds, "Thời hạn đọc yêu cầu (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--write-timeout", options.write_timeout_seconds, "Thời hạn gửi trả lời (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--keep-alive", options.keep_alive_seconds,
                 "Giữ kết nối chờ yêu cầu tiếp theo (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--keep-alive-max", options.keep_alive_max_requests,
                 "Số yêu cầu tối đa trên một kết nối giữ mở")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  app.add_option("--reload-ms", options.reload_interval,
                 "Chu kỳ kiểm tra ấn bản mới / mở lại bản sao (ms)")
      ->capture_default_str();
  std::string content = "content", inbox = "data/inbox", auth = "data/auth.json",
              audit = "data/audit.log";
  app.add_option("--content", content, "Thư mục nội dung (văn bản được duyệt ghi vào đây)")
      ->capture_default_str();
  app.add_option("--inbox", inbox, "Thư mục bài nộp chờ duyệt")->capture_default_str();
  app.add_option("--auth", auth, "Tệp mã truy cập (sotay-indexer token add)")
      ->capture_default_str();
  app.add_option("--audit", audit, "Nhật ký kiểm toán (JSON lines)")->capture_default_str();
  std::string query_stats = options.query_stats_file.string();
  app.add_option("--query-stats", query_stats,
                 "Thống kê truy vấn cho biên tập viên (\"\": chỉ trong bộ nhớ)")
      ->capture_default_str();
  app.add_flag("--submissions", options.submissions,
               "Bật nộp và duyệt văn bản (/nop, /api/submissions, /bien-tap); chỉ trên máy "
               "biên tập, nơi có content/ và thư mục chỉ mục gốc");
  app.add_flag("--secure-cookies", options.submission_limits.secure_cookies,
               "Cookie chỉ gửi qua HTTPS (chạy sau nginx có TLS)");
  CLI11_PARSE(app, argc, argv);
  options.index_root = index;
  options.publish.content_dir = content;
  options.publish.inbox_dir = inbox;
  options.publish.audit_file = audit;
  options.auth_file = auth;
  options.query_stats_file = query_stats;
  // Tests only: SOTAY_TEST_APPROVAL_PAUSE=<step>:<file> makes an approval
  // create <file> and stop at <step> (publish.h) so a test can SIGKILL it.
  if (const char* pause = std::getenv("SOTAY_TEST_APPROVAL_PAUSE")) {
    const std::string spec = pause;
    const std::size_t colon = spec.find(':');
    if (colon != std::string::npos) {
      const std::string step = spec.substr(0, colon), file = spec.substr(colon + 1);
      options.publish.step_hook = [step, file](const char* at) {
        if (step != at) return;
        if (std::FILE* f = std::fopen(file.c_str(), "w")) std::fclose(f);
        std::this_thread::sleep_for(std::chrono::seconds(120));
      };
    }
  }
  try {
    // SIGINT and SIGTERM are taken by one thread with sigwait(), so stopping
    // is not done inside a signal handler: the listener closes and requests
    // in flight finish.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    sotay::init_markdown();
    sotay::Server server(options);
    const int port = server.bind();
    std::thread stopper([&] {
      int sig = 0;
      sigwait(&signals, &sig);
      std::fprintf(stderr, "sotay-server: tín hiệu %d, đang dừng\n", sig);
      server.stop();
    });
    std::fprintf(stderr, "Sổ tay đang phục vụ %s tại http://%s:%d/\n", index.c_str(),
                 options.host.c_str(), port);
    const bool ok = server.listen();
    if (stopper.joinable()) {
      pthread_kill(stopper.native_handle(), SIGTERM);
      stopper.join();
    }
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sotay-server: %s\n", e.what());
    return 1;
  }
}
