// evidoc serve CONTENT [--host 127.0.0.1] [--port 8080] [--db URL] [--watch]:
// loads, weighs, renders and indexes the content once, then serves the site,
// search, API, checks, Infobutton and FHIR from memory (server/). Prints the
// URL on stdout when ready. SIGTERM or SIGINT stops it gracefully: no new
// connections, requests in flight finish, queued missed searches are
// written, the feedback store is closed.
// Exit 0 after a clean stop, 1 content errors or a failure to listen or open
// the database, 2 usage.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "server/app.h"
#include "server/feedback_store.h"
#include "server/http_server.h"
#include "server/missed_search_writer.h"
#include "server/site_loader.h"

namespace evidoc::cli {
namespace {

void PrintDiagnostics(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.items()) {
    std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  }
}

}  // namespace

int RunServe(int argc, char** argv) {
  CLI::App app{"Serve the site, search, API, checks, Infobutton and FHIR over HTTP.",
               "evidoc serve"};
  std::string content_dir;
  server::ServerOptions options;
  std::string db = "sqlite:evidoc.db";
  bool watch = false;
  bool quiet = false;
  int poll_ms = 1000;
  app.add_option("CONTENT", content_dir, "the content folder")->required();
  app.add_option("--host", options.host, "address to listen on (default 127.0.0.1)");
  app.add_option("--port", options.port, "port (default 8080; 0 picks a free one)");
  app.add_option("--db", db,
                 "feedback store: sqlite:PATH (default sqlite:evidoc.db) or postgresql://...");
  app.add_flag("--watch", watch, "rebuild when the content changes");
  app.add_option("--watch-interval-ms", poll_ms, "how often --watch looks (default 1000)")
      ->check(CLI::Range(50, 60000));
  app.add_option("--threads", options.threads, "server threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  app.add_flag("--no-access-log", quiet, "do not write the access log to stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  // Block the stop signals in every thread (the server's threads inherit the
  // mask); the main thread waits for them with sigwait below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const auto start = std::chrono::steady_clock::now();
  server::LoadedSite site = server::LoadSite(content_dir, 1);
  PrintDiagnostics(site.diagnostics);
  if (site.snapshot == nullptr) {
    std::fprintf(stderr, "evidoc serve: '%s' has errors; nothing to serve\n", content_dir.c_str());
    return 1;
  }
  auto opened = server::OpenFeedbackStore(db);
  if (!opened) {
    std::fprintf(stderr, "evidoc serve: %s\n", opened.error().c_str());
    return 1;
  }
  // Missed searches are logged by a background thread: a commit (an fsync
  // with SQLite) on a server thread would stall its other connections.
  // Feedback still goes straight to the database before the reply.
  auto store = std::make_unique<server::MissedSearchWriter>(std::move(*opened));

  server::SnapshotHolder holder;
  server::Metrics metrics;
  metrics.SetGeneration(site.snapshot->generation);
  metrics.SetMissedSearchWriter(store.get());  // unset below before the writer goes
  const size_t files = site.snapshot->files.size();
  holder.Set(std::move(site.snapshot));
  server::AppOptions app_options;
  app_options.store = store.get();
  app_options.access_log = quiet ? nullptr : stderr;
  server::App routes(holder, metrics, app_options);
  server::HttpServer http(
      options, [&routes](const server::Request& r) { return routes.Handle(r); },
      [&routes](const server::Request& r, int status, size_t bytes,
                std::chrono::microseconds elapsed) { routes.Log(r, status, bytes, elapsed); });
  auto port = http.Start();
  if (!port) {
    std::fprintf(stderr, "evidoc serve: %s\n", port.error().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::fprintf(stderr, "evidoc serve: %zu files from %s ready in %.2f s; feedback in %s\n", files,
               content_dir.c_str(), seconds, store->Describe().c_str());
  std::printf("http://%s:%u/\n", host.c_str(), static_cast<unsigned>(*port));
  std::fflush(stdout);

  std::unique_ptr<server::ContentWatcher> watcher;
  if (watch) {
    watcher = std::make_unique<server::ContentWatcher>(
        content_dir, 1, std::chrono::milliseconds(poll_ms), [&](server::LoadedSite next) {
          PrintDiagnostics(next.diagnostics);
          if (next.snapshot == nullptr) {
            metrics.CountReload(false);
            std::fprintf(stderr,
                         "evidoc serve: the edit has errors; still serving the last good "
                         "version\n");
            return;
          }
          uint64_t generation = next.snapshot->generation;
          holder.Set(std::move(next.snapshot));
          metrics.SetGeneration(generation);
          metrics.CountReload(true);
          std::fprintf(stderr, "evidoc serve: content changed; now serving version %llu\n",
                       static_cast<unsigned long long>(generation));
        });
  }

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, "evidoc serve: %s received; finishing requests in flight\n",
               sig == SIGTERM ? "SIGTERM" : "SIGINT");
  if (watcher) watcher->Stop();
  http.Stop(std::chrono::seconds(10));
  // Requests have finished: writes the missed searches still queued, then
  // closes the database (feedback was committed before each reply).
  metrics.SetMissedSearchWriter(nullptr);
  store.reset();
  std::fprintf(stderr, "evidoc serve: stopped\n");
  return 0;
}

}  // namespace evidoc::cli
