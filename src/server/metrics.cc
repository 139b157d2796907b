#include "server/metrics.h"

#include <cstdio>

#include "server/missed_search_writer.h"

namespace evidoc::server {

std::string_view RouteClassName(RouteClass r) {
  switch (r) {
    case RouteClass::kPage:
      return "page";
    case RouteClass::kAsset:
      return "asset";
    case RouteClass::kSearch:
      return "search";
    case RouteClass::kApi:
      return "api";
    case RouteClass::kCheck:
      return "check";
    case RouteClass::kFeedback:
      return "feedback";
    case RouteClass::kInfobutton:
      return "infobutton";
    case RouteClass::kFhir:
      return "fhir";
    case RouteClass::kHealth:
      return "health";
    case RouteClass::kMetrics:
      return "metrics";
    case RouteClass::kOther:
      return "other";
  }
  return "other";
}

RouteClass ClassifyPath(std::string_view p) {
  p = p.substr(0, p.find('?'));
  if (p == "/search" || p == "/search/" || p == "/api/v1/search" || p == "/api/v1/suggest") {
    return RouteClass::kSearch;
  }
  if (p.starts_with("/api/v1/medicines-check") || p.starts_with("/api/v1/symptom-check") ||
      p.starts_with("/medicines-check") || p.starts_with("/symptom-check")) {
    return RouteClass::kCheck;
  }
  if (p == "/feedback" || p == "/api/v1/feedback") return RouteClass::kFeedback;
  if (p.starts_with("/api/")) return RouteClass::kApi;
  if (p == "/infobutton") return RouteClass::kInfobutton;
  if (p.starts_with("/fhir/")) return RouteClass::kFhir;
  if (p == "/healthz") return RouteClass::kHealth;
  if (p == "/metrics") return RouteClass::kMetrics;
  if (p.starts_with("/assets/") || p.starts_with("/images/")) return RouteClass::kAsset;
  if (p.starts_with("/")) return RouteClass::kPage;
  return RouteClass::kOther;
}

Metrics::Metrics() {
  for (auto& row : requests_) {
    for (auto& c : row) c.store(0);
  }
  for (auto& b : buckets_) b.store(0);
}

void Metrics::CountRequest(RouteClass route, int status, std::chrono::microseconds elapsed) {
  int si = kOtherStatus;
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) si = static_cast<int>(i);
  }
  requests_[static_cast<int>(route)][si].fetch_add(1, std::memory_order_relaxed);
  double seconds = static_cast<double>(elapsed.count()) / 1e6;
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  latency_sum_us_.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::CountSearch(bool found_nothing) {
  searches_.fetch_add(1, std::memory_order_relaxed);
  if (found_nothing) missed_searches_.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  char line[512];  // the longest line (a HELP, TYPE and value) is under 250 bytes
  out +=
      "# HELP evidoc_http_requests_total HTTP requests answered, by route class and status.\n"
      "# TYPE evidoc_http_requests_total counter\n";
  for (int r = 0; r < kRouteClassCount; ++r) {
    for (size_t s = 0; s <= kStatuses.size(); ++s) {
      uint64_t v = requests_[r][s].load(std::memory_order_relaxed);
      if (v == 0) continue;
      std::string status = s < kStatuses.size() ? std::to_string(kStatuses[s]) : "other";
      std::snprintf(line, sizeof line,
                    "evidoc_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                    std::string(RouteClassName(static_cast<RouteClass>(r))).c_str(), status.c_str(),
                    static_cast<unsigned long long>(v));
      out += line;
    }
  }
  out +=
      "# HELP evidoc_http_request_duration_seconds Time to compute a response (excluding the "
      "network).\n"
      "# TYPE evidoc_http_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += buckets_[b].load(std::memory_order_relaxed);
    if (b < kBuckets.size()) {
      std::snprintf(line, sizeof line,
                    "evidoc_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[b],
                    static_cast<unsigned long long>(cumulative));
    } else {
      std::snprintf(line, sizeof line,
                    "evidoc_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                    static_cast<unsigned long long>(cumulative));
    }
    out += line;
  }
  std::snprintf(line, sizeof line, "evidoc_http_request_duration_seconds_sum %.6f\n",
                static_cast<double>(latency_sum_us_.load(std::memory_order_relaxed)) / 1e6);
  out += line;
  std::snprintf(line, sizeof line, "evidoc_http_request_duration_seconds_count %llu\n",
                static_cast<unsigned long long>(cumulative));
  out += line;
  auto counter = [&](const char* name, const char* help, const char* type, uint64_t v) {
    std::snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name,
                  type, name, static_cast<unsigned long long>(v));
    out += line;
  };
  counter("evidoc_searches_total", "Searches run (page and API).", "counter", searches_.load());
  counter("evidoc_searches_zero_results_total", "Searches that found nothing.", "counter",
          missed_searches_.load());
  const MissedSearchWriter* writer = missed_search_writer_.load(std::memory_order_acquire);
  counter("evidoc_missed_searches_dropped_total",
          "Searches that found nothing not logged for editors: the queue was full.", "counter",
          writer ? writer->dropped() : 0);
  counter("evidoc_missed_searches_failed_total",
          "Searches that found nothing not logged for editors: the database refused them.",
          "counter", writer ? writer->failed() : 0);
  counter("evidoc_feedback_total", "Feedback answers stored.", "counter", feedback_.load());
  counter("evidoc_snapshot_reloads_total", "Content rebuilds swapped in by --watch.", "counter",
          reloads_.load());
  counter("evidoc_snapshot_reload_failures_total",
          "Content rebuilds refused (the last good snapshot was kept).", "counter",
          reload_failures_.load());
  counter("evidoc_snapshot_generation", "Generation of the snapshot being served.", "gauge",
          generation_.load());
  return out;
}

}  // namespace evidoc::server
