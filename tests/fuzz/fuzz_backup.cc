// libFuzzer target: restoring an archive someone hands the editor
// (backup.h). The input is written to a file and restored into a fresh
// directory; every refusal is an exception, anything else (a crash, a leak,
// a file written outside the directory's parts) is a finding. Seeds:
// a valid backup as plain tar and as tar + zstd (tests/fuzz/run.sh).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "backup.h"

namespace fs = std::filesystem;

namespace {

const fs::path& work_dir() {
  static const fs::path dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "sotay-fuzz-backup-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    return fs::path(tmpl);
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path dir = work_dir();
  const fs::path archive = dir / "input.tar";
  {
    std::ofstream out(archive, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const fs::path to = dir / "out";
  sotay::BackupPaths paths{to / "content",   to / "inbox",  to / "auth.json",
                           to / "audit.log", to / "q.json", to / "index"};
  try {
    sotay::restore_backup(archive, paths, false);
  } catch (const std::exception&) {
    // Refused: the expected outcome for almost every input.
  }
  // Nothing may appear beside `out` but the input itself.
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path() != archive && e.path() != to) std::abort();
  }
  fs::remove_all(to);
  return 0;
}
