#include "site/remove_tree.h"

#include <gtest/gtest.h>
#include <unistd.h>

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

}  // namespace
}  // namespace evidoc::site
