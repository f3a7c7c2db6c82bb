// Running independent work items on a few threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace sotay {

// The number of threads a build uses when none is asked for: every core.
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls fn(i) for every i in [0, n) on up to `jobs` threads (the calling
// thread is one of them); items are handed out in order, one at a time. The
// first exception thrown by fn is rethrown here once every thread has
// stopped; items not yet started are then skipped.
template <typename Fn>
void parallel_for(std::size_t n, unsigned jobs, Fn&& fn) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::atomic_flag error_taken = ATOMIC_FLAG_INIT;
  auto work = [&] {
    while (!failed.load()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) break;
      try {
        fn(i);
      } catch (...) {
        if (!error_taken.test_and_set()) error = std::current_exception();
        failed = true;
      }
    }
  };
  const std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), n);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace sotay
