#include "knowledge/effects.h"

#include <gtest/gtest.h>

#include <cmath>

namespace evidoc::knowledge {
namespace {

// Dahle 1995 (11/34 vs 2/35): RR 5.66 (1.35 to 23.68); the Cochrane SoF
// (CD010655) shows 57 per 1,000 without and 323 (77 to 1000) with magnesium.
TEST(AbsoluteDichotomous, RiskRatioReproducesCochraneSummaryOfFindings) {
  AbsoluteEffect a = AbsoluteDichotomous({.measure = "RR",
                                          .estimate = 5.661765,
                                          .ci_lb = 1.353816,
                                          .ci_ub = 23.677947,
                                          .comparator_risk = 0.057,
                                          .higher_is_better = true,
                                          .unit = "women"});
  EXPECT_EQ(std::lround(a.comparator), 57);
  EXPECT_EQ(std::lround(a.intervention), 323);
  EXPECT_EQ(std::lround(a.intervention_lb), 77);
  EXPECT_EQ(std::lround(a.intervention_ub), 1000);  // 1349 capped at 1000, as GRADEpro
  EXPECT_EQ(std::lround(a.difference), 266);
  EXPECT_EQ(std::lround(a.difference_lb), 20);
  EXPECT_EQ(std::lround(a.difference_ub), 943);
  ASSERT_TRUE(a.nnt.has_value());
  EXPECT_EQ(*a.nnt, 4);  // 1 / 0.2657 = 3.76 -> 4
  EXPECT_FALSE(a.nnt_is_harm);
  EXPECT_TRUE(a.favourable);
  EXPECT_EQ(a.comparator_per_100, 6);
  EXPECT_EQ(a.intervention_per_100, 32);
  EXPECT_EQ(a.text, "about 26 more women out of 100 (32 instead of 6)");
}

// Supakatisant 2015 (37/43 vs 26/43): RR 1.423 (1.086 to 1.864) at 605 per
// 1,000 -> 861 (657 to 1000). Cochrane prints 859 (659 to 1000) from the
// rounded RR 1.42 (1.09 to 1.86): same numbers to rounding.
TEST(AbsoluteDichotomous, SupakatisantResponders) {
  AbsoluteEffect a = AbsoluteDichotomous({.measure = "RR",
                                          .estimate = 1.4230769,
                                          .ci_lb = 1.0863495,
                                          .ci_ub = 1.8641772,
                                          .comparator_risk = 0.605,
                                          .higher_is_better = true,
                                          .unit = "women"});
  EXPECT_EQ(std::lround(a.intervention), 861);
  EXPECT_EQ(std::lround(a.intervention_lb), 657);
  EXPECT_EQ(std::lround(a.intervention_ub), 1000);
  EXPECT_EQ(*a.nnt, 4);  // 1 / 0.256 = 3.9
  EXPECT_EQ(a.text, "about 25 more women out of 100 (86 instead of 61)");
  // The rounded RR reproduces Cochrane's own numbers exactly.
  AbsoluteEffect c = AbsoluteDichotomous({.measure = "RR",
                                          .estimate = 1.42,
                                          .ci_lb = 1.09,
                                          .ci_ub = 1.86,
                                          .comparator_risk = 0.605,
                                          .higher_is_better = true});
  EXPECT_EQ(std::lround(c.intervention), 859);
  EXPECT_EQ(std::lround(c.intervention_lb), 659);
}

TEST(AbsoluteDichotomous, OddsRatioConvertsThroughOdds) {
  // p1 = 2 x 0.2 / (1 - 0.2 + 2 x 0.2) = 0.4 / 1.2 = 0.3333
  AbsoluteEffect a = AbsoluteDichotomous(
      {.measure = "OR", .estimate = 2, .ci_lb = 0.5, .ci_ub = 8, .comparator_risk = 0.2});
  EXPECT_NEAR(a.intervention, 333.333, 1e-3);
  EXPECT_NEAR(a.intervention_lb, 111.111, 1e-3);  // 0.1 / 0.9
  EXPECT_NEAR(a.intervention_ub, 666.667, 1e-3);  // 1.6 / 2.4
  EXPECT_FALSE(a.nnt.has_value());                // CI includes no effect
}

// Quinine minor adverse events (Cochrane CD005044): RD +0.03 (0.01 to 0.06
// here) on 94 per 1,000. An increase in a harm: NNH = ceil(1/0.03) = 34.
TEST(AbsoluteDichotomous, RiskDifferenceOnAHarmGivesNumberNeededToHarm) {
  AbsoluteEffect a = AbsoluteDichotomous({.measure = "RD",
                                          .estimate = 0.03,
                                          .ci_lb = 0.01,
                                          .ci_ub = 0.06,
                                          .comparator_risk = 0.094,
                                          .higher_is_better = false,
                                          .unit = "people"});
  EXPECT_NEAR(a.intervention, 124, 1e-9);
  EXPECT_EQ(*a.nnt, 34);
  EXPECT_TRUE(a.nnt_is_harm);
  EXPECT_FALSE(a.favourable);
  EXPECT_EQ(a.text, "about 3 more people out of 100 (12 instead of 9)");
}

TEST(AbsoluteDichotomous, RareEventsUsePerThousand) {
  // 14 per 1,000, RR 1.07: 15 per 1,000 (Cochrane quinine major adverse events).
  AbsoluteEffect a = AbsoluteDichotomous({.measure = "RR",
                                          .estimate = 1.07,
                                          .ci_lb = 0.3,
                                          .ci_ub = 2.5,
                                          .comparator_risk = 0.014,
                                          .unit = "people"});
  EXPECT_EQ(a.text, "about 1 more people out of 1,000 (15 instead of 14)");
}

// Cochrane quinine SoF: 8.8 cramps in 2 weeks without, MD -2.45 (-3.54 to -1.36).
TEST(AbsoluteContinuous, NaturalFrequencies) {
  AbsoluteEffect a = AbsoluteContinuous({.md = -2.45,
                                         .ci_lb = -3.54,
                                         .ci_ub = -1.36,
                                         .comparator_mean = 8.8,
                                         .unit = "cramps in 2 weeks"});
  EXPECT_FALSE(a.dichotomous);
  EXPECT_NEAR(a.intervention, 6.35, 1e-12);
  EXPECT_NEAR(a.intervention_lb, 5.26, 1e-12);
  EXPECT_NEAR(a.intervention_ub, 7.44, 1e-12);
  EXPECT_TRUE(a.favourable);
  EXPECT_EQ(a.text, "about 2 fewer cramps in 2 weeks, out of about 9");
  // 28% relative reduction, as the review's abstract says: 2.45 / 8.8.
  EXPECT_EQ(std::lround(-a.difference / a.comparator * 100), 28);
}

TEST(AbsoluteContinuous, ScoresUseTheirOwnWords) {
  AbsoluteEffect a = AbsoluteContinuous({.md = -0.12,
                                         .ci_lb = -0.2,
                                         .ci_ub = -0.05,
                                         .comparator_mean = 1.2,
                                         .unit = "on a 3-point scale",
                                         .less_word = "lower",
                                         .more_word = "higher"});
  EXPECT_EQ(a.text, "about 0.1 lower on a 3-point scale, compared with about 1.2");
  EXPECT_EQ(std::lround(-a.difference / a.comparator * 100), 10);  // "10%"
}

TEST(FriendlyNumber, RoundsAsPeopleSayIt) {
  EXPECT_EQ(FriendlyNumber(2.45), "2");
  EXPECT_EQ(FriendlyNumber(8.8), "9");
  EXPECT_EQ(FriendlyNumber(1.8), "1.8");
  EXPECT_EQ(FriendlyNumber(0.12), "0.1");
  EXPECT_EQ(FriendlyNumber(0.034), "0.034");
  EXPECT_EQ(FriendlyNumber(-4.68), "-5");
}

TEST(Size, ThresholdsFromTheMid) {
  content::Outcome o;
  o.mid = 1;
  SizeThresholds t = ThresholdsFor(o);
  EXPECT_EQ(ClassifySize(0.99, t), "trivial");
  EXPECT_EQ(ClassifySize(-1, t), "small");
  EXPECT_EQ(ClassifySize(-2.45, t), "moderate");
  EXPECT_EQ(ClassifySize(3, t), "large");
  o.size_large = 5;
  EXPECT_EQ(ClassifySize(3, ThresholdsFor(o)), "moderate");
}

TEST(Statement, FollowsCertaintyAndSize) {
  EXPECT_EQ(Statement({.certainty = Certainty::kModerate,
                       .size = "small",
                       .direction = -1,
                       .subject = "Quinine",
                       .outcome = "how bad cramps feel"}),
            "Quinine probably reduces how bad cramps feel slightly.");
  EXPECT_EQ(
      Statement({.certainty = Certainty::kModerate,
                 .size = "trivial",
                 .direction = -1,
                 .subject = "Magnesium",
                 .outcome = "how many cramps older adults have"}),
      "Magnesium probably makes little or no difference to how many cramps older adults have.");
  EXPECT_EQ(Statement({.certainty = Certainty::kVeryLow,
                       .size = "moderate",
                       .direction = 1,
                       .subject = "Magnesium",
                       .outcome = "how bad cramps feel"}),
            "The evidence is very uncertain about the effect of magnesium on how bad cramps feel.");
  EXPECT_EQ(Statement({.certainty = Certainty::kLow,
                       .size = "moderate",
                       .direction = 1,
                       .subject = "Magnesium",
                       .outcome = "how many women have their cramps halved"}),
            "Magnesium may increase how many women have their cramps halved.");
  EXPECT_EQ(Statement({.certainty = Certainty::kHigh,
                       .size = "large",
                       .direction = -1,
                       .subject = "Quinine",
                       .outcome = "how many cramps people have"}),
            "Quinine results in a large reduction in how many cramps people have.");
  EXPECT_EQ(Statement({.certainty = Certainty::kModerate,
                       .size = "large",
                       .direction = 1,
                       .subject = "Quinine",
                       .outcome = "ringing in the ears"}),
            "Quinine probably results in a large increase in ringing in the ears.");
  EXPECT_EQ(Statement({.certainty = Certainty::kHigh,
                       .size = "moderate",
                       .direction = 1,
                       .subject = "Stretching",
                       .outcome = "how well people sleep"}),
            "Stretching increases how well people sleep.");
  EXPECT_EQ(Statement({.certainty = Certainty::kLow,
                       .size = "small",
                       .direction = -1,
                       .subject = "calf stretching",
                       .outcome = "how bad cramps feel"}),
            "Calf stretching may reduce how bad cramps feel slightly.");
}

// "No evidence of an effect" must never read as "evidence of no effect".
TEST(Statement, TrivialEstimateWithWideIntervalSaysImportantEffectNotRuledOut) {
  EXPECT_EQ(Statement({.certainty = Certainty::kLow,
                       .size = "trivial",
                       .direction = 1,
                       .subject = "Magnesium",
                       .outcome = "how many cramps women have",
                       .important_not_excluded = true}),
            "Magnesium may make little or no difference to how many cramps women have, but an "
            "important effect "
            "cannot be ruled out.");
  EXPECT_EQ(NoStudiesStatement("how long cramps last"),
            "No studies measured how long cramps last.");
}

TEST(Statement, AcronymSubjectKeepsItsCase) {
  EXPECT_EQ(Statement({.certainty = Certainty::kVeryLow, .subject = "NSAIDs", .outcome = "pain"}),
            "The evidence is very uncertain about the effect of NSAIDs on pain.");
}

}  // namespace
}  // namespace evidoc::knowledge
