// sotay-server: serves search and rendered pages from the current edition;
// `sotay-server export-pdf FILE` prints the compiled handbook to a PDF.
#include <pthread.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <functional>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "front_matter.h"
#include "markdown.h"
#include "pdf_export.h"
#include "server.h"

namespace {

// The command line, before it becomes ServerOptions.
struct Arguments {
  sotay::ServerOptions options;
  std::string index = options.index_root.string();
  std::string content = "content", inbox = "data/inbox", auth = "data/auth.json",
              audit = "data/audit.log";
  std::string query_stats = options.query_stats_file.string();
  sotay::PdfExportOptions pdf;
  std::string pdf_file;
};

// Where and how to listen, and the limits of a request.
void add_listening_options(CLI::App& app, Arguments& a) {
  sotay::ServerOptions& o = a.options;
  app.add_option("--index", a.index, "Thư mục chỉ mục (do sotay-indexer build tạo)")
      ->capture_default_str();
  app.add_option("--host", o.host, "Địa chỉ lắng nghe")->capture_default_str();
  app.add_option("--port", o.port,
                 "Cổng (0: một cổng trống bất kỳ); khi đã mở, ghi ra stderr một dòng "
                 "\"listening host=<địa chỉ> port=<cổng>\"")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--threads", o.threads, "Số luồng xử lý yêu cầu")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--backlog", o.listen_backlog,
                 "Số kết nối chờ được nhận (hệ điều hành giới hạn ở net.core.somaxconn)")
      ->capture_default_str()
      ->check(CLI::Range(16, 65535));
  app.add_flag("!--no-access-log", o.access_log, "Không ghi nhật ký truy cập");
  app.add_option("--max-body", o.max_payload_bytes, "Kích thước tối đa thân yêu cầu (byte)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{64} << 20));
  app.add_option("--read-timeout", o.read_timeout_seconds, "Thời hạn đọc yêu cầu (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--write-timeout", o.write_timeout_seconds, "Thời hạn gửi trả lời (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--keep-alive", o.keep_alive_seconds, "Giữ kết nối chờ yêu cầu tiếp theo (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--head-timeout", o.head_timeout_seconds,
                 "Thời hạn nhận đủ phần đầu một yêu cầu, kể từ byte đầu tiên (giây)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--max-connections", o.max_connections,
                 "Số kết nối mở cùng lúc tối đa (quá số này: 503)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{16}, std::size_t{65536}));
  app.add_option("--stop-timeout", o.stop_timeout_seconds,
                 "Khi dừng: thời gian chờ các yêu cầu đang xử lý xong (giây); quá hạn thì thoát")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--trusted-proxy", o.submission_limits.trusted_proxies,
                 "Địa chỉ của proxy phía trước (nginx) mà X-Forwarded-For của nó được tin "
                 "để biết máy khách; lặp lại được");
  app.add_option("--keep-alive-max", o.keep_alive_max_requests,
                 "Số yêu cầu tối đa trên một kết nối giữ mở")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  app.add_option("--reload-ms", o.reload_interval,
                 "Chu kỳ kiểm tra ấn bản mới / mở lại bản sao (ms)")
      ->capture_default_str();
  app.add_option("--today", o.today,
                 "Dùng để kiểm thử: coi hôm nay là ngày này (YYYY-MM-DD) khi tính hiệu lực văn bản")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return sotay::is_iso_date(v) ? std::string() : std::string("cần ngày dạng YYYY-MM-DD");
          },
          "YYYY-MM-DD"));
}

// The submission workflow (docs/submissions.md).
void add_submission_options(CLI::App& app, Arguments& a) {
  app.add_option("--content", a.content, "Thư mục nội dung (văn bản được duyệt ghi vào đây)")
      ->capture_default_str();
  app.add_option("--inbox", a.inbox, "Thư mục bài nộp chờ duyệt")->capture_default_str();
  app.add_option("--auth", a.auth, "Tệp mã truy cập (sotay-indexer token add)")
      ->capture_default_str();
  app.add_option("--audit", a.audit, "Nhật ký kiểm toán (JSON lines)")->capture_default_str();
  app.add_option("--query-stats", a.query_stats,
                 "Thống kê truy vấn cho biên tập viên (\"\": chỉ trong bộ nhớ)")
      ->capture_default_str();
  app.add_flag("--submissions", a.options.submissions,
               "Bật nộp và duyệt văn bản (/nop, /api/submissions, /bien-tap); chỉ trên máy "
               "biên tập, nơi có content/ và thư mục chỉ mục gốc");
  app.add_flag("--secure-cookies", a.options.submission_limits.secure_cookies,
               "Cookie chỉ gửi qua HTTPS (chạy sau nginx có TLS)");
}

