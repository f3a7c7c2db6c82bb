// Sandboxed subprocesses: output, status, stdin, limits (wall clock, output,
// memory), process groups, a clean environment, job directories.
#include <doctest/doctest.h>

#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "subprocess.h"
#include "test_support.h"

using namespace sotay;
namespace fs = std::filesystem;

namespace {

SubprocessLimits quick_limits() {
  SubprocessLimits limits;
  limits.seconds = 20;
  return limits;
}

// True when a process whose command line contains `marker` is still alive.
bool process_alive_with(const std::string& marker) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::FILE* f = std::fopen((entry.path() / "cmdline").c_str(), "rb");
    if (f == nullptr) continue;
    char buffer[4096];
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
    std::fclose(f);
    std::string cmdline(buffer, n);
    for (char& c : cmdline) {
      if (c == '\0') c = ' ';
    }
    if (cmdline.find(marker) != std::string::npos) return true;
  }
  return false;
}

// SIGKILL is delivered asynchronously: wait (bounded) for the process to go.
bool gone(const std::string& marker) {
  return test::wait_until([&] { return !process_alive_with(marker); }, std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("run_subprocess: output, exit status, stderr") {
  JobDirectory job;
  struct Row {
    std::vector<std::string> argv;
    int exit_code;
    std::string out, err;
  };
  const std::vector<Row> rows = {
      {{"/bin/echo", "xin chào", "phường"}, 0, "xin chào phường\n", ""},
      {{"echo", "từ PATH"}, 0, "từ PATH\n", ""},
      {{"/bin/sh", "-c", "exit 3"}, 3, "", ""},
      {{"/bin/sh", "-c", "echo lỗi một >&2; echo lỗi hai >&2; exit 1"},
       1,
       "",
       "lỗi một\nlỗi hai\n"},
      {{"/bin/sh", "-c", "pwd -P"}, 0, fs::canonical(job.path()).string() + "\n", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.argv.back());
    const SubprocessResult r = run_subprocess(row.argv, quick_limits(), job.path());
    CHECK(r.exit_code == row.exit_code);
    CHECK(r.ok() == (row.exit_code == 0));
    CHECK(r.signal == 0);
    CHECK_FALSE(r.timed_out);
    CHECK(r.out == row.out);
    CHECK(r.err == row.err);
  }
  const SubprocessResult failed = run_subprocess(
      {"/bin/sh", "-c", "echo 'pandoc: tệp hỏng' >&2; exit 1"}, quick_limits(), job.path());
  CHECK(failed.describe(quick_limits()) == "chương trình /bin/sh báo lỗi (mã 1): pandoc: tệp hỏng");
}

TEST_CASE("run_subprocess: 1 MiB through stdin and back without a deadlock") {
  JobDirectory job;
  std::string input;
  for (int i = 0; input.size() < (1u << 20); ++i) input += "dòng " + std::to_string(i) + "\n";
  const SubprocessResult r = run_subprocess({"/bin/cat"}, quick_limits(), job.path(), {}, input);
  CHECK(r.ok());
  CHECK(r.out.size() == input.size());
  CHECK(r.out == input);

  // A child that does not read its stdin: the parent survives the broken pipe.
  const SubprocessResult ignored =
      run_subprocess({"/bin/true"}, quick_limits(), job.path(), {}, input);
  CHECK(ignored.ok());
}

TEST_CASE("run_subprocess: limits stop the child and say which") {
  JobDirectory job;
  SUBCASE("wall clock, the whole process group") {
    SubprocessLimits limits;
    limits.seconds = 0.5;
    // The marker makes the grandchild findable in /proc afterwards.
    const SubprocessResult r = run_subprocess(
        {"/bin/sh", "-c", "sleep 30.0417 & sleep 30.0418; echo not reached"}, limits, job.path());
    CHECK(r.timed_out);
    CHECK_FALSE(r.ok());
    CHECK(r.signal == SIGKILL);
    CHECK(r.out.empty());
    CHECK(r.describe(limits) == "quá thời gian 0,5 giây");
    CHECK(gone("sleep 30.0417"));
    CHECK(gone("sleep 30.0418"));
  }
  SUBCASE("what a finished child left running in its group is killed") {
    const SubprocessResult r =
        run_subprocess({"/bin/sh", "-c", "sleep 30.0419 >/dev/null 2>&1 & echo started"},
                       quick_limits(), job.path());
    CHECK(r.ok());
    CHECK(r.out == "started\n");
    CHECK(gone("sleep 30.0419"));
  }
  SUBCASE("output") {
    SubprocessLimits limits = quick_limits();
    limits.output_bytes = 1 << 20;
    const SubprocessResult r = run_subprocess({"/usr/bin/yes", "dòng"}, limits, job.path());
    CHECK(r.output_exceeded);
    CHECK_FALSE(r.timed_out);
    CHECK_FALSE(r.ok());
    CHECK(r.out.size() == limits.output_bytes);
    CHECK(r.out.substr(0, 12) == "dòng\ndòng\n");
    CHECK(r.describe(limits) == "kết quả vượt quá 1 MB");
  }
  SUBCASE("memory") {
    SubprocessLimits limits = quick_limits();
    limits.memory_bytes = 50ull << 20;
    // 2^26 bytes in one string (and a copy while doubling) need more than 50 MB.
    const SubprocessResult r = run_subprocess(
        {"awk", "BEGIN{s=\"x\"; for(i=0;i<26;i++) s=s s; print length(s)}"}, limits, job.path());
    CHECK_FALSE(r.ok());
    CHECK(r.out.empty());
    CAPTURE(r.err);
    CHECK(r.describe(limits).find("vượt giới hạn bộ nhớ 50 MB") != std::string::npos);
  }
}

TEST_CASE("run_subprocess: a missing program is not_found") {
  JobDirectory job;
  for (const std::string program : {"sotay-no-such-program", "/usr/bin/sotay-no-such-program"}) {
    CAPTURE(program);
    const SubprocessResult r = run_subprocess({program, "--version"}, quick_limits(), job.path());
    CHECK(r.not_found);
    CHECK_FALSE(r.ok());
    CHECK(r.describe(quick_limits()) == "chương trình " + program + " chưa được cài đặt");
    CHECK_FALSE(program_available(program));
  }
  CHECK(program_available("sh"));
  CHECK(program_available("/bin/sh"));
  CHECK_FALSE(program_available("/etc/passwd"));  // not executable
  CHECK_FALSE(program_available("/bin"));         // not a file
  CHECK_THROWS_AS(run_subprocess({"/bin/true"}, quick_limits(), job.path() / "missing"),
                  std::runtime_error);
}

TEST_CASE("run_subprocess: a clean environment") {
  JobDirectory job;
  ::setenv("SOTAY_SECRET", "mật khẩu", 1);
  const SubprocessResult r = run_subprocess({"/usr/bin/env"}, quick_limits(), job.path(),
                                            {"OMP_THREAD_LIMIT=1", "LANG=vi_VN.UTF-8"});
  ::unsetenv("SOTAY_SECRET");
  REQUIRE(r.ok());
  CHECK(r.out.find("SOTAY_SECRET") == std::string::npos);
  const std::vector<std::string> expected = {"LC_ALL=C.UTF-8", "LANG=vi_VN.UTF-8",
                                             "OMP_THREAD_LIMIT=1", "HOME=" + job.path().string(),
                                             "TMPDIR=" + job.path().string()};
  for (const std::string& line : expected) {
    CAPTURE(line);
    CHECK(r.out.find(line + "\n") != std::string::npos);
  }
  CHECK(r.out.find("LANG=C.UTF-8") == std::string::npos);
  int lines = 0;
  for (char c : r.out) lines += c == '\n';
  CHECK(lines == 6);  // PATH and the five above, nothing else

  // Only stdin, stdout and stderr are open in the child.
  const SubprocessResult fds =
      run_subprocess({"/bin/ls", "/proc/self/fd"}, quick_limits(), job.path());
  CHECK(fds.out == "0\n1\n2\n3\n");  // 3: the directory ls itself is reading
}

TEST_CASE("run_subprocess: several threads at once") {
  JobDirectory job;
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    threads.emplace_back([&, i] {
      const std::string input(200000, static_cast<char>('a' + i));
      outputs[i] = run_subprocess({"/bin/cat"}, quick_limits(), job.path(), {}, input).out;
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    CAPTURE(i);
    CHECK(outputs[i] == std::string(200000, static_cast<char>('a' + i)));
  }
}

TEST_CASE("JobDirectory: private, removed with its contents") {
  fs::path kept;
  {
    JobDirectory parent;
    {
      JobDirectory job(parent.path());
      kept = job.path();
      CHECK(fs::is_directory(kept));
      CHECK(kept.parent_path() == parent.path());
      CHECK(kept.filename().string().rfind("sotay-job-", 0) == 0);
      CHECK((fs::status(kept).permissions() & fs::perms::all) == fs::perms::owner_all);
      fs::create_directories(kept / "a" / "b");
      std::FILE* f = std::fopen((kept / "a" / "b" / "trang-1.png").c_str(), "wb");
      REQUIRE(f != nullptr);
      std::fclose(f);
      JobDirectory other(parent.path());
      CHECK(other.path() != kept);
    }
    CHECK_FALSE(fs::exists(kept));
  }
  CHECK_THROWS_AS(JobDirectory("/nonexistent-sotay-dir"), std::runtime_error);
}
