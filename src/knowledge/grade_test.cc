#include "knowledge/grade.h"

#include <gtest/gtest.h>

namespace evidoc::knowledge {
namespace {

TEST(FormatNumber, SignificantDigitsWithoutTrailingZeros) {
  EXPECT_EQ(FormatNumber(2.449), "2.45");
  EXPECT_EQ(FormatNumber(-1.3224282), "-1.32");
  EXPECT_EQ(FormatNumber(0.05), "0.05");
  EXPECT_EQ(FormatNumber(1349.64), "1350");
  EXPECT_EQ(FormatNumber(7.0), "7");
  EXPECT_EQ(FormatNumber(-0.0001, 2), "-0.0001");
  EXPECT_EQ(FormatNumber(0), "0");
}

// Nygaard 2008 (magnesium in pregnancy, 21 vs 17 women): MD 1.80 (-1.32 to
// 4.92) cramps in 2 weeks. With a MID of 1 cramp the CI includes both an
// important benefit (< -1) and an important harm (> 1), and 38 < 400
// participants: 2 levels (Cochrane CD010655: low from high).
TEST(Imprecision, SingleSmallTrialCrossingNoEffectIsVerySerious) {
  DomainRating r = ProposeImprecision({.dichotomous = false,
                                       .estimate = 1.8,
                                       .ci_lb = -1.3224282,
                                       .ci_ub = 4.9224282,
                                       .mid = 1,
                                       .participants = 38,
                                       .unit = "cramps in 2 weeks"});
  EXPECT_EQ(r.domain, "imprecision");
  EXPECT_EQ(r.downgrade, 2);
  EXPECT_TRUE(r.proposed);
  EXPECT_EQ(r.reason,
            "Very serious imprecision (2 levels): the 95% CI (-1.32 to 4.92 cramps in 2 weeks) "
            "includes both an "
            "important benefit and an important harm (MID 1 cramps in 2 weeks); 38 participants, "
            "fewer than the 400 of the optimal information size.");
}

// Supakatisant 2015: 37/43 vs 26/43, comparator risk 605 per 1,000. Risk
// difference 0.256 (0.052 to 0.395) excludes no effect, but 63 events < 300:
// 1 level.
TEST(Imprecision, CrossingNoEffectWithTooFewParticipantsIsVerySerious) {
  // The same trial with a MID of 3 cramps: only "includes no effect" and the
  // information size remain, which together are 2 levels.
  DomainRating r = ProposeImprecision({.estimate = 1.8,
                                       .ci_lb = -1.3224282,
                                       .ci_ub = 4.9224282,
                                       .mid = 3,
                                       .participants = 38,
                                       .unit = "cramps in 2 weeks"});
  EXPECT_EQ(r.downgrade, 2);
  EXPECT_EQ(r.reason,
            "Very serious imprecision (2 levels): the 95% CI (-1.32 to 4.92 cramps in 2 weeks) "
            "includes no effect; "
            "38 participants, fewer than the 400 of the optimal information size.");
}

TEST(Imprecision, ExcludesNoEffectButTooFewEventsIsSerious) {
  DomainRating r = ProposeImprecision({.dichotomous = true,
                                       .estimate = 0.25596,
                                       .ci_lb = 0.05224,
                                       .ci_ub = 0.395,
                                       .mid = 0.05,
                                       .participants = 86,
                                       .events = 63});
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason,
            "Serious imprecision (1 level): 63 events, fewer than the 300 of the optimal "
            "information size.");
}

// Cochrane quinine SoF: MD -2.45 (-3.54 to -1.36), 952 participants: precise.
TEST(Imprecision, LargeTrialSetExcludingNoEffectIsNotDowngraded) {
  DomainRating r = ProposeImprecision({.estimate = -2.45,
                                       .ci_lb = -3.54,
                                       .ci_ub = -1.36,
                                       .mid = 1,
                                       .participants = 952,
                                       .unit = "cramps in 2 weeks"});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason,
            "No serious imprecision: the 95% CI (-3.54 to -1.36 cramps in 2 weeks) excludes no "
            "effect; 952 "
            "participants meet the optimal information size.");
}

