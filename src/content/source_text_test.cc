#include "content/source_text.h"

#include <gtest/gtest.h>

#include "content/limits.h"

namespace evidoc::content {
namespace {

TEST(LineIndex, OffsetsToLineAndColumn) {
  LineIndex index("ab\ncd\n\nx");
  EXPECT_EQ(index.At("p", 0), (Location{"p", 1, 1}));
  EXPECT_EQ(index.At("p", 2), (Location{"p", 1, 3}));  // the '\n' itself
  EXPECT_EQ(index.At("p", 3), (Location{"p", 2, 1}));
  EXPECT_EQ(index.At("p", 6), (Location{"p", 3, 1}));
  EXPECT_EQ(index.At("p", 7), (Location{"p", 4, 1}));
  EXPECT_EQ(index.At("p", 99), (Location{"p", 4, 2}));  // clamped to the end
  EXPECT_EQ(index.LineStart(2), 3u);
}

std::vector<std::string> Check(std::string_view text) {
  Diagnostics d;
  CheckTextFile("p", text, d, kMaxLineBytes);
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(FormatDiagnostic(x));
  return out;
}

TEST(CheckTextFile, AcceptsUtf8) {
  EXPECT_TRUE(Check("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80\n").empty());
  EXPECT_TRUE(Check("").empty());
}

TEST(CheckTextFile, RejectsInvalidUtf8WithItsPosition) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Check("ok\nx\xFF"), (V{"p:2:2: error: invalid UTF-8 (byte 0xFF)"}));
  EXPECT_EQ(Check("\xC3"), (V{"p:1:1: error: invalid UTF-8 (byte 0xC3)"}));          // truncated
  EXPECT_EQ(Check("\xE0\x80\x80"), (V{"p:1:1: error: invalid UTF-8 (byte 0xE0)"}));  // overlong
  EXPECT_EQ(Check("\xF4\x90\x80\x80"),
            (V{"p:1:1: error: invalid UTF-8 (byte 0xF4)"}));  // > U+10FFFF
  EXPECT_EQ(Check(std::string_view("a\0b", 3)),
            (V{"p:1:2: error: binary file (contains a NUL byte); expected UTF-8 text"}));
}

TEST(CheckTextFile, NoLineLimitForJson) {
  Diagnostics d;
  EXPECT_TRUE(CheckTextFile("p", std::string(kMaxLineBytes * 2, 'x'), d, 0));
  EXPECT_TRUE(d.empty());
}

TEST(CheckTextFile, LongLinesOncePerLine) {
  std::string line(kMaxLineBytes + 5, 'x');
  EXPECT_EQ(Check(line + "\nshort\n" + line),
            (std::vector<std::string>{"p:1:16385: error: line is longer than 16384 bytes",
                                      "p:3:16385: error: line is longer than 16384 bytes"}));
}

}  // namespace
}  // namespace evidoc::content
