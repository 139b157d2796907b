// evidoc's routes: the site's files from the snapshot (gzip, ETag/304, HEAD),
// search (page and JSON), suggestions, the JSON API v1, the medicines and
// symptom checks, feedback, the Infobutton, FHIR, /healthz and /metrics —
// with the security headers on every answer. Plugs into HttpServer as its
// Handler and AccessLogger. docs/api.md lists every route.
//
// Thread-safe: Handle and Log are called concurrently; the App reads the
// current snapshot once per request, so a swap never mixes two snapshots in
// one answer.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/feedback_store.h"
#include "server/http_types.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/snapshot.h"

namespace evidoc::server {

struct AppOptions {
  // Where feedback and zero-result searches go; null: feedback answers 503
  // and missed searches are only counted. Not owned; must outlive the App.
  FeedbackStore* store = nullptr;
  // The current time as "YYYY-MM-DDTHH:MM:SSZ" (UTC); default: the system clock.
  std::function<std::string()> now;
  // Access log destination (one line per request); null: no access log.
  FILE* access_log = stderr;
  // Feedback per client: a burst of 5, then 10 a minute.
  double feedback_burst = 5;
  double feedback_per_minute = 10;
};

// The security headers every response carries (CSP, nosniff, ...).
void AddSecurityHeaders(Response& response);

class App {
 public:
  App(SnapshotHolder& snapshots, Metrics& metrics, AppOptions options = {});

  Response Handle(const Request& request);

  // Counts the request in the metrics and writes the access-log line. The
  // query strings of the checks and of feedback are never logged.
  void Log(const Request& request, int status, size_t bytes, std::chrono::microseconds elapsed);

  // What a search adds to the metrics and the missed-search log.
  struct SearchRecord {
    bool record = false;  // a first page of results
    bool missed = false;
    std::string query;
  };

 private:
  // A site file's prepared answer (one lookup, no per-request headers), or
  // nullopt when the request needs the general route.
  std::optional<Response> Prepared(const Request& request,
                                   const std::shared_ptr<const Snapshot>& snap);
  Response Route(const Request& request, const std::shared_ptr<const Snapshot>& snap);
  Response ServeFile(const Request& request, const std::shared_ptr<const Snapshot>& snap,
                     const StaticFile& file, int status = 200);
  Response NotFound(const Request& request, const std::shared_ptr<const Snapshot>& snap);
  // /search and /api/v1/search (GET or HEAD): a repeated target is answered
  // from the snapshot's cache of recent answers (prepared, like a file).
  Response Search(const Request& request, const std::shared_ptr<const Snapshot>& snap, bool api);
  Response SearchPage(const Request& request, const Snapshot& snap, SearchRecord* record);
  Response SearchApi(const Request& request, const Snapshot& snap, SearchRecord* record);
  Response SuggestApi(const Request& request, const Snapshot& snap);
  Response Api(const Request& request, const std::shared_ptr<const Snapshot>& snap,
               std::string_view rest);
  Response MedicinesCheck(const Request& request, const Snapshot& snap);
  Response SymptomCheck(const Request& request, const Snapshot& snap);
  Response FeedbackPost(const Request& request, const Snapshot& snap, bool form);
  Response Fhir(const Request& request, const Snapshot& snap);
  void RecordSearch(const SearchRecord& record);

  SnapshotHolder& snapshots_;
  Metrics& metrics_;
  AppOptions options_;
  RateLimiter feedback_limiter_;
  std::mutex log_mutex_;
};

// Whether a route other than the site's files answers this path (with or
// without a query): /healthz, /metrics, /search, /feedback, /infobutton,
// /fhir/..., /api....
bool IsDynamicPath(std::string_view path);

// {"status":N,"message":"..."} with that status.
Response JsonError(int status, std::string_view message);

}  // namespace evidoc::server
