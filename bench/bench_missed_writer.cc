// Missed-search writer under a flood: how many rows per second reach the
// database when searches that found nothing arrive faster than commits.
//
//   bench_missed_writer [ROWS [ROUNDS [DIR]]]     (defaults 5000, 5, .)
//   EVIDOC_BENCH_POSTGRES=postgresql://... also runs against PostgreSQL.
//
// Each round, alternating: "row" (one commit per row: the store's default
// AddMissedSearches, i.e. AddMissedSearch for each query, as the writer did
// before batching) and "batch" (the SQLite/PostgreSQL AddMissedSearches: one
// transaction for what queued, at most 512 rows). A round queues ROWS
// distinct queries from one thread as fast as it can (the queue holds them
// all: nothing is dropped), then waits for the writer (Flush); rows/s =
// ROWS / that time. Each round starts from an empty table (a fresh SQLite
// file in DIR; DIR should be on the disk a server would use, not tmpfs) and
// checks that every row arrived. Prints each round and the medians.
//
// A program rather than a Google Benchmark: one round is seconds of fsyncs,
// and the interesting figure is the alternating before/after ratio.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "server/feedback_store.h"
#include "server/missed_search_writer.h"

namespace {

using evidoc::server::FeedbackStore;
using evidoc::server::MissedSearchWriter;

// Forwards everything but AddMissedSearches, so the writer's batches go
// through FeedbackStore's default: one AddMissedSearch (one commit) per row.
class RowByRow final : public FeedbackStore {
 public:
  explicit RowByRow(std::unique_ptr<FeedbackStore> inner) : inner_(std::move(inner)) {}
  evidoc::server::StoreResult AddFeedback(const evidoc::server::Feedback& f) override {
    return inner_->AddFeedback(f);
  }
  evidoc::server::StoreResult AddMissedSearch(std::string_view q) override {
    return inner_->AddMissedSearch(q);
  }
  tl::expected<std::vector<evidoc::server::PageFeedback>, std::string> FeedbackByPage() override {
    return inner_->FeedbackByPage();
  }
  tl::expected<std::vector<evidoc::server::MissedSearch>, std::string> MissedSearches() override {
    return inner_->MissedSearches();
  }
  std::string Describe() const override { return inner_->Describe(); }

 private:
  std::unique_ptr<FeedbackStore> inner_;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// A fresh SQLite file for each round; PostgreSQL keeps its rows (the caller
// counts them first).
tl::expected<std::unique_ptr<FeedbackStore>, std::string> OpenEmpty(const std::string& url,
                                                                    const std::string& file) {
  if (!file.empty()) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
  }
  return evidoc::server::OpenFeedbackStore(url);
}

// One round; returns rows/s, or a negative number after printing an error.
double Round(const std::string& url, const std::string& file, bool batch, int rows,
             int64_t rows_before) {
  auto store = OpenEmpty(url, file);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().c_str());
    return -1;
  }
  std::unique_ptr<FeedbackStore> inner = std::move(*store);
  if (!batch) inner = std::make_unique<RowByRow>(std::move(inner));
  MissedSearchWriter w(std::move(inner), static_cast<size_t>(rows));
  std::vector<std::string> queries;
  queries.reserve(rows);
  for (int i = 0; i < rows; ++i) queries.push_back("flood query " + std::to_string(i));
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& q : queries) (void)w.AddMissedSearch(q);
  w.Flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto missed = w.MissedSearches();
  int64_t total = 0;
  if (missed) {
    for (const auto& m : *missed) total += m.count;
  }
  if (!missed || w.dropped() != 0 || w.failed() != 0 || total - rows_before != rows) {
    std::fprintf(stderr, "round lost rows: dropped %llu failed %llu stored %lld of %d\n",
                 static_cast<unsigned long long>(w.dropped()),
                 static_cast<unsigned long long>(w.failed()),
                 static_cast<long long>(total - rows_before), rows);
    return -1;
  }
  return rows / seconds;
}

int64_t CountRows(const std::string& url) {
  auto s = evidoc::server::OpenFeedbackStore(url);
  if (!s) return 0;
  auto missed = (*s)->MissedSearches();
  int64_t total = 0;
  if (missed) {
    for (const auto& m : *missed) total += m.count;
  }
  return total;
}

bool Run(const std::string& label, const std::string& url, const std::string& file, int rows,
         int rounds) {
  std::vector<double> row_rates, batch_rates;
  std::printf("%s: %d rows a round, alternating\n", label.c_str(), rows);
  for (int r = 0; r < rounds; ++r) {
    for (bool batch : {false, true}) {
      // PostgreSQL keeps its rows between rounds: count what is there.
      const int64_t before = file.empty() ? CountRows(url) : 0;
      double rate = Round(url, file, batch, rows, before);
      if (rate < 0) return false;
      (batch ? batch_rates : row_rates).push_back(rate);
      std::printf("  round %d %-5s %10.0f rows/s\n", r + 1, batch ? "batch" : "row", rate);
      std::fflush(stdout);
    }
  }
  const double row = Median(row_rates), batch = Median(batch_rates);
  std::printf("%s median: row %.0f rows/s, batch %.0f rows/s, %.1fx\n", label.c_str(), row, batch,
              batch / row);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5000;
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const std::filesystem::path dir = argc > 3 ? argv[3] : ".";
  const std::string file =
      (dir / ("bench-missed-writer-" + std::to_string(getpid()) + ".db")).string();
  bool ok = Run("sqlite (synchronous=FULL, WAL)", "sqlite:" + file, file, rows, rounds);
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
  if (const char* pg = std::getenv("EVIDOC_BENCH_POSTGRES"); ok && pg != nullptr && *pg) {
    ok = Run("postgresql", pg, "", rows, rounds);
  }
  return ok ? 0 : 1;
}
