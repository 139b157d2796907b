// `evidoc build`: load → weigh → render → write the output folder atomically.
//
// RenderSiteStreaming is the engine behind RenderSite (render_site.h): it
// renders the site's files in parallel and hands each to a sink as soon as
// it is ready, so a build of 10,000 articles writes pages while others are
// still rendering and never holds the whole site in memory.
//
// BuildSite writes into a staging folder beside OUT (the previous build,
// ".OUT.evidoc-previous", written over), flushes it to disk, then swaps it
// in with one atomic rename; on any failure before the swap OUT is
// untouched. Refuses to replace a non-empty
// folder that an earlier evidoc build did not write (it carries a
// `.evidoc-output` marker), so `-o ~` cannot wipe a home directory.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "knowledge/knowledge.h"
#include "site/render_site.h"

namespace evidoc::site {

// Called once per file, from the rendering threads (concurrently: the sink
// must be thread-safe). Files arrive in no particular order; sitemap.xml
// comes last.
using FileSink = std::function<void(SiteFile&& file)>;

// Renders every file RenderSite returns, handing each to `sink`. Returns
// the number of files. REQUIRES: knowledge built from error-free content.
size_t RenderSiteStreaming(const knowledge::Knowledge& knowledge, const RenderOptions& options,
                           const FileSink& sink);

struct BuildOptions {
  int threads = 0;  // loading and rendering threads; 0: all hardware threads
  // Flush the new site to disk before swapping it in (see
  // ReplaceDirectoryAtomically). Off for throwaway builds (CI previews).
  bool sync = true;
  // Called after each file is written with (files written, files expected);
  // from several threads, serialised by the builder. Default: none.
  std::function<void(size_t done, size_t total)> progress;
};

// Wall-clock seconds of each step of a build, in order (for --timings).
struct BuildTiming {
  std::string step;  // "load and check", "weigh", "render and write", ...
  double seconds = 0;
};

struct BuildResult {
  Diagnostics diagnostics;           // the loader's and weigher's, then any write error
  bool ok = false;                   // OUT now holds the new site
  size_t files = 0;                  // files written
  std::vector<BuildTiming> timings;  // the steps that ran
  // What the site was built from (null when the content had errors); a
  // caller about to exit may keep it to skip freeing it (see build_command).
  std::shared_ptr<const knowledge::Knowledge> knowledge;
};

// Loads CONTENT, weighs it, renders the site and replaces OUT atomically.
// On content errors or any I/O failure, `ok` is false, the diagnostics say
// why, and OUT is exactly as it was. Never throws.
BuildResult BuildSite(const std::string& content_dir, const std::string& out_dir,
                      const BuildOptions& options = {});

// Fills the staging folder `dir` and lists every file it wrote (paths
// relative to `dir`, '/'-separated) in `written`. Returns false after adding
// an error to the diagnostics on failure.
using WriteFolder = std::function<bool(const std::string& dir, std::vector<std::string>& written)>;

// The swap alone (exposed for tests): `write` fills a staging folder beside
// `out_dir`, which then replaces out_dir in one atomic rename. The staging
// folder is the previous build, kept as ".NAME.evidoc-previous" beside
// out_dir: `write` writes over its files, and files it did not write are
// removed before the swap (so it may find old files there, and must write
// every file whole). Two builds of one output at once: the second stages in
// a fresh folder. Returns true when out_dir holds the new content; on
// failure out_dir is untouched.
// `sync`: flush the staging folder to disk (syncfs) before the swap, so a
// power cut cannot leave OUT naming files whose data never reached the disk.
bool ReplaceDirectoryAtomically(const std::string& out_dir, const WriteFolder& write,
                                Diagnostics& diags, bool sync = true);

}  // namespace evidoc::site