CLI::App* add_export_pdf_command(CLI::App& app, Arguments& a) {
  CLI::App* cmd = app.add_subcommand(
      "export-pdf", "Xuất toàn văn sổ tay (/so-tay) của ấn bản hiện hành ra PDF bằng Chromium");
  cmd->add_option("FILE", a.pdf_file, "Tệp PDF ghi ra")->required();
  cmd->add_option("--index", a.index, "Thư mục chỉ mục")->capture_default_str();
  cmd->add_option("--chromium", a.pdf.chromium, "Chương trình Chromium")->capture_default_str();
  return cmd;
}

// Tests only: SOTAY_TEST_APPROVAL_PAUSE=<step>:<file> makes an approval
// create <file> and stop at <step> (publish.h) so a test can SIGKILL it.
void add_test_approval_pause(sotay::ServerOptions& options) {
  const char* pause = std::getenv("SOTAY_TEST_APPROVAL_PAUSE");
  if (pause == nullptr) return;
  const std::string spec = pause;
  const std::size_t colon = spec.find(':');
  if (colon == std::string::npos) return;
  const std::string step = spec.substr(0, colon), file = spec.substr(colon + 1);
  options.publish.step_hook = [step, file](const char* at) {
    if (step != at) return;
    if (std::FILE* f = std::fopen(file.c_str(), "w")) std::fclose(f);
    std::this_thread::sleep_for(std::chrono::seconds(120));
  };
}

sotay::ServerOptions server_options(Arguments& a) {
  sotay::ServerOptions options = a.options;
  options.index_root = a.index;
  options.publish.content_dir = a.content;
  options.publish.inbox_dir = a.inbox;
  options.publish.audit_file = a.audit;
  options.auth_file = a.auth;
  options.query_stats_file = a.query_stats;
  add_test_approval_pause(options);
  return options;
}

// Waits for the signal that stops `server`, then gives the requests being
// answered `stop_timeout` to finish. Past it, or on a second signal, the
// process exits at once with status 1: a request that never ends (a runaway
// handler) must not keep the server from stopping. Every write of an
// approval is atomic and survives this exit as it survives SIGKILL.
void stop_on_signal(sotay::Server& server, const sigset_t& signals,
                    std::chrono::seconds stop_timeout, const std::atomic<bool>& done) {
  int sig = 0;
  sigwait(&signals, &sig);
  if (done) return;
  std::fprintf(stderr, "sotay-server: tín hiệu %d, đang dừng\n", sig);
  server.stop();
  const auto deadline = std::chrono::steady_clock::now() + stop_timeout;
  int again = -1;
  while (!done && again < 0) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) break;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    const timespec wait{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
    again = sigtimedwait(&signals, nullptr, &wait);
    if (again < 0 && errno != EINTR) break;  // EAGAIN: the deadline passed
  }
  if (done) return;
  std::fprintf(stderr,
               again > 0 ? "sotay-server: tín hiệu thứ hai, thoát ngay (%zu yêu cầu chưa xong)\n"
                         : "sotay-server: quá thời hạn dừng, thoát (%zu yêu cầu chưa xong)\n",
               server.requests_in_progress());
  std::_Exit(1);
}

// Serves until SIGINT or SIGTERM. They are taken by one thread with
// sigwait(), so stopping is not done inside a signal handler: the listener
// closes and requests in flight finish (within the stop timeout).
int serve(const sotay::ServerOptions& options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  sotay::Server server(options);
  const int port = server.bind();
  std::atomic<bool> done{false};
  std::thread stopper(stop_on_signal, std::ref(server), std::cref(signals),
                      std::chrono::seconds(options.stop_timeout_seconds), std::cref(done));
  std::fprintf(stderr, "Sổ tay đang phục vụ %s tại http://%s:%d/\n", options.index_root.c_str(),
               options.host.c_str(), port);
  // For programs (tests, process managers): the port really bound.
  std::fprintf(stderr, "listening host=%s port=%d\n", options.host.c_str(), port);
  const bool ok = server.listen();
  done = true;
  pthread_kill(stopper.native_handle(), SIGTERM);  // wakes sigwait/sigtimedwait
  stopper.join();
  return ok ? 0 : 1;
}

// Exit status 2 when the PDF could not be written (as the indexer's
// commands report a failure).
int export_pdf(Arguments& a) {
  a.pdf.index_root = a.index;
  a.pdf.output = a.pdf_file;
  try {
    const sotay::PdfExportReport r = sotay::export_pdf(a.pdf);
    std::printf("Đã ghi %s: %ju byte, %.1f giây\n", a.pdf_file.c_str(), r.bytes, r.seconds);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sotay-server export-pdf: %s\n", e.what());
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sổ tay: máy chủ tra cứu sổ tay hướng dẫn công vụ"};
  Arguments args;
  add_listening_options(app, args);
  add_submission_options(app, args);
  CLI::App* export_command = add_export_pdf_command(app, args);
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  sotay::init_markdown();
  if (export_command->parsed()) return export_pdf(args);
  try {
    return serve(server_options(args));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sotay-server: %s\n", e.what());
    return 1;
  }
}
