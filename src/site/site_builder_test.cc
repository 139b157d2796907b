#include "site/site_builder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace evidoc::site {
namespace {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "evidoc-site-test-XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path path() const { return path_; }

 private:
  fs::path path_;
};

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// Every file under `dir` (relative path -> bytes).
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files[fs::relative(e.path(), dir).string()] = ss.str();
  }
  return files;
}

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ReplaceDirectoryAtomically, CreatesThenReplacesAndLeavesNoTempFolders) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  Diagnostics d;
  ASSERT_TRUE(ReplaceDirectoryAtomically(
      out.string(),
      [](const std::string& dir) {
        Write(fs::path(dir) / "index.html", "one");
        Write(fs::path(dir) / "old/index.html", "gone later");
        return true;
      },
      d));
  EXPECT_TRUE(d.empty());
  ASSERT_TRUE(ReplaceDirectoryAtomically(
      out.string(),
      [](const std::string& dir) {
        Write(fs::path(dir) / "index.html", "two");
        return true;
      },
      d));
  EXPECT_TRUE(d.empty());
  const std::map<std::string, std::string> expected = {{".evidoc-output", "evidoc build output\n"},
                                                       {"index.html", "two"}};
  EXPECT_EQ(Snapshot(out), expected);
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"public"});
}

TEST(ReplaceDirectoryAtomically, FailedWriteLeavesOutputExactlyAsItWas) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  Diagnostics d;
  ASSERT_TRUE(ReplaceDirectoryAtomically(
      out.string(),
      [](const std::string& dir) {
        Write(fs::path(dir) / "index.html", "good site");
        return true;
      },
      d));
  const auto before = Snapshot(out);
  EXPECT_FALSE(ReplaceDirectoryAtomically(
      out.string(),
      [&](const std::string& dir) {
        Write(fs::path(dir) / "index.html", "half a site");
        d.Error({"x", 0, 0}, "disk full");
        return false;
      },
      d));
  EXPECT_EQ(Snapshot(out), before);
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"public"});
}

TEST(ReplaceDirectoryAtomically, RefusesToReplaceAFolderItDidNotWrite) {
  TempDir tmp;
  const fs::path out = tmp.path() / "home";
  Write(out / "thesis.tex", "years of work");
  Diagnostics d;
  bool called = false;
  EXPECT_FALSE(ReplaceDirectoryAtomically(
      out.string(),
      [&](const std::string&) {
        called = true;
        return true;
      },
      d));
  EXPECT_FALSE(called);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(d.items()[0]),
            out.string() +
                ": error: output folder exists and was not written by evidoc build (no "
                ".evidoc-output); refusing to replace it: remove it or choose another folder");
  EXPECT_EQ(Snapshot(out).at("thesis.tex"), "years of work");
}

TEST(ReplaceDirectoryAtomically, AcceptsAnEmptyExistingFolder) {
  TempDir tmp;
  const fs::path out = tmp.path() / "empty";
  fs::create_directory(out);
  Diagnostics d;
  EXPECT_TRUE(ReplaceDirectoryAtomically(
      out.string(),
      [](const std::string& dir) {
        Write(fs::path(dir) / "a.txt", "a");
        return true;
      },
      d));
  EXPECT_EQ(Snapshot(out).at("a.txt"), "a");
}

TEST(BuildSite, BrokenContentLeavesThePreviousSiteUntouched) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const std::string good = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/good-content";
  const std::string broken = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/broken-content";
  BuildOptions options;
  options.threads = 2;
  const BuildResult first = BuildSite(good, out.string(), options);
  for (const Diagnostic& diag : first.diagnostics.items()) {
    EXPECT_NE(diag.severity, Severity::kError) << FormatDiagnostic(diag);
  }
  ASSERT_TRUE(first.ok);
  EXPECT_GT(first.files, 10u);
  const auto before = Snapshot(out);
  EXPECT_EQ(before.count("index.html"), 1u);
  EXPECT_EQ(before.count("sitemap.xml"), 1u);
  EXPECT_EQ(before.count("api/v1/articles.json"), 1u);

  const BuildResult second = BuildSite(broken, out.string(), options);
  EXPECT_FALSE(second.ok);
  EXPECT_TRUE(second.diagnostics.has_errors());
  EXPECT_EQ(Snapshot(out), before);
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"public"});
}

}  // namespace
}  // namespace evidoc::site
