#include "edition_watcher.h"

#include <map>
#include <memory>

#include "edition.h"

namespace sotay {

namespace {

std::atomic<std::uint64_t> next_instance{1};

struct CachedSearcher {
  std::uint64_t generation = 0;
  std::unique_ptr<Searcher> searcher;
  std::chrono::steady_clock::time_point checked;  // last reopen() (in-place databases)
};

// Brings an in-place database up to date; false when it must be opened
// again from its path.
bool refresh(CachedSearcher& entry, std::chrono::milliseconds interval) {
  const auto now = std::chrono::steady_clock::now();
  if (now - entry.checked < interval) return true;
  entry.checked = now;
  try {
    Xapian::Database db = entry.searcher->database();
    // A new revision may bring a new dictionary and edition summary.
    if (db.reopen()) entry.searcher = std::make_unique<Searcher>(db);
    return true;
  } catch (const Xapian::DatabaseError&) {
    // DatabaseNotFoundError / DatabaseOpeningError after a full copy.
    return false;
  }
}

// Per thread, per watcher instance (tests run several servers in a process).
thread_local std::map<std::uint64_t, CachedSearcher> cache;

}  // namespace

EditionWatcher::EditionWatcher(std::filesystem::path index_root, std::chrono::milliseconds interval)
    : root_(std::move(index_root)), interval_(interval), instance_(next_instance++) {
  poll();
  thread_ = std::thread([this] { run(); });
}

EditionWatcher::~EditionWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void EditionWatcher::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_);
    if (stopping_) break;
    lock.unlock();
    poll();
    lock.lock();
  }
}

void EditionWatcher::poll() {
  std::optional<std::filesystem::path> found = current_edition(root_);
  in_place_ = is_in_place_database(root_);
  std::lock_guard lock(mutex_);
  if (found != current_) {
    current_ = std::move(found);
    ++generation_;
  }
}

std::optional<std::filesystem::path> EditionWatcher::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

Searcher& EditionWatcher::searcher() {
  CachedSearcher& entry = cache[instance_];
  const std::uint64_t generation = generation_.load();
  if (entry.searcher && entry.generation == generation &&
      (!in_place_ || refresh(entry, interval_))) {
    return *entry.searcher;
  }
  for (int attempt = 0;; ++attempt) {
    const auto path = current();
    if (!path) throw NoEditionError("chưa có ấn bản nào được xuất bản trong " + root_.string());
    try {
      entry.searcher = std::make_unique<Searcher>(Xapian::Database(path->string()));
      entry.generation = generation;
      entry.checked = std::chrono::steady_clock::now();
      return *entry.searcher;
    } catch (const Xapian::DatabaseOpeningError&) {
      // The edition was pruned between the poll and the open: look again.
      if (attempt >= 2) throw;
      poll();
    }
  }
}

}  // namespace sotay
