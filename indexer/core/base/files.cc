#include "files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sotay {

namespace fs = std::filesystem;

namespace {

// Opens (creating) the lock file `path`; throws when it cannot.
int open_lock_file(const fs::path& path, unsigned mode) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) {
    throw std::runtime_error("không mở được " + path.string() + ": " + std::strerror(errno));
  }
  return fd;
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("không ghi được " + path.string() + ": " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

void write_file_atomic(const fs::path& path, std::string_view bytes, unsigned mode) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fs::create_directories(dir);
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw std::runtime_error("không tạo được tệp tạm trong " + dir.string() + ": " +
                             std::strerror(errno));
  }
  const fs::path tmp(name.data());
  try {
    ::fchmod(fd, static_cast<mode_t>(mode));
    write_all(fd, bytes, tmp);
    if (::fsync(fd) != 0) {
      throw std::runtime_error("không fsync được " + tmp.string() + ": " + std::strerror(errno));
    }
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error("không đổi tên được thành " + path.string() + ": " +
                             std::strerror(err));
  }
  sync_directory(dir);
}

void append_line_durable(const fs::path& path, std::string_view line, unsigned mode) {
  if (!path.parent_path().empty()) fs::create_directories(path.parent_path());
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) {
    throw std::runtime_error("không mở được " + path.string() + ": " + std::strerror(errno));
  }
  std::string text(line);
  text += '\n';
  try {
    write_all(fd, text, path);
    ::fsync(fd);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": không đọc được tệp");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

FileLock FileLock::wait(const fs::path& path, unsigned mode) {
  const int fd = open_lock_file(path, mode);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      const int err = errno;
      ::close(fd);
      throw std::runtime_error("không khóa được " + path.string() + ": " + std::strerror(err));
    }
  }
  return FileLock(fd);
}

std::optional<FileLock> FileLock::try_lock(const fs::path& path, unsigned mode) {
  const int fd = open_lock_file(path, mode);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    if (err == EINTR) continue;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::nullopt;
    throw std::runtime_error("không khóa được " + path.string() + ": " + std::strerror(err));
  }
  return FileLock(fd);
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace sotay
