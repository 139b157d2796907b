// Finding and loading libevidoc_postgres.so: the override, the search order,
// and the messages when it cannot be loaded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "server/feedback_store.h"
#include "server/postgres_module.h"

namespace evidoc::server {
namespace {

const std::string kHint = "\nset EVIDOC_MODULE_DIR to the folder that holds it";

class PostgresLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("evidoc-loader-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    const char* env = std::getenv("EVIDOC_MODULE_DIR");
    if (env != nullptr) saved_env_ = env;
    had_env_ = env != nullptr;
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    if (had_env_) {
      setenv("EVIDOC_MODULE_DIR", saved_env_.c_str(), 1);
    } else {
      unsetenv("EVIDOC_MODULE_DIR");
    }
  }
  std::filesystem::path dir_;
  std::string saved_env_;
  bool had_env_ = false;
};

TEST_F(PostgresLoaderTest, EnvironmentOverridesEveryOtherFolder) {
  setenv("EVIDOC_MODULE_DIR", "/opt/somewhere", 1);
  EXPECT_EQ(PostgresModuleDirs(), std::vector<std::string>{"/opt/somewhere"});
}

TEST_F(PostgresLoaderTest, LooksNextToTheExecutableFirstThenInstallAndBuildFolders) {
  unsetenv("EVIDOC_MODULE_DIR");
  const auto dirs = PostgresModuleDirs();
  const auto exe_dir = std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
  ASSERT_GE(dirs.size(), 3u);
  EXPECT_EQ(dirs[0], exe_dir);
  // This test binary lives in the build tree, so the build tree's folder is
  // in the list and holds the module (the test depends on it being built).
  bool found = false;
  for (const auto& d : dirs) {
    found = found || std::filesystem::exists(std::filesystem::path(d) / kPostgresModuleFile);
  }
  EXPECT_TRUE(found);
  auto m = LoadPostgresModule(dirs);
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ((*m)->abi, kPostgresModuleAbi);
}

TEST_F(PostgresLoaderTest, NamesEveryFileTriedAndWhyItFailed) {
  // Not an ELF file at all (64 bytes and more, so the loader reads a header).
  std::ofstream(dir_ / kPostgresModuleFile) << std::string(100, 'x');
  auto m = LoadPostgresModule({"/nonexistent-evidoc-dir", dir_.string()});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error(),
            "PostgreSQL support (libevidoc_postgres.so) could not be loaded; tried:\n"
            "  /nonexistent-evidoc-dir/libevidoc_postgres.so: cannot open shared object file: "
            "No such file or directory\n  " +
                (dir_ / kPostgresModuleFile).string() + ": invalid ELF header" + kHint);
}

TEST_F(PostgresLoaderTest, RefusesALibraryWithoutTheEntryPoint) {
  // A real shared library under the module's name.
  std::filesystem::path libz;
  for (const char* p : {"/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1",
                        "/lib64/libz.so.1", "/usr/lib/libz.so.1"}) {
    if (std::filesystem::exists(p)) {
      libz = p;
      break;
    }
  }
  if (libz.empty()) GTEST_SKIP() << "no libz.so.1 found";
  std::filesystem::create_symlink(libz, dir_ / kPostgresModuleFile);
  auto m = LoadPostgresModule({dir_.string()});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error(),
            "PostgreSQL support (libevidoc_postgres.so) could not be loaded; tried:\n  " +
                (dir_ / kPostgresModuleFile).string() +
                ": not an evidoc module (no evidoc_postgres_module symbol)" + kHint);
}

TEST_F(PostgresLoaderTest, SkipsAFolderWithoutTheModuleAndLoadsFromTheNext) {
  unsetenv("EVIDOC_MODULE_DIR");
  std::vector<std::string> dirs = {dir_.string()};
  for (const auto& d : PostgresModuleDirs()) dirs.push_back(d);
  auto m = LoadPostgresModule(dirs);
  ASSERT_TRUE(m) << m.error();
  EXPECT_NE((*m)->open, nullptr);
}

TEST_F(PostgresLoaderTest, NoFoldersIsAMessageNotACrash) {
  auto m = LoadPostgresModule({});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error(),
            "PostgreSQL support (libevidoc_postgres.so) could not be loaded; tried:\n"
            "  (no folder to look in)" +
                kHint);
}

}  // namespace
}  // namespace evidoc::server
