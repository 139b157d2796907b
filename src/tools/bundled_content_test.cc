// The tools against the bundled content folder (content/), loaded by the
// real loader and weighed by the real weigh stage: the symptom checkers are
// verified exhaustively, and the medicines check and the decision aid give
// the answers a reader would expect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/file_system.h"
#include "content/loader.h"
#include "knowledge/knowledge.h"
#include "tools/decision_aid.h"
#include "tools/medicines_check.h"
#include "tools/symptom_check.h"

namespace evidoc::tools {
namespace {

std::shared_ptr<const content::Content> Bundled() {
  static const std::shared_ptr<const content::Content> content = [] {
    RealFileSystem fs;
    auto r = content::Load(fs, std::string(EVIDOC_SOURCE_DIR) + "/content");
    for (const auto& d : r.diagnostics.items()) {
      if (d.severity == Severity::kError) ADD_FAILURE() << FormatDiagnostic(d);
    }
    return r.content;
  }();
  return content;
}

TEST(BundledContent, EverySymptomCheckerIsSafeForEveryCombination) {
  auto c = Bundled();
  ASSERT_TRUE(c);
  ASSERT_FALSE(c->symptom_checkers.empty());
  for (const auto& checker : c->symptom_checkers) {
    SymptomVerification v = VerifySymptomChecker(checker);
    for (const auto& d : v.problems.items()) ADD_FAILURE() << FormatDiagnostic(d);
    if (checker.questions.size() <= kMaxExhaustiveQuestions) {
      EXPECT_TRUE(v.exhaustive) << checker.id;
      EXPECT_EQ(v.combinations_checked, std::uint64_t{1} << checker.questions.size()) << checker.id;
    }
    // Each red flag alone, checked directly too.
    for (const auto& q : checker.questions) {
      if (!q.red_flag) continue;
      EXPECT_NE(CheckSymptoms(checker, {q.id}).urgency, content::Urgency::kSelfCare) << q.id;
    }
    EXPECT_EQ(CheckSymptoms(checker, std::set<std::string>{}).urgency, content::Urgency::kSelfCare);
  }
}

TEST(BundledContent, MedicinesCheckFindsMisspeltAndBrandNames) {
  auto c = Bundled();
  ASSERT_TRUE(c);
  auto r = CheckMedicines(*c, "furosemid\nsalbutamole, Lasix and Ventolin, blorptazine");
  std::vector<std::string> got;
  for (const auto& m : r.matches) got.push_back(m.member->generic);
  // Lasix and Ventolin are the same medicines again: shown once each.
  EXPECT_THAT(got, ::testing::ElementsAre("furosemide", "salbutamol"));
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0].input, "blorptazine");
  for (const auto& m : r.matches) {
    ASSERT_FALSE(m.may_cause.empty()) << m.member->generic;
    for (const auto& link : m.may_cause) {
      EXPECT_FALSE(link.explanation.empty());
      EXPECT_FALSE(link.citations.empty()) << "every link carries a citation";
    }
  }
  EXPECT_EQ(r.safety_advice, kMedicinesSafetyAdvice);
}

TEST(BundledContent, DecisionAidsUseOneDenominator) {
  auto c = Bundled();
  ASSERT_TRUE(c);
  auto k = knowledge::Weigh(c);
  auto conditions = DecisionAidConditions(*k);
  ASSERT_FALSE(conditions.empty());
  for (const auto& slug : conditions) {
    auto aid = BuildDecisionAid(*k, slug);
    ASSERT_TRUE(aid) << slug;
    EXPECT_TRUE(aid->options.front().doing_nothing);
    EXPECT_GE(aid->values_questions.size(), 3u);
    for (const auto& o : aid->options) {
      for (const auto& row : o.rows) {
        if (!row.with.per_100) continue;
        EXPECT_GE(*row.with.per_100, 0) << o.id << " " << row.outcome_id;
        EXPECT_LE(*row.with.per_100, kDenominator) << o.id << " " << row.outcome_id;
        EXPECT_THAT(row.with.text, ::testing::HasSubstr("out of 100"));
        EXPECT_THAT(row.without.text, ::testing::HasSubstr("out of 100"));
      }
    }
  }
}

}  // namespace
}  // namespace evidoc::tools
