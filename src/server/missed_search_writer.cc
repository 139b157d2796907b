#include "server/missed_search_writer.h"

#include <cstdio>
#include <utility>

namespace evidoc::server {

MissedSearchWriter::MissedSearchWriter(std::unique_ptr<FeedbackStore> inner, size_t max_queued)
    : inner_(std::move(inner)),
      max_queued_(max_queued == 0 ? 1 : max_queued),
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
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    // One query at a time, without the lock: request threads keep queueing
    // while the store commits.
    std::string query = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    StoreResult r = inner_->AddMissedSearch(query);
    if (!r && failed_.fetch_add(1, std::memory_order_relaxed) == 0) {
      // Once: a broken database would otherwise print a line per search.
      std::fprintf(stderr,
                   "evidoc serve: could not log a missed search (%s); further failures are "
                   "counted, not printed\n",
                   r.error().c_str());
    }
    lock.lock();
    ++written_total_;
    written_cv_.notify_all();
  }
}

}  // namespace evidoc::server
