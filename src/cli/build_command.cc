// evidoc build CONTENT -o OUT: load, weigh and render the whole site, then
// replace OUT atomically (site/site_builder.h). Diagnostics go to stderr as
// `path:line:col: severity: message`. On a terminal a progress line counts
// the files; in a pipe the build is silent unless something is wrong.
// Exit 0 built, 1 content errors or a write failure (OUT untouched), 2 usage.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "common/diagnostic.h"
#include "site/site_builder.h"

namespace evidoc::cli {

int RunBuild(int argc, char** argv) {
  CLI::App app{"Build the static site, JSON API and feeds from a content folder.", "evidoc build"};
  std::string content_dir;
  std::string out_dir;
  int threads = 0;
  app.add_option("CONTENT", content_dir, "the content folder (site.yaml, articles/, ...)")
      ->required();
  app.add_option("-o,--output", out_dir, "the output folder; replaced atomically")->required();
  app.add_option("-j,--threads", threads, "loading and rendering threads (default: all cores)")
      ->check(CLI::Range(0, 256));
  bool no_sync = false;
  app.add_flag("--no-sync", no_sync,
               "do not flush the new site to disk before swapping it in (faster; after a power "
               "cut OUT may hold empty files)");
  bool timings = false;
  app.add_flag("--timings", timings, "print how long each step took (to stderr)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  const bool tty = ::isatty(STDERR_FILENO) == 1;
  const auto start = std::chrono::steady_clock::now();
  site::BuildOptions options;
  options.threads = threads;
  options.sync = !no_sync;
  auto last = start;
  if (tty) {
    // Called under the builder's lock; redraw at most every 100 ms.
    options.progress = [&](size_t done, size_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(100) && done != total) return;
      last = now;
      std::fprintf(stderr, "\rBuilding: %zu/%zu files", done, total);
      std::fflush(stderr);
    };
  }
  // Never freed: the process ends right after, and taking apart every
  // article's tree node by node costs a few percent of a large build for
  // nothing (compilers skip it the same way). Held by a static pointer, so
  // it stays reachable and leak checkers do not report it.
  static const site::BuildResult* kept = nullptr;
  kept = new site::BuildResult(site::BuildSite(content_dir, out_dir, options));
  const site::BuildResult& result = *kept;
  if (tty) std::fprintf(stderr, "\r\033[K");  // clear the progress line
  for (const Diagnostic& d : result.diagnostics.items()) {
    std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  }
  if (timings) {
    for (const site::BuildTiming& t : result.timings) {
      std::fprintf(stderr, "%-36s %8.3f s\n", t.step.c_str(), t.seconds);
    }
  }
  if (!result.ok) {
    std::fprintf(stderr, "evidoc build: failed; '%s' was left as it was\n", out_dir.c_str());
    return 1;
  }
  if (tty) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "Built %zu files into %s in %.2f s\n", result.files, out_dir.c_str(),
                 seconds);
  }
  return 0;
}

}  // namespace evidoc::cli
