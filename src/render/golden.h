// Golden-file comparison for rendering tests: compares `actual` with the
// file src/render/testdata/<name>. With EVIDOC_UPDATE_GOLDEN=1 in the
// environment the file is rewritten instead (then review the diff by eye
// before committing: a golden is only as good as that review).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace evidoc::render {

inline void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(EVIDOC_SOURCE_DIR) + "/src/render/testdata/" + name;
  const char* update = std::getenv("EVIDOC_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path
                         << " (run with EVIDOC_UPDATE_GOLDEN=1 to create it)";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), actual) << "golden " << name << " differs";
}

}  // namespace evidoc::render
