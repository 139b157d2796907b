#include "site/remove_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/parallel_for.h"

namespace evidoc::site {
namespace {

// More threads than cores on purpose: they spend their time blocked in the
// kernel waiting for the disk, not computing.
constexpr unsigned kRemoveThreads = 8;

struct Entry {
  std::string name;
  bool is_dir = false;
};

// The entries of the open folder `fd` (not "." and ".."), read with
// getdents64 straight into a buffer on the stack. readdir(3) would need a
// duplicate descriptor (closedir closes it), an fstat and a 32 KiB heap
// buffer per folder: most of the cost of walking a site's 10,000 small
// folders. Does not close `fd`. Returns false on a read error (errno set).
bool ListEntries(int fd, std::vector<Entry>& out) {
  if (fd < 0) return false;
  // The kernel's record (glibc declares no struct for it).
  struct LinuxDirent64 {
    ino64_t d_ino;
    off64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
  };
  alignas(LinuxDirent64) char buffer[8192];
  for (;;) {
    const long n = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    for (long at = 0; at < n;) {
      const auto* e = reinterpret_cast<const LinuxDirent64*>(buffer + at);
      at += e->d_reclen;
      const std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      bool is_dir = e->d_type == DT_DIR;
      if (e->d_type == DT_UNKNOWN) {  // some file systems do not fill d_type
        struct stat st {};
        is_dir = ::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
      }
      out.push_back({std::string(name), is_dir});
    }
  }
}

class Remover {
 public:
  explicit Remover(std::string& error) : error_(error) {}

  // Removes entry `e` of the folder open as `parent` (path `parent_path`).
  void RemoveEntry(int parent, const std::string& parent_path, const Entry& e) {
    const std::string path = parent_path + "/" + e.name;
    if (e.is_dir) {
      const int dir =
          ::openat(parent, e.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (dir < 0) return Fail(path, errno);
      std::vector<Entry> entries;
      if (!ListEntries(dir, entries)) {
        Fail(path, errno);
      } else {
        for (const Entry& child : entries) RemoveEntry(dir, path, child);
      }
      ::close(dir);
    }
    if (::unlinkat(parent, e.name.c_str(), e.is_dir ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT) {
      Fail(path, errno);
    }
  }

  void Fail(const std::string& path, int err) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.empty()) error_ = path + ": cannot remove: " + std::strerror(err);
  }

 private:
  std::mutex mu_;
  std::string& error_;
};

// The kept files and the folders leading to them, as views into `keep`.
class KeepSet {
 public:
  explicit KeepSet(const std::vector<std::string>& keep) {
    files_.reserve(keep.size());
    folders_.reserve(keep.size());
    for (const std::string& path : keep) {
      const std::string_view p = path;
      files_.insert(p);
      for (size_t slash = p.find('/'); slash != std::string_view::npos;
           slash = p.find('/', slash + 1)) {
        folders_.insert(p.substr(0, slash));
      }
    }
  }
  bool HasFile(std::string_view rel) const { return files_.count(rel) != 0; }
  bool HasFolder(std::string_view rel) const { return folders_.count(rel) != 0; }

 private:
  std::unordered_set<std::string_view> files_;
  std::unordered_set<std::string_view> folders_;
};

class Pruner {
 public:
  Pruner(const std::string& root, const KeepSet& keep, std::string& error)
      : root_(root), keep_(keep), remover_(error) {}

  // Entry `e` of the folder open as `parent`, whose path relative to the
  // root is `rel_parent` ("" for the root itself).
  void Prune(int parent, const std::string& rel_parent, const Entry& e) {
    std::string rel = rel_parent.empty() ? e.name : rel_parent + "/" + e.name;
    if (!e.is_dir) {
      if (!keep_.HasFile(rel) && ::unlinkat(parent, e.name.c_str(), 0) != 0 && errno != ENOENT) {
        remover_.Fail(root_ + "/" + rel, errno);
      }
      return;
    }
    if (!keep_.HasFolder(rel)) {
      remover_.RemoveEntry(parent, rel_parent.empty() ? root_ : root_ + "/" + rel_parent, e);
      return;
    }
    const int dir =
        ::openat(parent, e.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    std::vector<Entry> entries;
    if (dir < 0 || !ListEntries(dir, entries)) {
      remover_.Fail(root_ + "/" + rel, errno);
    } else {
      for (const Entry& child : entries) Prune(dir, rel, child);
    }
    if (dir >= 0) ::close(dir);
  }

 private:
  const std::string& root_;
  const KeepSet& keep_;
  Remover remover_;
};

}  // namespace

bool RemoveAllExcept(const std::string& dir, const std::vector<std::string>& keep,
                     std::string& error) {
  error.clear();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  std::vector<Entry> entries;
  if (fd < 0 || !ListEntries(fd, entries)) {
    error = dir + ": cannot list: " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  const KeepSet keep_set(keep);
  Pruner pruner(dir, keep_set, error);
  // Listing folders is work for the CPU (the entries are cached), so one
  // thread per core; the top-level entries are one folder per article.
  ParallelFor(entries.size(), DefaultThreadCount(),
              [&](size_t i) { pruner.Prune(fd, "", entries[i]); });
  ::close(fd);
  return error.empty();
}

bool RemoveTree(const std::string& dir, std::string& error) {
  error.clear();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return true;
    if (errno == ENOTDIR || errno == ELOOP) {  // a file or a link: remove just that
      if (::unlink(dir.c_str()) == 0 || errno == ENOENT) return true;
    }
    error = dir + ": cannot remove: " + std::strerror(errno);
    return false;
  }
  std::vector<Entry> entries;
  if (!ListEntries(fd, entries)) {
    error = dir + ": cannot list: " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  Remover remover(error);
  // The top-level entries are spread over the threads; with one folder per
  // article that balances well.
  ParallelFor(entries.size(), kRemoveThreads,
              [&](size_t i) { remover.RemoveEntry(fd, dir, entries[i]); });
  ::close(fd);
  if (!error.empty()) return false;
  if (::rmdir(dir.c_str()) != 0 && errno != ENOENT) {
    error = dir + ": cannot remove: " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace evidoc::site
