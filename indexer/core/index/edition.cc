#include "edition.h"
#include "files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr const char* CURRENT = "current";
constexpr const char* EDITIONS = "editions";

bool is_xapian_database(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) ||
         fs::exists(dir / "iamhoney", ec);
}

FileLock lock_index(const fs::path& index_root) {
  std::optional<FileLock> lock = FileLock::try_lock(index_root / ".lock");
  if (!lock) {
    throw IndexBusyError(index_root.string() +
                         ": một lần xây dựng chỉ mục khác đang chạy (khóa .lock)");
  }
  return std::move(*lock);
}

}  // namespace

bool is_in_place_database(const fs::path& dir) {
  std::error_code ec;
  return is_xapian_database(dir) || fs::is_regular_file(dir / "XAPIANDB", ec);
}

std::optional<fs::path> current_edition(const fs::path& index_root) {
  std::error_code ec;
  if (is_in_place_database(index_root)) return fs::absolute(index_root, ec);
  const fs::path link = index_root / CURRENT;
  const fs::path target = fs::canonical(link, ec);
  if (ec || !is_xapian_database(target)) return std::nullopt;
  return target;
}

void switch_current(const fs::path& index_root, const fs::path& edition_dir) {
  const fs::path tmp = index_root / (std::string(CURRENT) + ".new");
  std::error_code ec;
  fs::remove(tmp, ec);
  const fs::path target = fs::path(EDITIONS) / edition_dir.filename();
  fs::create_symlink(target, tmp);
  if (std::rename(tmp.c_str(), (index_root / CURRENT).c_str()) != 0) {
    throw std::runtime_error("không chuyển được ấn bản hiện hành: " +
                             std::string(std::strerror(errno)));
  }
  sync_directory(index_root);
}

std::vector<std::string> list_editions(const fs::path& index_root) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(index_root / EDITIONS, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] != '.' && is_xapian_database(entry.path())) ids.push_back(name);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

void prune_editions(const fs::path& index_root, std::size_t keep, const std::string& also_keep) {
  const auto current = current_edition(index_root);
  std::vector<std::string> ids = list_editions(index_root);
  std::error_code ec;
  for (std::size_t i = 0; i + keep < ids.size(); ++i) {
    const fs::path dir = index_root / EDITIONS / ids[i];
    if (current && fs::equivalent(*current, dir, ec)) continue;
    if (ids[i] == also_keep) continue;
    fs::remove_all(dir, ec);
  }
  for (const auto& entry : fs::directory_iterator(index_root / EDITIONS, ec)) {
    if (entry.path().filename().string().rfind(".building-", 0) == 0) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

IndexLock::IndexLock(const fs::path& index_root) : lock_(lock_index(index_root)) {}

}  // namespace sotay
