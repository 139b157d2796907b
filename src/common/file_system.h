// A small read-only view of a file system, so the loader (and its tests) do
// not touch the disk directly (STYLE.md practice 8: side effects at the edges).
//
// Paths are plain strings joined with '/'. RealFileSystem reads the disk;
// MemoryFileSystem holds files in memory for tests and fuzzers. Both are
// thread-compatible for reading: const methods may be called concurrently
// once a MemoryFileSystem is fully populated.
#pragma once

#include <map>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace evidoc {

// A failure to read: a message such as "no such file" or "file is larger than
// the 4 MiB limit". The caller adds the path when it reports it.
struct FileError {
  std::string message;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The whole file's bytes. Fails if `path` does not exist, is not a regular
  // file, cannot be read, or is larger than `max_bytes` (the bytes are never
  // read in that case, so a huge file costs nothing).
  virtual tl::expected<std::string, FileError> ReadFile(const std::string& path,
                                                        size_t max_bytes) const = 0;

  // The names (not paths) of the entries directly inside `dir`, sorted
  // bytewise. Fails if `dir` is not a directory.
  virtual tl::expected<std::vector<std::string>, FileError> ListDir(
      const std::string& dir) const = 0;

  virtual bool Exists(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  virtual bool IsDir(const std::string& path) const = 0;
};

// Joins two path parts with exactly one '/'. An empty `a` yields `b`.
std::string JoinPath(const std::string& a, const std::string& b);

// Reads the real disk (std::filesystem). Never throws.
class RealFileSystem final : public FileSystem {
 public:
  tl::expected<std::string, FileError> ReadFile(const std::string& path,
                                                size_t max_bytes) const override;
  tl::expected<std::vector<std::string>, FileError> ListDir(const std::string& dir) const override;
  bool Exists(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;
};

// An in-memory fake: AddFile("root/articles/a.md", "...") creates the file and,
// implicitly, every parent directory.
class MemoryFileSystem final : public FileSystem {
 public:
  void AddFile(const std::string& path, std::string bytes);

  tl::expected<std::string, FileError> ReadFile(const std::string& path,
                                                size_t max_bytes) const override;
  tl::expected<std::vector<std::string>, FileError> ListDir(const std::string& dir) const override;
  bool Exists(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDir(const std::string& path) const override;

 private:
  static std::string Normalize(const std::string& path);
  std::map<std::string, std::string> files_;  // normalized path -> bytes
};

}  // namespace evidoc
