// `evidoc check` end to end: the real binary on the two content fixtures and
// on bad command lines. The broken fixture's whole output must equal
// tests/fixtures/broken-content.golden (every line checked by hand).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `evidoc ARGS` from the repository root, so fixture paths in the
// output are relative, as a user at the root would see them.
CliRun Evidoc(const std::string& args) {
  std::string cmd =
      std::string("cd '") + EVIDOC_SOURCE_DIR + "' && '" + EVIDOC_BINARY + "' " + args + " 2>&1";
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CheckCli, BrokenContentPrintsEveryProblemAndFails) {
  CliRun r = Evidoc("check tests/fixtures/broken-content --today 2026-11-29");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output,
            ReadFile(std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/broken-content.golden"));
}

TEST(CheckCli, GoodContentIsClean) {
  CliRun r = Evidoc("check tests/fixtures/good-content --today 2026-11-29");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "0 errors, 0 warnings in 9 files\n");
}

TEST(CheckCli, WarningsAloneExitZero) {
  // The good fixture's articles are due in 2028: checked "in 2030", both
  // next reviews are in the past.
  CliRun r = Evidoc("check tests/fixtures/good-content --today 2030-01-01");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output,
            "tests/fixtures/good-content/articles/dvt.md:5:1: warning: next review was due on "
            "2028-03-01 (today is 2030-01-01)\n"
            "tests/fixtures/good-content/articles/leg-cramps.md:9:14: warning: next review was "
            "due on 2028-01-15 (today is 2030-01-01)\n"
            "0 errors, 2 warnings in 9 files\n");
}

TEST(CheckCli, UsageErrorsExitTwo) {
  EXPECT_EQ(Evidoc("check").exit_code, 2);
  EXPECT_EQ(Evidoc("check tests/fixtures/no-such-folder").exit_code, 2);
  EXPECT_EQ(Evidoc("check tests/fixtures/good-content --today 2026-02-30").exit_code, 2);
  EXPECT_EQ(Evidoc("check tests/fixtures/good-content --bogus").exit_code, 2);
  CliRun help = Evidoc("check --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("CONTENT"), std::string::npos);
}

}  // namespace
