#include "common/diagnostic.h"

#include <gtest/gtest.h>

namespace evidoc {
namespace {

TEST(DiagnosticTest, FormatsLikeACompiler) {
  EXPECT_EQ(FormatDiagnostic({Severity::kError, {"a/b.md", 3, 7}, "unknown citation key 'x'"}),
            "a/b.md:3:7: error: unknown citation key 'x'");
  EXPECT_EQ(FormatDiagnostic({Severity::kWarning, {"a.md", 3, 0}, "m"}), "a.md:3: warning: m");
  EXPECT_EQ(FormatDiagnostic({Severity::kWarning, {"a.md", 0, 0}, "m"}), "a.md: warning: m");
  EXPECT_EQ(FormatDiagnostic({Severity::kNote, {"", 0, 0}, "m"}), "note: m");
}

TEST(DiagnosticTest, SortsInFileOrderStably) {
  Diagnostics d;
  d.Error({"b.md", 1, 1}, "b1");
  d.Warning({"a.md", 9, 1}, "a9");
  d.Error({"a.md", 2, 5}, "a2-first");
  d.Error({"a.md", 2, 5}, "a2-second");
  d.SortByLocation();
  ASSERT_EQ(d.items().size(), 4u);
  EXPECT_EQ(d.items()[0].message, "a2-first");
  EXPECT_EQ(d.items()[1].message, "a2-second");
  EXPECT_EQ(d.items()[2].message, "a9");
  EXPECT_EQ(d.items()[3].message, "b1");
  EXPECT_EQ(d.error_count(), 3);
  EXPECT_EQ(d.warning_count(), 1);
  EXPECT_TRUE(d.has_errors());
}

}  // namespace
}  // namespace evidoc
