// From a content folder to a Snapshot: load → weigh → render every file →
// index, the same pipeline as `evidoc build` (RenderSite gives the same files
// at the same paths); and ContentWatcher, which rebuilds when the folder
// changes and swaps the new snapshot in, keeping the last good one when an
// edit breaks the content.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tl/expected.hpp>

#include "common/diagnostic.h"
#include "server/snapshot.h"

namespace evidoc::server {

struct LoadedSite {
  std::shared_ptr<const Snapshot> snapshot;  // null when the content has errors
  Diagnostics diagnostics;                   // the loader's and weigher's (warnings too)
};

// Loads, weighs, renders and indexes `content_dir`. Never throws.
LoadedSite LoadSite(const std::string& content_dir, uint64_t generation);

// A cheap fingerprint of a folder: every regular file's path, size and
// modification time, hashed. Changes when any file is added, removed or
// written. At most 100,000 files are looked at (a content folder has hundreds).
uint64_t FolderFingerprint(const std::string& dir);

// Polls a content folder and rebuilds on change, on its own thread.
class ContentWatcher {
 public:
  // `on_result` gets each rebuild's outcome (from the watcher thread):
  // with a snapshot to swap in, or with the diagnostics that kept the last one.
  ContentWatcher(std::string content_dir, uint64_t first_generation,
                 std::chrono::milliseconds interval, std::function<void(LoadedSite)> on_result);
  ~ContentWatcher();  // stops and joins
  void Stop();

 private:
  void Run();
  std::string dir_;
  uint64_t generation_;
  std::chrono::milliseconds interval_;
  std::function<void(LoadedSite)> on_result_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace evidoc::server
