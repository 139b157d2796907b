#include "content/did_you_mean.h"

#include <gtest/gtest.h>

namespace evidoc::content {
namespace {

TEST(EditDistance, KnownValues) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);  // the textbook example
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("flaw", "lawn"), 2u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
}

TEST(DidYouMean, SuggestsPlausibleTyposOnly) {
  const std::vector<std::string> fields = {"title", "summary", "slug", "review_period_months"};
  EXPECT_EQ(DidYouMean("sumary", fields), " (did you mean 'summary'?)");
  EXPECT_EQ(DidYouMean("Title", fields), " (did you mean 'title'?)");
  EXPECT_EQ(DidYouMean("review_period", fields), " (did you mean 'review_period_months'?)");
  EXPECT_EQ(DidYouMean("colour", fields), "");
  EXPECT_EQ(DidYouMean("d", {"a", "b"}), "");  // one letter off a one-letter id is no typo
  EXPECT_EQ(DidYouMean(std::string(5000, 'x'), fields), "");
  EXPECT_EQ(DidYouMean("x", {}), "");
}

}  // namespace
}  // namespace evidoc::content