// Garrison 2020 magnesium, cramps per week: MD -0.18 (-0.84 to 0.49), MID 1,
// 307 participants. The CI lies within ±MID (a precise "little or no
// difference"), so only the information size counts: 1 level (the review:
// moderate).
TEST(Imprecision, CiWithinMidOnlyInformationSizeCounts) {
  DomainRating r = ProposeImprecision({.estimate = -0.18,
                                       .ci_lb = -0.84,
                                       .ci_ub = 0.49,
                                       .mid = 1,
                                       .participants = 307,
                                       .unit = "cramps a week"});
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason,
            "Serious imprecision (1 level): 307 participants, fewer than the 400 of the optimal "
            "information size.");
}

TEST(Imprecision, CiIncludingImportantBenefitAndHarmIsVerySeriousEvenWhenLarge) {
  DomainRating r = ProposeImprecision(
      {.estimate = 0.5, .ci_lb = -3, .ci_ub = 4, .mid = 1, .participants = 1000, .unit = "points"});
  EXPECT_EQ(r.downgrade, 2);
  EXPECT_EQ(r.reason,
            "Very serious imprecision (2 levels): the 95% CI (-3 to 4 points) includes both an "
            "important benefit "
            "and an important harm (MID 1 points).");
}

TEST(Imprecision, DichotomousWithoutEventsUsesParticipants) {
  DomainRating r = ProposeImprecision({.dichotomous = true,
                                       .estimate = 0.03,
                                       .ci_lb = 0.0005,
                                       .ci_ub = 0.06,
                                       .mid = 0.02,
                                       .participants = 969});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason,
            "No serious imprecision: the 95% CI (1 to 60 per 1,000) excludes no effect; 969 "
            "participants meet the "
            "optimal information size.");
}

TEST(Inconsistency, SingleStudyCannotBeAssessed) {
  DomainRating r = ProposeInconsistency({.k = 1, .i2 = 0.0});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason, "A single study: inconsistency cannot be assessed; not rated down.");
}

TEST(Inconsistency, SubstantialHeterogeneityIsSerious) {
  DomainRating r = ProposeInconsistency({.k = 6,
                                         .i2 = 62.4,
                                         .tau = 1.4,
                                         .tau_mid = 1,
                                         .pi_lb = -0.5,
                                         .pi_ub = 2.1,
                                         .ci_lb = 0.2,
                                         .ci_ub = 1.5});
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason,
            "Serious inconsistency (1 level): I\u00b2 = 62%; \u03c4 (1.4) exceeds the MID (1); the "
            "95% prediction "
            "interval (-0.5 to 2.1) includes no effect although the CI excludes it.");
}

TEST(Inconsistency, ConsiderableHeterogeneityWithAnotherSignalIsVerySerious) {
  DomainRating r =
      ProposeInconsistency({.k = 8, .i2 = 80, .tau = 2.5, .tau_mid = 1, .ci_lb = -1, .ci_ub = 3});
  EXPECT_EQ(r.downgrade, 2);
  EXPECT_EQ(
      r.reason,
      "Very serious inconsistency (2 levels): I\u00b2 = 80%; \u03c4 (2.5) exceeds the MID (1).");
}

TEST(Inconsistency, ConsiderableI2AloneIsOneLevel) {
  DomainRating r = ProposeInconsistency({.k = 4, .i2 = 80});
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason, "Serious inconsistency (1 level): I\u00b2 = 80%.");
}

TEST(Inconsistency, LowHeterogeneityIsNotDowngraded) {
  DomainRating r = ProposeInconsistency(
      {.k = 5, .i2 = 12, .tau = 0.2, .tau_mid = 1, .ci_lb = -0.84, .ci_ub = 0.49});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason,
            "No serious inconsistency: I\u00b2 = 12%; \u03c4 (0.2) is below the MID (1).");
}

TEST(Inconsistency, NotReportedIsNotAssessed) {
  DomainRating r = ProposeInconsistency({.k = 13});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason,
            "Heterogeneity was not reported: inconsistency not assessed; not rated down.");
}

