#include "knowledge/category.h"

#include <gtest/gtest.h>

#include <deque>

namespace evidoc::knowledge {
namespace {

// Builds outcome results whose `outcome` pointers stay valid (deque).
class CategoryTest : public ::testing::Test {
 protected:
  OutcomeResult Make(const std::string& kind, bool main, const std::string& better, Certainty c,
                     const std::string& size, int direction, const std::string& name) {
    content::Outcome& o = outcomes_.emplace_back();
    o.kind = kind;
    o.main = main;
    o.better = better;
    OutcomeResult r;
    r.outcome = &o;
    r.kind = kind;
    r.name = name;
    r.certainty = c;
    r.size = size;
    r.direction = direction;
    r.source = "studies";
    return r;
  }
  std::deque<content::Outcome> outcomes_;
};

TEST_F(CategoryTest, HighCertaintyImportantBenefitWorks) {
  auto d = DecideCategory({Make("benefit", true, "lower", Certainty::kHigh, "moderate", -1,
                                "how many cramps people have")});
  EXPECT_EQ(d.category, Category::kWork);
  EXPECT_EQ(d.reason,
            "High-certainty evidence of an important benefit on how many cramps people have, and "
            "no important harm "
            "among the main outcomes.");
}

TEST_F(CategoryTest, ModerateCertaintyBenefitIsLikelyToWork) {
  auto d = DecideCategory(
      {Make("benefit", true, "lower", Certainty::kModerate, "small", -1, "how bad cramps feel")});
  EXPECT_EQ(d.category, Category::kLikelyToWork);
}

TEST_F(CategoryTest, BenefitWithImportantHarmIsTradeOff) {
  auto d = DecideCategory(
      {Make("benefit", true, "lower", Certainty::kModerate, "moderate", -1,
            "how many cramps people have"),
       Make("harm", true, "lower", Certainty::kLow, "small", 1, "serious blood problems")});
  EXPECT_EQ(d.category, Category::kTradeOff);
  EXPECT_EQ(d.reason,
            "Moderate-certainty evidence of an important benefit on how many cramps people have, "
            "but low-certainty "
            "evidence of an important harm on serious blood problems.");
}

TEST_F(CategoryTest, HarmNotMainDoesNotCount) {
  auto d = DecideCategory({Make("benefit", true, "lower", Certainty::kHigh, "moderate", -1, "b"),
                           Make("harm", false, "lower", Certainty::kHigh, "large", 1, "h")});
  EXPECT_EQ(d.category, Category::kWork);
}

TEST_F(CategoryTest, TrivialBenefitAtModerateCertaintyIsUnlikelyToWork) {
  auto d = DecideCategory({Make("benefit", true, "lower", Certainty::kModerate, "trivial", -1,
                                "how many cramps older adults have")});
  EXPECT_EQ(d.category, Category::kUnlikelyToWork);
  EXPECT_EQ(
      d.reason,
      "Moderate-certainty evidence of little or no benefit on how many cramps older adults have.");
}

TEST_F(CategoryTest, TrivialBenefitAtHighCertaintyIsIneffective) {
  auto d = DecideCategory(
      {Make("benefit", true, "higher", Certainty::kHigh, "trivial", 1, "responders")});
  EXPECT_EQ(d.category, Category::kIneffectiveOrHarmful);
  EXPECT_EQ(d.reason, "High-certainty evidence of little or no benefit on responders.");
}

TEST_F(CategoryTest, ImportantHarmWithoutBenefitIsHarmful) {
  auto d = DecideCategory(
      {Make("benefit", true, "lower", Certainty::kLow, "small", -1, "cramps"),
       Make("harm", true, "lower", Certainty::kModerate, "moderate", 1, "diarrhoea")});
  EXPECT_EQ(d.category, Category::kIneffectiveOrHarmful);
  EXPECT_EQ(d.reason,
            "Moderate-certainty evidence of an important harm on diarrhoea, without an established "
            "benefit.");
}

TEST_F(CategoryTest, WorseningTheBenefitOutcomeIsHarmful) {
  auto d = DecideCategory({Make("benefit", true, "lower", Certainty::kModerate, "small", 1,
                                "how many cramps people have")});
  EXPECT_EQ(d.category, Category::kIneffectiveOrHarmful);
  EXPECT_EQ(d.reason,
            "Moderate-certainty evidence that it makes how many cramps people have worse.");
}

TEST_F(CategoryTest, LowCertaintyNeedsFurtherStudy) {
  auto d = DecideCategory({Make("benefit", true, "lower", Certainty::kLow, "moderate", -1,
                                "how many cramps women have")});
  EXPECT_EQ(d.category, Category::kNeedFurtherStudy);
  EXPECT_EQ(d.reason,
            "The evidence on how many cramps women have is of low certainty: too uncertain to say "
            "whether it works.");
}

TEST_F(CategoryTest, TheMostCertainMainBenefitDecides) {
  auto d = DecideCategory({Make("benefit", true, "lower", Certainty::kLow, "moderate", -1, "a"),
                           Make("benefit", true, "lower", Certainty::kHigh, "trivial", -1, "b")});
  EXPECT_EQ(d.category, Category::kIneffectiveOrHarmful);
}

TEST_F(CategoryTest, NoEvidenceNeedsFurtherStudy) {
  OutcomeResult none = Make("benefit", true, "lower", Certainty::kVeryLow, "", 0, "a");
  none.source = "none";
  auto d = DecideCategory({none});
  EXPECT_EQ(d.category, Category::kNeedFurtherStudy);
  EXPECT_EQ(d.reason, "No study measured a main benefit: it is not known whether it works.");
}

TEST_F(CategoryTest, OverrideKeepsTheComputedDecisionVisible) {
  auto computed =
      DecideCategory({Make("benefit", true, "lower", Certainty::kLow, "moderate", -1, "cramps")});
  auto d = ApplyCategoryOverride(
      computed, std::string("treatments-that-work-but-whose-harms-may-outweigh-benefits"),
      "The FDA warns of rare fatal blood disorders.");
  EXPECT_EQ(d.category, Category::kTradeOff);
  EXPECT_TRUE(d.overridden);
  EXPECT_EQ(d.reason,
            "Reviewer: The FDA warns of rare fatal blood disorders. (computed: "
            "treatments-that-need-further-study. "
            "The evidence on cramps is of low certainty: too uncertain to say whether it works.)");
  EXPECT_EQ(ParseCategory("treatments-that-work"), Category::kWork);
  EXPECT_EQ(ParseCategory("works"), std::nullopt);
}

}  // namespace
}  // namespace evidoc::knowledge
