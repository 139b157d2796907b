// Counters for /metrics in the Prometheus text exposition format (0.0.4):
// requests by route class and status, a latency histogram, searches and
// zero-result searches, feedback, snapshot reloads, and the missed-search
// writer's dropped and failed queries.
//
// Lock-free (relaxed atomics): every request updates a few counters on the
// hot path. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace evidoc::server {

class MissedSearchWriter;

enum class RouteClass {
  kPage,
  kAsset,
  kSearch,
  kApi,
  kCheck,
  kFeedback,
  kInfobutton,
  kFhir,
  kHealth,
  kMetrics,
  kOther
};
inline constexpr int kRouteClassCount = 11;
std::string_view RouteClassName(RouteClass r);  // "page", "asset", ...

// The route class of a request path ("/api/v1/search" → kApi... see .cc).
RouteClass ClassifyPath(std::string_view path);

class Metrics {
 public:
  Metrics();
  void CountRequest(RouteClass route, int status, std::chrono::microseconds elapsed);
  void CountSearch(bool found_nothing);
  void CountFeedback() { feedback_.fetch_add(1, std::memory_order_relaxed); }
  void CountReload(bool ok) {
    (ok ? reloads_ : reload_failures_).fetch_add(1, std::memory_order_relaxed);
  }
  void SetGeneration(uint64_t g) { generation_.store(g, std::memory_order_relaxed); }
  // Render() reports w->dropped() and w->failed() as
  // evidoc_missed_searches_dropped_total and _failed_total (0 while none is
  // set). Not owned: `w` must outlive every Render() that may see it; set
  // nullptr before destroying the writer if Render() may still run.
  void SetMissedSearchWriter(const MissedSearchWriter* w) {
    missed_search_writer_.store(w, std::memory_order_release);
  }

  // The exposition text.
  std::string Render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    1.0};

 private:
  static constexpr std::array<int, 16> kStatuses = {200, 204, 301, 303, 304, 400, 404, 405,
                                                    408, 413, 414, 415, 429, 431, 500, 503};
  static constexpr int kOtherStatus = kStatuses.size();
  std::array<std::array<std::atomic<uint64_t>, kStatuses.size() + 1>, kRouteClassCount> requests_;
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_;  // last: +Inf
  std::atomic<uint64_t> latency_sum_us_{0};
  std::atomic<uint64_t> searches_{0}, missed_searches_{0}, feedback_{0};
  std::atomic<uint64_t> reloads_{0}, reload_failures_{0}, generation_{0};
  std::atomic<const MissedSearchWriter*> missed_search_writer_{nullptr};
};

}  // namespace evidoc::server
