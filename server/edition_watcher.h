// Following the current edition of an index root while serving.
//
// A background thread checks every `interval` where `current` points. Each
// handler thread keeps its own Searcher (Xapian objects are not thread-safe)
// and opens the new edition on its next request after a switch, so requests
// in flight finish on the edition they started with and none fails.
//
// When the index root is itself a database that changes in place (a replica
// kept by xapian-replicate, edition.h is_in_place_database()), each thread's
// Searcher calls Database::reopen() at most once per `interval`; when
// reopen() fails because replication replaced the files (a full copy
// switches replica_0/replica_1 and deletes the old one: DatabaseNotFoundError
// or DatabaseOpeningError), the database is opened again from the path.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
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

  // This thread's Searcher on the current edition. Throws NoEditionError.
  Searcher& searcher();

  // The current edition's directory, if any.
  std::optional<std::filesystem::path> current() const;

  // Checks for a new edition now (the thread does this every interval).
  void poll();

 private:
  void run();

  const std::filesystem::path root_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::optional<std::filesystem::path> current_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<bool> in_place_{false};
  const std::uint64_t instance_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sotay
