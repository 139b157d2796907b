#include "server/site_loader.h"

#include <algorithm>
#include <filesystem>

#include "common/file_system.h"
#include "content/loader.h"
#include "site/render_site.h"

namespace evidoc::server {

LoadedSite LoadSite(const std::string& content_dir, uint64_t generation) {
  LoadedSite out;
  RealFileSystem fs;
  content::LoadResult loaded = content::Load(fs, content_dir);
  out.diagnostics = loaded.diagnostics;
  if (loaded.content == nullptr || loaded.diagnostics.has_errors()) return out;
  std::shared_ptr<const knowledge::Knowledge> k = knowledge::Weigh(loaded.content);
  if (k == nullptr) {
    out.diagnostics.Error({content_dir, 0, 0}, "the evidence could not be weighed");
    return out;
  }
  out.diagnostics.Append(k->diagnostics);
  std::vector<site::SiteFile> files = site::RenderSite(*k);
  auto snap = BuildSnapshot(k, std::move(files), generation);
  if (!snap) {
    out.diagnostics.Error({content_dir, 0, 0}, snap.error());
    return out;
  }
  out.snapshot = std::move(*snap);
  return out;
}

uint64_t FolderFingerprint(const std::string& dir) {
  namespace fs = std::filesystem;
  uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 1099511628211ULL;
    }
  };
  std::error_code ec;
  // Sorted so that the directory's listing order does not matter.
  std::vector<std::string> entries;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (size_t n = 0; !ec && it != fs::recursive_directory_iterator() && n < 100000;
       it.increment(ec), ++n) {
    if (!it->is_regular_file(ec)) continue;
    auto size = it->file_size(ec);
    auto mtime = it->last_write_time(ec).time_since_epoch().count();
    entries.push_back(it->path().string() + "\t" + std::to_string(size) + "\t" +
                      std::to_string(mtime));
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) mix(e.data(), e.size() + 1);
  return h;
}

ContentWatcher::ContentWatcher(std::string content_dir, uint64_t first_generation,
                               std::chrono::milliseconds interval,
                               std::function<void(LoadedSite)> on_result)
    : dir_(std::move(content_dir)),
      generation_(first_generation),
      interval_(interval),
      on_result_(std::move(on_result)) {
  thread_ = std::thread([this] { Run(); });
}

ContentWatcher::~ContentWatcher() { Stop(); }

void ContentWatcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ContentWatcher::Run() {
  uint64_t last = FolderFingerprint(dir_);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    cv_.wait_for(lock, interval_, [this] { return stop_; });
    if (stop_) break;
    lock.unlock();
    uint64_t now = FolderFingerprint(dir_);
    if (now != last) {
      // An editor's save may touch several files: wait for the folder to
      // settle (two equal fingerprints) before rebuilding.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      uint64_t settled = FolderFingerprint(dir_);
      if (settled == now) {
        last = now;
        on_result_(LoadSite(dir_, ++generation_));
      }
    }
    lock.lock();
  }
}

}  // namespace evidoc::server
