#include "site/site_builder.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>

#include "common/file_system.h"
#include "content/loader.h"
#include "site/remove_tree.h"

namespace evidoc::site {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".evidoc-output";

std::string ErrnoText(int err) { return std::strerror(err); }

// A sibling name for OUT ("public.tmp-k3x9q2"): same folder, so the final
// rename stays on one file system and is atomic.
std::string SiblingName(const fs::path& out, const char* tag) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::string suffix;
  for (int i = 0; i < 6; ++i) suffix.push_back(kAlphabet[rd() % 36]);
  fs::path p = out;
  p += std::string(".") + tag + "-" + suffix;
  return p.string();
}

// Creates (or truncates) `path` and writes `bytes`. Parent folders are made
// only when the open says they are missing: most pages go into a folder of
// their own made by this very call, and the rest into folders that exist,
// so the common case is one open, one write and one close.
bool WriteWholeFile(const std::string& path, const std::string& bytes, std::string& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 && errno == ENOENT) {
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec && !fs::is_directory(parent)) {
      error = parent.string() + ": cannot create: " + ec.message();
      return false;
    }
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  }
  if (fd < 0) {
    error = path + ": cannot create: " + ErrnoText(errno);
    return false;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = path + ": cannot write: " + ErrnoText(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    error = path + ": cannot write: " + ErrnoText(errno);
    return false;
  }
  return true;
}

// Flushes everything written under `dir` (files and folder entries) with
// one syncfs(2) call, rather than an fsync per file: a 10,000-page build
// writes 20,000 files and per-file fsync would dominate the build time.
bool SyncFileSystem(const std::string& dir, std::string& error) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    error = dir + ": cannot open: " + ErrnoText(errno);
    return false;
  }
  const int rc = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) {
    error = dir + ": cannot flush to disk: " + ErrnoText(err);
    return false;
  }
  return true;
}

void SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

bool ReplaceDirectoryAtomically(const std::string& out_dir,
                                const std::function<bool(const std::string& tmp_dir)>& write,
                                Diagnostics& diags) {
  const Location where{out_dir, 0, 0};
  std::error_code ec;
  fs::path out = fs::path(out_dir).lexically_normal();
  if (out.has_filename() == false) out = out.parent_path();  // "public/" -> "public"
  if (out.empty() || out == "." || out == ".." || out == out.root_path()) {
    diags.Error(where, "refusing to replace '" + out_dir + "': choose a folder for the site");
    return false;
  }
  const bool exists = fs::exists(fs::symlink_status(out, ec));
  if (exists) {
    if (!fs::is_directory(fs::symlink_status(out, ec))) {
      diags.Error(where, "output exists and is not a folder; refusing to replace it");
      return false;
    }
    const bool empty = fs::is_empty(out, ec);
    if (!empty && !fs::exists(out / kMarker, ec)) {
      diags.Error(where, "output folder exists and was not written by evidoc build (no " +
                             std::string(kMarker) +
                             "); refusing to replace it: remove it or choose "
                             "another folder");
      return false;
    }
  }
  fs::path parent = out.parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec)) {
    diags.Error(where, "the folder '" + parent.string() + "' does not exist");
    return false;
  }

  const std::string tmp = SiblingName(out, "tmp");
  if (!fs::create_directory(tmp, ec) || ec) {
    diags.Error(where, "cannot create temporary folder '" + tmp + "': " + ec.message());
    return false;
  }
  auto discard = [&] {
    std::string ignored;
    RemoveTree(tmp, ignored);
  };
  std::string error;
  if (!write(tmp)) {
    discard();
    return false;
  }
  if (!WriteWholeFile((fs::path(tmp) / kMarker).string(), "evidoc build output\n", error) ||
      !SyncFileSystem(tmp, error)) {
    diags.Error(where, error);
    discard();
    return false;
  }

  if (!exists) {
    if (::rename(tmp.c_str(), out.c_str()) != 0) {
      diags.Error(where, "cannot move the new site into place: " + ErrnoText(errno));
      discard();
      return false;
    }
  } else if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
    // One atomic step: OUT is the new site, `tmp` now holds the old one.
    std::string ignored;
    RemoveTree(tmp, ignored);
  } else {
    // File systems without RENAME_EXCHANGE: two renames. Between them OUT
    // is briefly absent, but never half-written.
    const std::string old = SiblingName(out, "old");
    if (::rename(out.c_str(), old.c_str()) != 0) {
      diags.Error(where, "cannot move the old site aside: " + ErrnoText(errno));
      discard();
      return false;
    }
    if (::rename(tmp.c_str(), out.c_str()) != 0) {
      const int err = errno;
      ::rename(old.c_str(), out.c_str());  // put the old site back
      diags.Error(where, "cannot move the new site into place: " + ErrnoText(err));
      discard();
      return false;
    }
    std::string ignored;
    RemoveTree(old, ignored);
  }
  SyncDirectory(parent);
  return true;
}

BuildResult BuildSite(const std::string& content_dir, const std::string& out_dir,
                      const BuildOptions& options) {
  BuildResult result;
  using Clock = std::chrono::steady_clock;
  Clock::time_point mark = Clock::now();
  auto lap = [&](const char* step) {
    const Clock::time_point now = Clock::now();
    result.timings.push_back({step, std::chrono::duration<double>(now - mark).count()});
    mark = now;
  };
  RealFileSystem disk;
  content::LoadOptions load_options;
  load_options.threads = options.threads;
  content::LoadResult loaded = content::Load(disk, content_dir, load_options);
  result.diagnostics.Append(loaded.diagnostics);
  lap("load and check");
  if (loaded.content == nullptr || loaded.diagnostics.has_errors()) return result;
  const std::shared_ptr<const knowledge::Knowledge> knowledge = knowledge::Weigh(loaded.content);
  result.diagnostics.Append(knowledge->diagnostics);
  lap("weigh");

  RenderOptions render_options;
  render_options.threads = options.threads;
  // The expected count for the progress line: two files per article plus the
  // fixed pages, assets and images; extensions make it an estimate.
  const size_t expected =
      loaded.content->articles.size() * 2 + loaded.content->image_files.size() + 16;
  result.ok = ReplaceDirectoryAtomically(
      out_dir,
      [&](const std::string& tmp) {
        std::mutex mu;  // guards `error`, `created` and the progress callback
        std::string error;
        std::atomic<size_t> written{0};
        RenderSiteStreaming(*knowledge, render_options, [&](SiteFile&& f) {
          {
            std::lock_guard<std::mutex> lock(mu);
            if (!error.empty()) return;  // the build has already failed
          }
          std::string local_error;
          WriteWholeFile(tmp + "/" + f.path, f.bytes, local_error);
          std::lock_guard<std::mutex> lock(mu);
          if (!local_error.empty()) {
            if (error.empty()) error = local_error;
            return;
          }
          const size_t done = ++written;
          if (options.progress) options.progress(done, std::max(expected, done));
        });
        result.files = written.load();
        lap("render and write");
        if (!error.empty()) {
          result.diagnostics.Error(Location{out_dir, 0, 0}, error);
          return false;
        }
        return true;
      },
      result.diagnostics);
  lap("flush, swap, remove the old output");
  return result;
}

}  // namespace evidoc::site
