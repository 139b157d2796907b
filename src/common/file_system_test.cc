#include "common/file_system.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace evidoc {
namespace {

TEST(JoinPath, OneSlash) {
  EXPECT_EQ(JoinPath("a", "b"), "a/b");
  EXPECT_EQ(JoinPath("a/", "b"), "a/b");
  EXPECT_EQ(JoinPath("a/", "/b"), "a/b");
  EXPECT_EQ(JoinPath("", "b"), "b");
}

TEST(MemoryFileSystem, FilesAndImplicitDirectories) {
  MemoryFileSystem fs;
  fs.AddFile("root/articles/b.md", "B");
  fs.AddFile("root/articles/a.md", "A");
  fs.AddFile("root/site.yaml", "title: x");
  EXPECT_TRUE(fs.IsDir("root"));
  EXPECT_TRUE(fs.IsDir("root/articles/"));
  EXPECT_FALSE(fs.IsFile("root/articles"));
  EXPECT_TRUE(fs.IsFile("root/./articles/a.md"));
  EXPECT_FALSE(fs.Exists("root/missing"));
  auto names = fs.ListDir("root");
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::vector<std::string>{"articles", "site.yaml"}));
  EXPECT_EQ(*fs.ReadFile("root/articles/a.md", 10), "A");
  EXPECT_EQ(fs.ReadFile("root/nope", 10).error().message, "no such file");
  EXPECT_EQ(fs.ReadFile("root/articles", 10).error().message, "not a regular file");
  EXPECT_EQ(fs.ReadFile("root/site.yaml", 3).error().message,
            "file is 8 bytes, over the limit of 3 bytes");
  EXPECT_FALSE(fs.ListDir("root/site.yaml"));
}

TEST(RealFileSystem, ReadsListsAndLimits) {
  namespace stdfs = std::filesystem;
  stdfs::path dir = stdfs::temp_directory_path() / ("evidoc_fs_test_" + std::to_string(::getpid()));
  stdfs::create_directories(dir / "sub");
  { std::ofstream(dir / "b.txt") << "hello"; }
  { std::ofstream(dir / "a.txt") << ""; }
  RealFileSystem fs;
  EXPECT_EQ(*fs.ReadFile((dir / "b.txt").string(), 100), "hello");
  EXPECT_EQ(*fs.ReadFile((dir / "a.txt").string(), 100), "");
  EXPECT_EQ(fs.ReadFile((dir / "b.txt").string(), 4).error().message,
            "file is 5 bytes, over the limit of 4 bytes");
  EXPECT_EQ(fs.ReadFile((dir / "sub").string(), 100).error().message, "not a regular file");
  EXPECT_EQ(fs.ReadFile((dir / "zzz").string(), 100).error().message, "no such file");
  EXPECT_EQ(*fs.ListDir(dir.string()), (std::vector<std::string>{"a.txt", "b.txt", "sub"}));
  EXPECT_TRUE(fs.IsDir((dir / "sub").string()));
  EXPECT_TRUE(fs.IsFile((dir / "a.txt").string()));
  EXPECT_FALSE(fs.Exists((dir / "zzz").string()));
  stdfs::remove_all(dir);
}

}  // namespace
}  // namespace evidoc
