#include "test_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <unistd.h>
#include <cstdio>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "files.h"

namespace sotay::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/sotay-test-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string content_file(const std::string& fields, const std::string& body) {
  return "---\n" + fields + "---\n" + body;
}

void write_fixture_content(const fs::path& dir) {
  write_file(dir / "van-phong/the-thuc.md",
             content_file("title: Thể thức văn bản hành chính\n"
                          "department: Văn phòng HĐND và UBND\n"
                          "field: Văn thư - Lưu trữ\n"
                          "type: Nghị định\n"
                          "number: 30/2020/NĐ-CP\n"
                          "issuer: Chính phủ\n"
                          "issued: 2020-03-05\n"
                          "tags: [văn thư, thể thức]\n"
                          "original: the-thuc.txt\n",
                          "Nghị định quy định về công tác văn thư.\n\n"
                          "## Điều 5. Phông chữ\n\n"
                          "Phông chữ Times New Roman, cỡ chữ 13 đến 14.\n\n"
                          "## Điều 8. Số và ký hiệu\n\n"
                          "Số của văn bản được ghi bằng chữ số Ả Rập.\n"));
  // The original file the-thuc.md names (`original:`), served at /ban-goc.
  write_file(dir / "van-phong/the-thuc.txt", "NGHỊ ĐỊNH 30/2020/NĐ-CP (bản gốc)\n");
  write_file(dir / "van-phong/van-thu-cu.md",
             content_file("title: Công tác văn thư (văn bản cũ)\n"
                          "department: Văn phòng HĐND và UBND\n"
                          "field: Văn thư - Lưu trữ\n"
                          "type: Nghị định\n"
                          "number: 110/2004/NĐ-CP\n"
                          "issued: 2004-04-08\n"
                          "status: expired\n"
                          "superseded_by: 30/2020/NĐ-CP\n",
                          "Nghị định cũ về công tác văn thư, đã được thay bằng Nghị định "
                          "30/2020/NĐ-CP.\n"));
  write_file(dir / "trung-tam/mot-cua.md",
             content_file("title: Tiếp nhận hồ sơ tại bộ phận một cửa\n"
                          "department: Trung tâm Phục vụ hành chính công\n"
                          "field: Thủ tục hành chính\n"
                          "type: Quy trình\n"
                          "issued: 2021-06-01\n",
                          "Quy trình giải quyết thủ tục hành chính tại bộ phận một cửa.\n\n"
                          "## Tiếp nhận hồ sơ\n\n"
                          "Công chức kiểm tra hồ sơ, lập phiếu tiếp nhận và hẹn trả kết quả.\n\n"
                          "## Trả kết quả\n\n"
                          "Kết quả được trả đúng hẹn; hồ sơ trễ hạn phải có phiếu xin lỗi.\n"));
  write_file(dir / "van-hoa/thu-phi.md",
             content_file("title: Thu phí vệ sinh\n"
                          "department: Phòng Văn hóa - Xã hội\n"
                          "field: Tài chính\n"
                          "type: Hướng dẫn\n"
                          "issued: 2022-01-10\n",
                          "Tổ dân phố vẫn thu phí vệ sinh hằng tháng theo quy định.\n"));
  write_file(dir / "kinh-te/duong.md",
             content_file("title: Quản lý đường giao thông\n"
                          "department: Phòng Kinh tế - Hạ tầng và Đô thị\n"
                          "field: Xây dựng - Đô thị\n"
                          "type: Hướng dẫn\n",
                          "Đường giao thông trong khu dân cư do phường quản lý.\n\n"
                          "## Kết quả xét nghiệm\n\n"
                          "Mẫu dương tính phải báo cáo ngay. Chính sách hỗ trợ, hành động kịp "
                          "thời.\n"));
}

std::string describe_terms(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += *t + " " + std::to_string(t.get_wdf()) + " [";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      out += std::to_string(*p) + ",";
    }
    out += "]\n";
  }
  return out;
}