TEST(PublicationBias, FewerThanTenStudiesNotTested) {
  DomainRating r = ProposePublicationBias({.k = 5, .egger_p = 0.01});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason,
            "Fewer than 10 studies (5): small-study tests are not informative; not rated down "
            "unless the reviewer "
            "knows of unpublished data.");
}

TEST(PublicationBias, EggerBelowTenPercentIsSuspected) {
  DomainRating r = ProposePublicationBias({.k = 12, .egger_p = 0.04, .ci_excludes_null = true});
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason, "Suspected (1 level): Egger's test p = 0.04.");
}

TEST(PublicationBias, TrimAndFillChangingTheConclusionIsSuspected) {
  DomainRating r = ProposePublicationBias({.k = 12,
                                           .egger_p = 0.5,
                                           .trimfill_k0 = 3,
                                           .ci_excludes_null = true,
                                           .filled_ci_excludes_null = false});
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason,
            "Suspected (1 level): trim-and-fill adds 3 missing studies and the adjusted CI "
            "includes no effect.");
}

TEST(PublicationBias, NothingSuspected) {
  DomainRating r = ProposePublicationBias({.k = 12,
                                           .egger_p = 0.5,
                                           .trimfill_k0 = 2,
                                           .ci_excludes_null = true,
                                           .filled_ci_excludes_null = true});
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_EQ(r.reason,
            "Not suspected: Egger's test p = 0.5; trim-and-fill adds 2 studies without changing "
            "the conclusion.");
}

TEST(Reviewer, MissingJudgementIsZeroWithReason) {
  DomainRating r = ReviewerDomain("risk_of_bias", nullptr);
  EXPECT_EQ(r.downgrade, 0);
  EXPECT_FALSE(r.proposed);
  EXPECT_EQ(r.reason, "Not judged by the reviewer; not rated down.");
  content::Judgement j{.downgrade = 1, .reason = "Allocation not concealed."};
  r = ReviewerDomain("risk_of_bias", &j);
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_EQ(r.reason, "Allocation not concealed.");
}

TEST(Reviewer, OverrideReplacesProposalAndKeepsIt) {
  DomainRating proposal{
      .domain = "imprecision", .downgrade = 2, .reason = "Very serious imprecision (2 levels): x."};
  content::Judgement j{.downgrade = 1, .reason = "The review judged one level.", .overrides = true};
  DomainRating r = ApplyOverride(proposal, &j);
  EXPECT_EQ(r.downgrade, 1);
  EXPECT_TRUE(r.overridden);
  EXPECT_FALSE(r.proposed);
  EXPECT_EQ(r.reason,
            "Reviewer: The review judged one level. (computed: 2 levels. Very serious imprecision "
            "(2 levels): x.)");
  content::Judgement not_override{.downgrade = 0, .reason = "r"};
  EXPECT_EQ(ApplyOverride(proposal, &not_override).downgrade, 2);
}

TEST(Combine, StartsHighForTrialsLowForObservationalFloorsAtVeryLow) {
  auto d = [](int n) { return DomainRating{.downgrade = n}; };
  EXPECT_EQ(CombineCertainty(true, {}), Certainty::kHigh);
  EXPECT_EQ(CombineCertainty(true, {d(1)}), Certainty::kModerate);
  EXPECT_EQ(CombineCertainty(true, {d(1), d(1)}), Certainty::kLow);
  EXPECT_EQ(CombineCertainty(true, {d(2), d(2), d(1)}), Certainty::kVeryLow);
  EXPECT_EQ(CombineCertainty(false, {}), Certainty::kLow);
  EXPECT_EQ(CombineCertainty(false, {d(1)}), Certainty::kVeryLow);
}

TEST(ParseCertainty, AcceptsSpellings) {
  EXPECT_EQ(ParseCertainty("very_low"), Certainty::kVeryLow);
  EXPECT_EQ(ParseCertainty("very low"), Certainty::kVeryLow);
  EXPECT_EQ(ParseCertainty("moderate"), Certainty::kModerate);
  EXPECT_EQ(ParseCertainty("certain"), std::nullopt);
}

}  // namespace
}  // namespace evidoc::knowledge
