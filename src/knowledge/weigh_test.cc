// Weigh over a fixture evidence folder: given the review's own judgements
// (risk of bias, indirectness), evidoc reproduces the estimates and the
// certainty of the single-trial magnesium-in-pregnancy results of Cochrane
// CD010655 (Summary of findings 1; ../shared/facts/evidence/findings.md §6).
#include <gtest/gtest.h>

#include <cmath>

#include "content/evidence_loader.h"
#include "knowledge/knowledge.h"

namespace evidoc::knowledge {
namespace {

std::shared_ptr<const Knowledge> WeighFixture(const std::string& name, Diagnostics& diags) {
  RealFileSystem fs;
  auto content = std::make_shared<content::Content>();
  content->root = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/evidence/" + name;
  content::LoadEvidence(fs, content->root, *content, diags);
  return Weigh(content);
}

double R2(double v) { return std::round(v * 100) / 100; }

struct Expected {
  const char* id;
  const char* measure;
  double estimate, lb, ub;  // as printed in the review (2 decimals)
  int participants;
  Certainty certainty;
};

TEST(WeighFixture, ReproducesCochraneCd010655SingleTrialResults) {
  Diagnostics diags;
  auto k = WeighFixture("magnesium-pregnancy", diags);
  EXPECT_FALSE(diags.has_errors());
  const TreatmentResult* t = k->FindTreatment("magnesium-pregnancy");
  ASSERT_NE(t, nullptr);
  const Expected expected[] = {
      {"frequency", "MD", 1.80, -1.32, 4.92, 38, Certainty::kLow},
      {"never", "RR", 5.66, 1.35, 23.68, 69, Certainty::kLow},
      {"halved", "RR", 1.42, 1.09, 1.86, 86, Certainty::kLow},
      {"pain", "MD", 1.80, -3.10, 6.70, 38, Certainty::kLow},
      {"pain-halved", "RR", 1.43, 0.99, 2.06, 86, Certainty::kVeryLow},
  };
  ASSERT_EQ(t->outcomes.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Expected& e = expected[i];
    const OutcomeResult& r = t->outcomes[i];
    SCOPED_TRACE(e.id);
    EXPECT_EQ(r.outcome->id, e.id);
    ASSERT_TRUE(r.relative.has_value());
    EXPECT_EQ(r.relative->measure, e.measure);
    EXPECT_EQ(R2(r.relative->estimate), e.estimate);
    EXPECT_EQ(R2(r.relative->ci_lb), e.lb);
    EXPECT_EQ(R2(r.relative->ci_ub), e.ub);
    EXPECT_EQ(r.participants, e.participants);
    EXPECT_EQ(r.k, 1);
    EXPECT_EQ(r.source, "studies");
    EXPECT_EQ(CertaintyCode(r.certainty), CertaintyCode(e.certainty));
  }
  // The SoF's absolute effects: 57 -> 323 (77 to 1000) and 605 -> 859/861.
  const AbsoluteEffect& never = *t->outcomes[1].absolute;
  EXPECT_EQ(std::lround(never.intervention), 323);
  EXPECT_EQ(std::lround(never.intervention_lb), 77);
  EXPECT_EQ(std::lround(never.intervention_ub), 1000);
  // The reasons a reader sees.
  const OutcomeResult& f = t->outcomes[0];
  ASSERT_EQ(f.domains.size(), 5u);
  EXPECT_EQ(f.domains[3].domain, "imprecision");
  EXPECT_EQ(f.domains[3].downgrade, 2);
  EXPECT_EQ(f.domains[3].reason,
            "Very serious imprecision (2 levels): the 95% CI (-1.32 to 4.92 cramps in 2 weeks) "
            "includes both an "
            "important benefit and an important harm (MID 1 cramps in 2 weeks); 38 participants, "
            "fewer than the 400 "
            "of the optimal information size.");
  EXPECT_EQ(f.statement, "Magnesium may increase how many cramps women have slightly.");
  EXPECT_EQ(f.absolute->text, "about 1.8 more cramps in 2 weeks, out of about 8");
  EXPECT_EQ(t->outcomes[2].statement,
            "Magnesium may result in a large increase in how many women have their cramps halved.");
  EXPECT_EQ(t->outcomes[4].statement,
            "The evidence is very uncertain about the effect of magnesium on how many women have "
            "their cramp pain "
            "halved.");
  // A forest plot for outcomes pooled from rows; "better: higher" puts the
  // treatment's side on the right.
  EXPECT_EQ(t->outcomes[2].forest_svg.rfind("<svg", 0), 0u);
  EXPECT_NE(t->outcomes[2].forest_svg.find("Favours placebo or no treatment"), std::string::npos);
  EXPECT_EQ(t->category, Category::kNeedFurtherStudy);
  EXPECT_EQ(t->category_reason,
            "The evidence on how many cramps women have is of low certainty: too uncertain to say "
            "whether it works.");
}

TEST(WeighFixture, IsPure) {
  Diagnostics d1, d2;
  auto a = WeighFixture("magnesium-pregnancy", d1);
  auto b = Weigh(a->content);
  ASSERT_EQ(a->treatments.size(), b->treatments.size());
  for (size_t i = 0; i < a->treatments[0].outcomes.size(); ++i) {
    EXPECT_EQ(a->treatments[0].outcomes[i].statement, b->treatments[0].outcomes[i].statement);
    EXPECT_EQ(a->treatments[0].outcomes[i].relative->estimate,
              b->treatments[0].outcomes[i].relative->estimate);
  }
}

}  // namespace
}  // namespace evidoc::knowledge