BuildReport build(const fs::path& content, const fs::path& index, BuildOptions options) {
  options.content_dir = content;
  options.index_root = index;
  return build_edition(options);
}

namespace {

ServerOptions test_options(const fs::path& index_root) {
  ServerOptions options;
  options.index_root = index_root;
  options.port = 0;
  options.threads = 8;
  options.reload_interval = std::chrono::milliseconds(50);
  options.access_log = false;
  return options;
}

// The port of sotay-server's "listening host=<host> port=<port>" line; 0
// until the whole line is written.
int listening_port(const std::string& log) {
  const std::size_t line = log.find("listening host=");
  if (line == std::string::npos || (line > 0 && log[line - 1] != '\n')) return 0;
  const std::size_t end = log.find('\n', line);
  const std::size_t at = log.find(" port=", line);
  if (end == std::string::npos || at == std::string::npos || at > end) return 0;
  return std::stoi(log.substr(at + 6, end - at - 6));
}

}  // namespace

TestServer::TestServer(const fs::path& index_root) : TestServer(test_options(index_root)) {}

TestServer::TestServer(const ServerOptions& options) {
  server_ = std::make_unique<Server>(options);
  port_ = server_->bind();
  thread_ = std::thread([this] { server_->listen(); });
  server_->wait_until_ready();
}

TestServer::~TestServer() {
  server_->stop();
  thread_.join();
}

ChildServer::ChildServer(const std::vector<std::string>& args, const fs::path& log,
                         const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<std::string> argv_strings{SOTAY_SERVER_BIN, "--port", "0"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, STDERR_FILENO);
    for (const auto& [name, value] : env) {
      if (value.empty()) {
        ::unsetenv(name.c_str());
      } else {
        ::setenv(name.c_str(), value.c_str(), 1);
      }
    }
    ::execv(SOTAY_SERVER_BIN, argv.data());
    ::_exit(127);
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (port_ == 0 && std::chrono::steady_clock::now() < until) {
    std::error_code ec;
    if (fs::exists(log, ec)) port_ = listening_port(read_file(log));
    if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (port_ == 0) {
    kill(SIGKILL);
    throw std::runtime_error("sotay-server did not start: " + read_file(log));
  }
}

ChildServer::~ChildServer() { kill(SIGTERM); }

void ChildServer::signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

int ChildServer::kill(int sig) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, sig);
  if (sig != SIGKILL) ::kill(pid_, SIGCONT);  // a stopped child must run to exit
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

int run_command(const std::string& command, std::string& output) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) output.append(buf, n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServedFixture::ServedFixture() {
  write_fixture_content(tmp.path() / "content");
  build(tmp.path() / "content", tmp.path() / "index");
  server = std::make_unique<TestServer>(tmp.path() / "index");
}

httplib::Client TestServer::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(10, 0);
  c.set_url_encode(false);  // tests write URLs encoded, as browsers send them
  return c;
}

std::unique_ptr<TestServer> server_on_day(const fs::path& index_root, const std::string& today) {
  ServerOptions o;
  o.index_root = index_root;
  o.port = 0;
  o.access_log = false;
  o.today = today;
  return std::make_unique<TestServer>(o);
}

std::string get_ok(const TestServer& server, const std::string& path) {
  auto c = server.client();
  const auto res = c.Get(path);
  if (!res) throw std::runtime_error("GET " + path + ": no answer");
  if (res->status != 200) {
    throw std::runtime_error("GET " + path + ": status " + std::to_string(res->status));
  }
  return res->body;
}

}  // namespace sotay::test

#include <algorithm>

namespace sotay::test {

bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  // Short pauses first, so a condition that is nearly there costs little.
  auto pause = std::chrono::milliseconds(1);
  while (!predicate()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
  return true;
}

std::optional<std::filesystem::path> shared_documents_dir() {
  const std::filesystem::path dir =
      std::filesystem::path(SOTAY_SOURCE_DIR).parent_path() / "shared" / "data" / "documents";
  if (std::filesystem::is_directory(dir / "gazette")) return dir;
  return std::nullopt;
}

}  // namespace sotay::test
