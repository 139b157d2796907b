#include "site/remove_tree.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace evidoc::site {
namespace {

namespace fs = std::filesystem;

class RemoveTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("evidoc-remove-tree-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "x";
  }
  fs::path root_;
};

TEST_F(RemoveTreeTest, RemovesNestedFoldersAndFiles) {
  const fs::path site = root_ / "site";
  for (int i = 0; i < 50; ++i) Write(site / ("page-" + std::to_string(i)) / "index.html");
  Write(site / "api" / "v1" / "articles" / "a.json");
  Write(site / "top.html");
  fs::create_directories(site / "empty" / "deeper");
  std::string error;
  EXPECT_TRUE(RemoveTree(site.string(), error)) << error;
  EXPECT_EQ(error, "");
  EXPECT_FALSE(fs::exists(site));
}

TEST_F(RemoveTreeTest, RemovesLinksWithoutFollowingThem) {
  const fs::path site = root_ / "site";
  const fs::path outside = root_ / "keep" / "precious.txt";
  Write(outside);
  Write(site / "a.html");
  fs::create_directory_symlink(root_ / "keep", site / "link-to-folder");
  fs::create_symlink(outside, site / "link-to-file");
  std::string error;
  EXPECT_TRUE(RemoveTree(site.string(), error)) << error;
  EXPECT_FALSE(fs::exists(fs::symlink_status(site)));
  EXPECT_TRUE(fs::exists(outside));
}

TEST_F(RemoveTreeTest, AMissingFolderIsAlreadyRemoved) {
  std::string error;
  EXPECT_TRUE(RemoveTree((root_ / "never-made").string(), error));
  EXPECT_EQ(error, "");
}

// Every file and folder under `dir`, relative, sorted; folders end in '/'.
std::vector<std::string> Listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = fs::relative(e.path(), dir).string();
    if (e.is_directory() && !e.is_symlink()) rel += "/";
    out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(RemoveTreeTest, RemoveAllExceptKeepsTheListedFilesAndTheFoldersLeadingToThem) {
  const fs::path site = root_ / "site";
  for (int i = 0; i < 30; ++i) Write(site / ("page-" + std::to_string(i)) / "index.html");
  Write(site / "page-3" / "old-figure.svg");  // a renamed image: stale
  Write(site / "api" / "v1" / "articles" / "page-1.json");
  Write(site / "api" / "v1" / "articles" / "gone.json");
  Write(site / "index.html");
  Write(site / "notes-by-hand.txt");
  fs::create_directories(site / "empty" / "deeper");
  std::vector<std::string> keep = {"index.html", "api/v1/articles/page-1.json",
                                   "page-3/index.html"};
  for (int i = 0; i < 30; i += 2) keep.push_back("page-" + std::to_string(i) + "/index.html");
  std::string error;
  EXPECT_TRUE(RemoveAllExcept(site.string(), keep, error)) << error;
  EXPECT_EQ(error, "");
  std::vector<std::string> expected = {"api/", "api/v1/", "api/v1/articles/",
                                       "api/v1/articles/page-1.json", "index.html"};
  for (int i = 0; i < 30; i += 2) {
    expected.push_back("page-" + std::to_string(i) + "/");
    expected.push_back("page-" + std::to_string(i) + "/index.html");
  }
  expected.push_back("page-3/");
  expected.push_back("page-3/index.html");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Listing(site), expected);
}

TEST_F(RemoveTreeTest, RemoveAllExceptRemovesLinksWithoutFollowingThem) {
  const fs::path site = root_ / "site";
  const fs::path outside = root_ / "elsewhere" / "precious.txt";
  Write(outside);
  Write(site / "a" / "index.html");
  // A link where a kept folder's file would be, and one to a folder.
  fs::create_directory_symlink(root_ / "elsewhere", site / "b");
  fs::create_symlink(outside, site / "a" / "link.txt");
  std::string error;
  EXPECT_TRUE(RemoveAllExcept(site.string(), {"a/index.html", "b/precious.txt"}, error)) << error;
  EXPECT_EQ(Listing(site), (std::vector<std::string>{"a/", "a/index.html"}));
  EXPECT_TRUE(fs::exists(outside));
}

TEST_F(RemoveTreeTest, RemoveAllExceptSaysWhichFolderItCannotList) {
  std::string error;
  const std::string missing = (root_ / "never-made").string();
  EXPECT_FALSE(RemoveAllExcept(missing, {"index.html"}, error));
  EXPECT_EQ(error, missing + ": cannot list: No such file or directory");
}

}  // namespace
}  // namespace evidoc::site
