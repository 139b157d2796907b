#pragma once

// ParallelFor: runs body(i) for every i in [0, n) on up to `threads` threads
// (the calling thread is one of them). Items are handed out one at a time
// from an atomic counter, so uneven items balance themselves.
//
// REQUIRES: body(i) for different i may run at the same time, so it must
// touch only its own slot of shared state (or lock). The first exception a
// body throws is rethrown on the calling thread after every thread has
// stopped; items not yet started are then skipped.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace evidoc {

// The number of threads to use when the user did not say: every core.
inline unsigned DefaultThreadCount() { return std::max(1u, std::thread::hardware_concurrency()); }

template <typename Body>
void ParallelFor(size_t n, unsigned threads, Body&& body) {
  threads = static_cast<unsigned>(std::min<size_t>(std::max(1u, threads), n));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mu;
  auto worker = [&] {
    for (size_t i = next++; i < n && !failed.load(std::memory_order_relaxed); i = next++) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& th : pool) th.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace evidoc
