// Running converters (pandoc, LibreOffice, Tesseract, pdftoppm, pdfsig, the
// indexer's own `convert`) as sandboxed subprocesses: never through a shell,
// with wall-clock, memory, CPU, file-size and output limits, a clean
// environment, their own process group (killed whole on a limit) and a
// working directory per job.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

// A limit of 0 means "none" (except `seconds`, which is always applied).
struct SubprocessLimits {
  double seconds = 60;                       // wall clock; the group is killed after it
  double cpu_seconds = 0;                    // RLIMIT_CPU; 0: same as `seconds`
  std::uint64_t memory_bytes = 2ull << 30;   // RLIMIT_AS; 0: none (GHC programs: use +RTS -M)
  std::uint64_t output_bytes = 64ull << 20;  // stdout kept at most; beyond it: killed
  std::uint64_t file_bytes = 512ull << 20;   // RLIMIT_FSIZE: largest file it may write
};

struct SubprocessResult {
  int exit_code = -1;            // exit status when it exited, else -1
  int signal = 0;                // the signal that ended it, else 0
  bool timed_out = false;        // killed at `seconds`
  bool output_exceeded = false;  // killed at `output_bytes`
  bool not_found = false;        // the program is not installed (exec failed with ENOENT)
  std::string out;               // stdout (at most output_bytes)
  std::string err;               // stderr (the last 64 KiB)
  std::string program;           // argv[0] as given, for messages

  bool ok() const { return exit_code == 0 && !timed_out && !output_exceeded; }
  // Vietnamese: "quá thời gian 60 giây", "kết quả vượt quá 64 MB",
  // "chương trình pandoc chưa được cài đặt", "chương trình dừng bất thường
  // (tín hiệu 9)" (plus a hint at the memory limit for SIGSEGV/SIGABRT/
  // SIGBUS or an allocation failure in stderr), or the exit status and
  // stderr's last line; names the limit that stopped it.
  std::string describe(const SubprocessLimits& limits) const;
};

// Runs argv[0] (looked up in PATH when it has no '/') with `argv`, in
// `workdir`, stdin from `input`, environment PATH (the parent's, or
// /usr/bin:/bin), LANG=LC_ALL=C.UTF-8, HOME=workdir, TMPDIR=workdir plus
// `env` ("NAME=value", overriding those). Nothing else of the parent's
// environment, no file descriptor but 0-2, no ignored signals are inherited.
// The child runs in its own process group; whatever is left of that group
// when the child ends (or is killed at a limit) is killed too. Safe to call
// from several threads at once; SIGPIPE never reaches the caller. Never
// throws for the child's failures (they are in the result); throws
// std::runtime_error when it cannot start (empty argv, missing workdir,
// fork/pipe failure).
SubprocessResult run_subprocess(const std::vector<std::string>& argv,
                                const SubprocessLimits& limits,
                                const std::filesystem::path& workdir,
                                const std::vector<std::string>& env = {},
                                std::string_view input = {});

// True when `program` is an executable file in PATH (or at that path).
bool program_available(std::string_view program);

// A fresh private directory (mode 0700) under `parent` (default: TMPDIR or
// /tmp), removed with everything in it when the object is destroyed.
class JobDirectory {
 public:
  explicit JobDirectory(const std::filesystem::path& parent = {});
  JobDirectory(const JobDirectory&) = delete;
  JobDirectory& operator=(const JobDirectory&) = delete;
  ~JobDirectory();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sotay
