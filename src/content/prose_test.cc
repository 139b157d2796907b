#include "content/prose.h"

#include <gtest/gtest.h>

#include "content/markdown.h"

namespace evidoc::content {
namespace {

std::vector<std::string> ProseOf(const std::string& md) {
  LineIndex index(md);
  Diagnostics d;
  ParsedBody body = ParseMarkdownBody("f.md", md, 0, index, d);
  return ExtractProse(body.document);
}

TEST(ExtractProse, OnlyProse) {
  EXPECT_EQ(ProseOf("# Heading\n\nA cramp [@naylor1994] hurts. See [the *clot* page](x.md).\n"
                    "Next line `code`.\n\n```\nblock code\n```\n\n![alt words](a.png)\n\n"
                    "- one\n- two\n  - nested\n\n| cell a | cell b |\n|---|---|\n| c | d |\n"),
            (std::vector<std::string>{"A cramp  hurts. See the clot page. Next line .", "one",
                                      "two", "nested", "cell a", "cell b", "c", "d"}));
}

TEST(ExtractProse, EmptyDocument) { EXPECT_TRUE(ProseOf("").empty()); }

}  // namespace
}  // namespace evidoc::content
