// Following the current edition of an index root while serving.
//
// A background thread checks every `interval` where `current` points. Each
// handler thread has its own Searcher (Xapian objects are not thread-safe),
// held by the watcher between requests and by the request while it runs.
// When the edition changes the watcher lets go of every thread's Searcher:
// idle ones close at once, so a pruned edition's files are not kept open by
// threads that serve no request; requests in flight finish on the edition
// they started with and none fails. Each thread opens the new edition on its
// next request.
//
// When the index root is itself a database that changes in place (a replica
// kept by xapian-replicate, edition.h is_in_place_database()), each thread's
// Searcher reopens at most once per `interval` (Searcher::reopen()); when
// that fails because replication replaced the files (a full copy switches
// replica_0/replica_1 and deletes the old one: DatabaseNotFoundError or
// DatabaseOpeningError), the database is opened again from the path.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "searcher.h"

namespace sotay {

// No edition is published under the index root yet.
class NoEditionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EditionWatcher {
 public:
  EditionWatcher(std::filesystem::path index_root, std::chrono::milliseconds interval);
  ~EditionWatcher();
  EditionWatcher(const EditionWatcher&) = delete;
  EditionWatcher& operator=(const EditionWatcher&) = delete;

  // This thread's Searcher on the current edition; keep it no longer than
  // the request (nor share it with another thread). Throws NoEditionError.
  std::shared_ptr<Searcher> searcher();

  // The current edition's directory, if any.
  std::optional<std::filesystem::path> current() const;

  // Checks for a new edition now (the thread does this every interval).
  void poll();

 private:
  // A thread's Searcher and the edition generation it was opened on.
  struct Slot {
    std::shared_ptr<Searcher> searcher;
    std::uint64_t generation = 0;
    std::chrono::steady_clock::time_point checked;  // last reopen() (in-place databases)
  };

  void run();
  // Opens the current edition for this thread.
  Slot open_current();
  // Keeps `slot` as this thread's, unless the edition changed meanwhile.
  void keep(const Slot& slot);
  // Brings an in-place database up to date; false when it must be opened
  // again from its path.
  bool refresh(Slot& slot);

  const std::filesystem::path root_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::optional<std::filesystem::path> current_;
  std::uint64_t generation_ = 0;  // counts edition switches
  std::map<std::thread::id, Slot> slots_;
  std::atomic<bool> in_place_{false};
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sotay
