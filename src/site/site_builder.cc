#include "site/site_builder.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
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

// Reads the first `want` bytes of the open file `fd` into `out` (fewer at
// the end of the file). Returns the number read, or -1 on an error.
ssize_t ReadPrefix(int fd, size_t want, std::string& out) {
  out.resize(want);
  size_t done = 0;
  while (done < want) {
    const ssize_t n = ::pread(fd, out.data() + done, want - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;  // end of the file
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

// Writes `bytes` as the whole of `path`, over the file's old bytes when it
// exists (no O_TRUNC: truncating frees the blocks that the write then
// allocates again), cutting what is left of a longer old file. Parent
// folders are made only when the open says they are missing, so the common
// case, a page unchanged since the build before last, is one open, one read
// and one close: reading one byte more than the page says whether the old
// file is longer, so no fstat is needed.
bool WriteWholeFile(const std::string& path, const std::string& bytes, std::string& error) {
  // O_RDWR: a file that already holds these bytes is left alone, so its
  // modification time stays (rsync and HTTP caches see it unchanged) and
  // nothing needs flushing.
  constexpr int kFlags = O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW;
  int fd = ::open(path.c_str(), kFlags, 0644);
  if (fd < 0 && errno == ENOENT) {
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec && !fs::is_directory(parent)) {
      error = parent.string() + ": cannot create: " + ec.message();
      return false;
    }
    fd = ::open(path.c_str(), kFlags, 0644);
  }
  if (fd < 0) {
    error = path + ": cannot create: " + ErrnoText(errno);
    return false;
  }
  thread_local std::string old;  // reused: no allocation per file
  const ssize_t old_read = ReadPrefix(fd, bytes.size() + 1, old);
  if (old_read == static_cast<ssize_t>(bytes.size()) &&
      std::memcmp(old.data(), bytes.data(), bytes.size()) == 0) {
    ::close(fd);  // nothing was written, so nothing can be lost here
    return true;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      error = path + ": cannot write: " + ErrnoText(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  // An old file longer than the page (or one that could not be read) is cut.
  if ((old_read < 0 || old_read > static_cast<ssize_t>(bytes.size())) &&
      ::ftruncate(fd, static_cast<off_t>(bytes.size())) != 0) {
    error = path + ": cannot write: " + ErrnoText(errno);
    ::close(fd);
    return false;
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

// A folder written by evidoc build (it carries the marker), or empty.
bool IsOurs(const fs::path& dir) {
  std::error_code ec;
  return fs::is_empty(dir, ec) || fs::exists(dir / kMarker, ec);
}

// Where the previous build is kept: ".public.evidoc-previous" beside
// "public". Rebuilding into it, file by file over the old bytes, creates and
// deletes no files for pages that still exist; on ext4 creating inodes and
// deleting a whole tree (each unlink waiting for the disk's discard) was
// most of a large build's time.
std::string PreviousName(const fs::path& out) {
  return (out.parent_path() / ("." + out.filename().string() + ".evidoc-previous")).string();
}

// Exclusive use of the previous-build folder for one build: an flock on the
// folder itself, checked to still be the folder of that name (another build
// may have swapped it into place meanwhile). A second build of the same
// output at the same time gets a fresh folder instead of waiting.
class StagingLock {
 public:
  StagingLock() = default;
  StagingLock(const StagingLock&) = delete;
  StagingLock& operator=(const StagingLock&) = delete;
  ~StagingLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }

  // Creates `dir` if missing. Returns false (use a fresh folder) when it is
  // not a folder written by evidoc, or when another build holds it.
  bool Acquire(const std::string& dir) {
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return false;
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd_ < 0) return false;
    struct stat held {
    }, named{};
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0 || ::fstat(fd_, &held) != 0 ||
        ::stat(dir.c_str(), &named) != 0 || held.st_ino != named.st_ino ||
        held.st_dev != named.st_dev || !IsOurs(dir)) {
      ::close(fd_);
      fd_ = -1;
      return false;
    }
    return true;
  }

 private:
  int fd_ = -1;
};

void SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

bool ReplaceDirectoryAtomically(const std::string& out_dir, const WriteFolder& write,
                                Diagnostics& diags, bool sync) {
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
    if (!IsOurs(out)) {
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

  // The staging folder: the previous build kept for reuse when we can have
  // it to ourselves, else a fresh folder removed afterwards.
  const std::string previous = PreviousName(out);
  StagingLock lock;
  const bool reuse = lock.Acquire(previous);
  std::string staging = previous;
  if (!reuse) {
    staging = SiblingName(out, "tmp");
    if (!fs::create_directory(staging, ec) || ec) {
      diags.Error(where, "cannot create temporary folder '" + staging + "': " + ec.message());
      return false;
    }
  }
  // On failure a reused staging folder stays (it is not the site, and the
  // next build reuses it); a fresh one is removed.
  auto discard = [&] {
    if (reuse) return;
    std::string ignored;
    RemoveTree(staging, ignored);
  };
  std::vector<std::string> written;
  std::string error;
  if (!write(staging, written)) {
    discard();
    return false;
  }
  // After a build into a reused folder, what this build did not write is
  // stale (pages of deleted articles, renamed images).
  written.push_back(kMarker);
  if ((reuse && !RemoveAllExcept(staging, written, error)) ||
      !WriteWholeFile(staging + "/" + kMarker, "evidoc build output\n", error) ||
      (sync && !SyncFileSystem(staging, error))) {
    diags.Error(where, error);
    discard();
    return false;
  }

  if (!exists) {
    if (::rename(staging.c_str(), out.c_str()) != 0) {
      diags.Error(where, "cannot move the new site into place: " + ErrnoText(errno));
      discard();
      return false;
    }
  } else if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
    // One atomic step: OUT is the new site, `staging` now holds the old one,
    // kept for the next build to overwrite (or removed, if it was a fresh
    // folder and the previous-build name is taken).
    if (!reuse && ::rename(staging.c_str(), previous.c_str()) != 0) {
      std::string ignored;
      RemoveTree(staging, ignored);
    }
  } else {
    // File systems without RENAME_EXCHANGE: two renames. Between them OUT
    // is briefly absent, but never half-written.
    const std::string old = SiblingName(out, "old");
    if (::rename(out.c_str(), old.c_str()) != 0) {
      diags.Error(where, "cannot move the old site aside: " + ErrnoText(errno));
      discard();
      return false;
    }
    if (::rename(staging.c_str(), out.c_str()) != 0) {
      const int err = errno;
      ::rename(old.c_str(), out.c_str());  // put the old site back
      diags.Error(where, "cannot move the new site into place: " + ErrnoText(err));
      discard();
      return false;
    }
    if (::rename(old.c_str(), previous.c_str()) != 0) {
      std::string ignored;
      RemoveTree(old, ignored);
    }
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
      [&](const std::string& tmp, std::vector<std::string>& paths) {
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
          paths.push_back(f.path);
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
      result.diagnostics, options.sync);
  lap("flush, swap, remove the old output");
  result.knowledge = knowledge;
  return result;
}

}  // namespace evidoc::site
