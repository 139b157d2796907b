#include "common/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

namespace evidoc {

namespace fs = std::filesystem;

std::string JoinPath(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  if (a.back() == '/') return a + (b.front() == '/' ? b.substr(1) : b);
  return a + (b.front() == '/' ? b : "/" + b);
}

// --- RealFileSystem -------------------------------------------------------
// std::filesystem functions are called with std::error_code so that nothing
// throws across this edge.

// POSIX calls rather than std::ifstream: one open, one fstat and one read
// per file (a large build reads thousands), and O_NONBLOCK so that a FIFO in
// the content folder cannot block the open.
tl::expected<std::string, FileError> RealFileSystem::ReadFile(const std::string& path,
                                                              size_t max_bytes) const {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return tl::unexpected(FileError{"no such file"});
    return tl::unexpected(FileError{"cannot open"});
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return tl::unexpected(FileError{"cannot open"});
  if (!S_ISREG(st.st_mode)) return tl::unexpected(FileError{"not a regular file"});
  const auto size = static_cast<uintmax_t>(st.st_size);
  if (size > max_bytes) {
    return tl::unexpected(FileError{"file is " + std::to_string(size) +
                                    " bytes, over the limit of " + std::to_string(max_bytes) +
                                    " bytes"});
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return tl::unexpected(FileError{std::string("cannot read: ") + std::strerror(errno)});
    if (n == 0) break;  // the file shrank meanwhile
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

tl::expected<std::vector<std::string>, FileError> RealFileSystem::ListDir(
    const std::string& dir) const {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return tl::unexpected(FileError{"not a directory"});
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) return tl::unexpected(FileError{"cannot list: " + ec.message()});
  std::sort(names.begin(), names.end());
  return names;
}

bool RealFileSystem::Exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(path, ec);
}
bool RealFileSystem::IsFile(const std::string& path) const {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}
bool RealFileSystem::IsDir(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// --- MemoryFileSystem -----------------------------------------------------

std::string MemoryFileSystem::Normalize(const std::string& path) {
  std::string out;
  // Collapse "//" and "./" segments and drop a trailing '/', enough for the
  // paths the loader builds with JoinPath.
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (!seg.empty() && seg != ".") {
      if (!out.empty()) out += '/';
      out += seg;
    }
    i = j + 1;
  }
  if (!path.empty() && path[0] == '/') out = "/" + out;
  return out;
}

void MemoryFileSystem::AddFile(const std::string& path, std::string bytes) {
  files_[Normalize(path)] = std::move(bytes);
}

tl::expected<std::string, FileError> MemoryFileSystem::ReadFile(const std::string& path,
                                                                size_t max_bytes) const {
  auto it = files_.find(Normalize(path));
  if (it == files_.end()) {
    if (IsDir(path)) return tl::unexpected(FileError{"not a regular file"});
    return tl::unexpected(FileError{"no such file"});
  }
  if (it->second.size() > max_bytes) {
    return tl::unexpected(FileError{"file is " + std::to_string(it->second.size()) +
                                    " bytes, over the limit of " + std::to_string(max_bytes) +
                                    " bytes"});
  }
  return it->second;
}

tl::expected<std::vector<std::string>, FileError> MemoryFileSystem::ListDir(
    const std::string& dir) const {
  if (!IsDir(dir)) return tl::unexpected(FileError{"not a directory"});
  std::string prefix = Normalize(dir);
  if (!prefix.empty()) prefix += '/';
  std::set<std::string> names;
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return std::vector<std::string>(names.begin(), names.end());
}

bool MemoryFileSystem::Exists(const std::string& path) const { return IsFile(path) || IsDir(path); }
bool MemoryFileSystem::IsFile(const std::string& path) const {
  return files_.count(Normalize(path)) > 0;
}
bool MemoryFileSystem::IsDir(const std::string& path) const {
  std::string prefix = Normalize(path);
  if (prefix.empty()) return !files_.empty();
  prefix += '/';
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace evidoc
