#include "site/site_builder.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
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

// A WriteFolder that writes `files` (relative path -> bytes) and lists them.
WriteFolder Writes(std::map<std::string, std::string> files) {
  return [files](const std::string& dir, std::vector<std::string>& written) {
    for (const auto& [rel, bytes] : files) {
      Write(fs::path(dir) / rel, bytes);
      written.push_back(rel);
    }
    return true;
  };
}

const std::string kMarkerText = "evidoc build output\n";

TEST(ReplaceDirectoryAtomically, ReplacesAndKeepsOnlyThePreviousBuildBeside) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const fs::path previous = tmp.path() / ".public.evidoc-previous";
  Diagnostics d;
  ASSERT_TRUE(ReplaceDirectoryAtomically(
      out.string(), Writes({{"index.html", "one"}, {"old/index.html", "gone later"}}), d));
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"public"});
  ASSERT_TRUE(ReplaceDirectoryAtomically(out.string(), Writes({{"index.html", "two"}}), d));
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(Snapshot(out), (std::map<std::string, std::string>{{".evidoc-output", kMarkerText},
                                                               {"index.html", "two"}}));
  EXPECT_EQ(Snapshot(previous),
            (std::map<std::string, std::string>{{".evidoc-output", kMarkerText},
                                                {"index.html", "one"},
                                                {"old/index.html", "gone later"}}));
  EXPECT_EQ(Entries(tmp.path()), (std::vector<std::string>{".public.evidoc-previous", "public"}));

  // The third build is written over the first: what it does not write
  // (old/index.html, and the old/ folder) is gone, a shorter file is cut.
  ASSERT_TRUE(ReplaceDirectoryAtomically(out.string(), Writes({{"index.html", "3"}}), d));
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(Snapshot(out), (std::map<std::string, std::string>{{".evidoc-output", kMarkerText},
                                                               {"index.html", "3"}}));
  EXPECT_FALSE(fs::exists(out / "old"));
  EXPECT_EQ(Snapshot(previous), (std::map<std::string, std::string>{{".evidoc-output", kMarkerText},
                                                                    {"index.html", "two"}}));
  EXPECT_EQ(Entries(tmp.path()), (std::vector<std::string>{".public.evidoc-previous", "public"}));
}

TEST(ReplaceDirectoryAtomically, FailedWriteLeavesOutputExactlyAsItWas) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  Diagnostics d;
  ASSERT_TRUE(ReplaceDirectoryAtomically(out.string(), Writes({{"index.html", "good site"}}), d));
  const auto before = Snapshot(out);
  EXPECT_FALSE(ReplaceDirectoryAtomically(
      out.string(),
      [&](const std::string& dir, std::vector<std::string>&) {
        Write(fs::path(dir) / "index.html", "half a site");
        d.Error({"x", 0, 0}, "disk full");
        return false;
      },
      d));
  EXPECT_EQ(Snapshot(out), before);
  // Only the staging folder is beside it (the next build reuses it).
  EXPECT_EQ(Entries(tmp.path()), (std::vector<std::string>{".public.evidoc-previous", "public"}));
}

TEST(ReplaceDirectoryAtomically, LeavesAForeignFolderAtThePreviousBuildsNameAlone) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const fs::path previous = tmp.path() / ".public.evidoc-previous";
  Write(previous / "notes.txt", "not evidoc's");
  Diagnostics d;
  ASSERT_TRUE(ReplaceDirectoryAtomically(out.string(), Writes({{"index.html", "one"}}), d));
  ASSERT_TRUE(ReplaceDirectoryAtomically(out.string(), Writes({{"index.html", "two"}}), d));
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(Snapshot(out).at("index.html"), "two");
  EXPECT_EQ(Snapshot(previous),
            (std::map<std::string, std::string>{{"notes.txt", "not evidoc's"}}));
  // The fresh staging folders used instead are gone.
  EXPECT_EQ(Entries(tmp.path()), (std::vector<std::string>{".public.evidoc-previous", "public"}));
}

TEST(ReplaceDirectoryAtomically, RefusesToReplaceAFolderItDidNotWrite) {
  TempDir tmp;
  const fs::path out = tmp.path() / "home";
  Write(out / "thesis.tex", "years of work");
  Diagnostics d;
  bool called = false;
  EXPECT_FALSE(ReplaceDirectoryAtomically(
      out.string(),
      [&](const std::string&, std::vector<std::string>&) {
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
  EXPECT_TRUE(ReplaceDirectoryAtomically(out.string(), Writes({{"a.txt", "a"}}), d));
  EXPECT_EQ(Snapshot(out).at("a.txt"), "a");
}

// The third build writes over the first one's files: pages whose bytes are
// the same are not rewritten, so they keep their modification time.
TEST(BuildSite, UnchangedPagesAreNotRewritten) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const std::string good = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/good-content";
  ASSERT_TRUE(BuildSite(good, out.string()).ok);
  struct stat first {};
  ASSERT_EQ(::stat((out / "index.html").c_str(), &first), 0);
  const auto before = Snapshot(out);
  ::usleep(50 * 1000);  // past the file system's timestamp granularity
  ASSERT_TRUE(BuildSite(good, out.string()).ok);
  ASSERT_TRUE(BuildSite(good, out.string()).ok);
  struct stat third {};
  ASSERT_EQ(::stat((out / "index.html").c_str(), &third), 0);
  EXPECT_EQ(third.st_ino, first.st_ino);  // the first build's folder, reused
  EXPECT_EQ(third.st_mtim.tv_sec, first.st_mtim.tv_sec);
  EXPECT_EQ(third.st_mtim.tv_nsec, first.st_mtim.tv_nsec);
  EXPECT_EQ(Snapshot(out), before);
}

// A rebuild writes over the previous build's files: whatever they hold by
// now (longer, shorter, the same length with other bytes, or a stray file),
// the new site is byte for byte what a build into an empty folder makes.
TEST(BuildSite, PagesAlteredInThePreviousBuildAreWrittenWhole) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const fs::path fresh = tmp.path() / "fresh";
  const std::string good = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/good-content";
  ASSERT_TRUE(BuildSite(good, fresh.string()).ok);
  const auto expected = Snapshot(fresh);
  ASSERT_TRUE(BuildSite(good, out.string()).ok);
  ASSERT_TRUE(BuildSite(good, out.string()).ok);
  const fs::path previous = tmp.path() / ".public.evidoc-previous";
  ASSERT_TRUE(fs::exists(previous / "index.html"));
  const std::string index = expected.at("index.html");
  const std::string sitemap = expected.at("sitemap.xml");
  Write(previous / "index.html", index + index);                           // longer
  Write(previous / "sitemap.xml", sitemap.substr(0, sitemap.size() / 2));  // shorter
  std::string same_length = expected.at("api/v1/articles.json");
  same_length.back() = same_length.back() == 'x' ? 'y' : 'x';
  Write(previous / "api/v1/articles.json", same_length);
  Write(previous / "glossary" / "index.html", "");  // emptied
  Write(previous / "stray" / "page.html", "not ours");
  ASSERT_TRUE(BuildSite(good, out.string()).ok);
  EXPECT_EQ(Snapshot(out), expected);
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
  // Content errors stop the build before anything is written.
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"public"});
}

}  // namespace
}  // namespace evidoc::site
