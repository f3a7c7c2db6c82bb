#include "edition_watcher.h"

#include "edition.h"

namespace sotay {

EditionWatcher::EditionWatcher(std::filesystem::path index_root, std::chrono::milliseconds interval)
    : root_(std::move(index_root)), interval_(interval) {
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
  std::map<std::thread::id, Slot> released;
  {
    std::lock_guard lock(mutex_);
    if (found == current_) return;
    current_ = std::move(found);
    ++generation_;
    released.swap(slots_);
  }
  // Searchers no request holds close here, outside the lock.
}

std::optional<std::filesystem::path> EditionWatcher::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

bool EditionWatcher::refresh(Slot& slot) {
  const auto now = std::chrono::steady_clock::now();
  if (now - slot.checked < interval_) return true;
  slot.checked = now;
  try {
    slot.searcher->reopen();  // a new revision may bring a new dictionary and summary
    return true;
  } catch (const Xapian::DatabaseError&) {
    // DatabaseNotFoundError / DatabaseOpeningError after a full copy.
    return false;
  }
}

EditionWatcher::Slot EditionWatcher::open_current() {
  for (int attempt = 0;; ++attempt) {
    std::optional<std::filesystem::path> path;
    Slot slot;
    {
      std::lock_guard lock(mutex_);
      path = current_;
      slot.generation = generation_;
    }
    if (!path) throw NoEditionError("chưa có ấn bản nào được xuất bản trong " + root_.string());
    try {
      slot.searcher = std::make_shared<Searcher>(Xapian::Database(path->string()));
      slot.checked = std::chrono::steady_clock::now();
      return slot;
    } catch (const Xapian::DatabaseOpeningError&) {
      // The edition was pruned between the poll and the open: look again.
      if (attempt >= 2) throw;
      poll();
    }
  }
}

void EditionWatcher::keep(const Slot& slot) {
  std::lock_guard lock(mutex_);
  // Opened on an edition that has been switched away from since: the
  // request uses it, no idle thread keeps it.
  if (slot.generation == generation_) slots_[std::this_thread::get_id()] = slot;
}

std::shared_ptr<Searcher> EditionWatcher::searcher() {
  Slot slot;
  {
    std::lock_guard lock(mutex_);
    const auto it = slots_.find(std::this_thread::get_id());
    if (it != slots_.end()) slot = it->second;
  }
  if (slot.searcher) {
    const auto checked = slot.checked;
    if (!in_place_ || refresh(slot)) {
      if (slot.checked != checked) keep(slot);
      return slot.searcher;
    }
  }
  slot = open_current();
  keep(slot);
  return slot.searcher;
}

}  // namespace sotay
