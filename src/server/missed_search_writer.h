// MissedSearchWriter: a FeedbackStore that logs missed searches off the
// request threads. `evidoc serve` wraps its real store in one.
//
// Why: with SQLite (synchronous=FULL) each AddMissedSearch commit forces a
// disk write, 0.6 ms median and up to 16 ms worst; on an HTTP server thread
// that stalls every other connection the thread serves (issue #7). A missed
// search is a statistic for editors, not a reader's answer, so it need not be
// durable before the reply.
//
// - AddMissedSearch only queues the query (as given: the caller normalises)
//   and returns at once; one background thread writes queued queries, in
//   order, in batches: it takes everything queued (at most max_batch) and
//   writes it with one call of the wrapped store's AddMissedSearches — one
//   transaction, one commit. Nothing waits to fill a batch: when searches
//   are rare each is written alone at once; under a flood, what queued up
//   during one commit goes in the next. bench/bench_missed_writer, 5,000
//   queued at once, medians of 5 alternating rounds (Debug, 2 cores, load
//   2.7): SQLite (WAL, synchronous=FULL) one commit per row 3,262 rows/s,
//   batches 310,846 rows/s; PostgreSQL 1,248 vs 33,450 rows/s.
// - AddFeedback is passed straight through: a reader's feedback is still
//   committed before the reply.
// - MissedSearches and FeedbackByPage first wait until every query queued
//   before the call has been written, so a reader sees every earlier search.
// - The destructor writes everything still queued, then joins the thread.
//   A crash (not a graceful stop) loses what is still queued.
// - The queue is bounded; when full, the query is dropped and counted.
// - A failure of the wrapped store in the background is counted and printed
//   once to stderr; it never stops the writer. A failed batch counts every
//   query in it as failed and is not retried row by row: the SQLite and
//   PostgreSQL batches are all or nothing, and what fails them once the
//   queries are normalised (NormaliseSearchQuery: valid UTF-8, no control
//   characters) is the database — down, disk full, locked past the busy
//   timeout — where one retry per row would multiply the wait (up to 5 s of
//   SQLite busy timeout each) and fail again. (With a store that keeps the
//   non-atomic default AddMissedSearches, a failed batch may have written
//   some of its rows; they are still counted as failed.)
// - dropped() and failed() are exported by /metrics
//   (Metrics::SetMissedSearchWriter).
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>

#include "server/feedback_store.h"

namespace evidoc::server {

class MissedSearchWriter final : public FeedbackStore {
 public:
  // Queries waiting to be written, at most. A flood of junk queries faster
  // than the disk must not grow memory without bound: 10,000 queries of at
  // most 256 bytes is under 3 MB, and many seconds of disk stalls.
  static constexpr size_t kDefaultMaxQueued = 10000;
  // Queries written in one transaction, at most. 512 rows of at most 256
  // bytes commit in a few milliseconds, so a reader's Flush() or a shutdown
  // never waits behind one huge transaction, and a failed batch loses little;
  // yet one fsync per 512 rows is far past any realistic rate of searches.
  static constexpr size_t kDefaultMaxBatch = 512;

  // REQUIRES: inner != nullptr, max_queued >= 1, max_batch >= 1 (0 is taken
  // as 1). Starts the writer thread. max_batch = 1 writes one row per
  // transaction.
  // Up to max_queued + max_batch queries are held in memory: a batch being
  // written has left the queue.
  explicit MissedSearchWriter(std::unique_ptr<FeedbackStore> inner,
                              size_t max_queued = kDefaultMaxQueued,
                              size_t max_batch = kDefaultMaxBatch);
  // Writes everything queued, then joins the writer thread and closes the
  // wrapped store. REQUIRES: no call on this object is running or will start.
  ~MissedSearchWriter() override;
  MissedSearchWriter(const MissedSearchWriter&) = delete;
  MissedSearchWriter& operator=(const MissedSearchWriter&) = delete;

  // Synchronous: the wrapped store's answer.
  StoreResult AddFeedback(const Feedback& f) override;
  // Queues `query` and returns without touching the store. Fails (and counts
  // the drop) only when the queue is full; write errors come later and are
  // counted in failed().
  StoreResult AddMissedSearch(std::string_view query) override;
  // Queues every query that fits and counts the rest as dropped; fails (with
  // AddMissedSearch's message) when any was dropped.
  StoreResult AddMissedSearches(std::span<const std::string> queries) override;
  // Flush(), then the wrapped store's answer.
  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override;
  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override;
  std::string Describe() const override;

  // Returns once every query queued before the call has been written (or
  // failed to be written).
  void Flush();

  // Queries dropped because the queue was full.
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  // Queries the wrapped store failed to write (every query of a failed
  // batch).
  uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }

 private:
  void Run();

  std::unique_ptr<FeedbackStore> inner_;
  const size_t max_queued_;
  const size_t max_batch_;
  std::mutex mu_;
  std::condition_variable wake_writer_;  // queue not empty, or stopping
  std::condition_variable written_cv_;   // written_ advanced
  std::deque<std::string> queue_;        // guarded by mu_
  uint64_t queued_total_ = 0;            // guarded by mu_: ever accepted
  uint64_t written_total_ = 0;           // guarded by mu_: ever written or failed
  bool stopping_ = false;                // guarded by mu_
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> failed_{0};
  std::thread writer_;  // last: starts after every member above exists
};

}  // namespace evidoc::server
