// Files: reading whole files, atomic writes (temporary file, fsync, rename,
// fsync of the directory), durable appends, locks between processes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sotay {

// Writes `bytes` to `path` atomically: a temporary file in the same
// directory, fsync, rename over `path`, fsync of the directory. Creates the
// parent directories. `mode` is the new file's permission bits.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       unsigned mode = 0644);

// Appends one line (a '\n' is added) with O_APPEND and fsyncs it.
void append_line_durable(const std::filesystem::path& path, std::string_view line,
                         unsigned mode = 0600);

// Reads a whole file; throws std::runtime_error naming the path on failure.
std::string read_file(const std::filesystem::path& path);

// fsyncs a directory so a rename in it is durable.
void sync_directory(const std::filesystem::path& dir);

// An exclusive flock() on a lock file (created with `mode`, and its parent
// directories), held until the FileLock is destroyed. flock() locks belong
// to the open file: a second FileLock on the same path conflicts with the
// first even in the same process, and the kernel releases the lock when a
// process dies, so a crash never leaves a stale lock.
class FileLock {
 public:
  // Waits for the lock. Throws std::runtime_error naming the file when it
  // cannot be opened or locked.
  static FileLock wait(const std::filesystem::path& path, unsigned mode = 0644);
  // The lock, or nullopt when someone else holds it. Throws as wait() does.
  static std::optional<FileLock> try_lock(const std::filesystem::path& path, unsigned mode = 0644);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace sotay
