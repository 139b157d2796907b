#include "server/missed_search_writer.h"

#include <cstdio>
#include <utility>
#include <vector>

namespace evidoc::server {

MissedSearchWriter::MissedSearchWriter(std::unique_ptr<FeedbackStore> inner, size_t max_queued,
                                       size_t max_batch)
    : inner_(std::move(inner)),
      max_queued_(max_queued == 0 ? 1 : max_queued),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      writer_([this] { Run(); }) {}

MissedSearchWriter::~MissedSearchWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_writer_.notify_one();
  writer_.join();  // Run() returns only once the queue is empty
}

StoreResult MissedSearchWriter::AddFeedback(const Feedback& f) { return inner_->AddFeedback(f); }

StoreResult MissedSearchWriter::AddMissedSearch(std::string_view query) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= max_queued_) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return tl::unexpected(std::string("missed-search queue is full; query dropped"));
    }
    queue_.emplace_back(query);
    ++queued_total_;
  }
  wake_writer_.notify_one();
  return {};
}

StoreResult MissedSearchWriter::AddMissedSearches(std::span<const std::string> queries) {
  size_t dropped = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& q : queries) {
      if (queue_.size() >= max_queued_) {
        ++dropped;
        continue;
      }
      queue_.push_back(q);
      ++queued_total_;
    }
  }
  wake_writer_.notify_one();
  if (dropped == 0) return {};
  dropped_.fetch_add(dropped, std::memory_order_relaxed);
  return tl::unexpected(std::string("missed-search queue is full; query dropped"));
}

void MissedSearchWriter::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = queued_total_;
  written_cv_.wait(lock, [&] { return written_total_ >= target; });
}

tl::expected<std::vector<PageFeedback>, std::string> MissedSearchWriter::FeedbackByPage() {
  Flush();
  return inner_->FeedbackByPage();
}

tl::expected<std::vector<MissedSearch>, std::string> MissedSearchWriter::MissedSearches() {
  Flush();
  return inner_->MissedSearches();
}

std::string MissedSearchWriter::Describe() const { return inner_->Describe(); }

void MissedSearchWriter::Run() {
  std::vector<std::string> batch;
  batch.reserve(max_batch_);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    // Everything queued (up to max_batch_) in one transaction. Written
    // without the lock: request threads keep queueing while the store
    // commits, and what they queue is the next batch.
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    const size_t n = batch.size();
    StoreResult r = inner_->AddMissedSearches(batch);
    batch.clear();
    if (!r && failed_.fetch_add(n, std::memory_order_relaxed) == 0) {
      // Once: a broken database would otherwise print a line per batch.
      std::fprintf(stderr,
                   "evidoc serve: could not log %zu missed search%s (%s); further failures are "
                   "counted, not printed\n",
                   n, n == 1 ? "" : "es", r.error().c_str());
    }
    lock.lock();
    written_total_ += n;
    written_cv_.notify_all();
  }
}

}  // namespace evidoc::server
