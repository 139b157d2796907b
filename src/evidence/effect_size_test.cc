#include "evidence/effect_size.h"

#include <gtest/gtest.h>

#include <cmath>

namespace evidoc::evidence {
namespace {

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(FormatDiagnostic(x));
  return out;
}

std::optional<EffectData> Compute(const std::string& csv, EffectSizeOptions o, Diagnostics& d) {
  StudyTable t = ReadStudyCsv(csv, "d.csv", d);
  return ComputeEffectSizes(t, o, d);
}

// Hand-worked: 10/100 events against 20/100.
TEST(EffectSize, RiskRatioOddsRatioRiskDifferenceByHand) {
  const std::string csv = "study,ai,n1i,ci,n2i\nA,10,100,20,100\n";
  Diagnostics d;
  auto rr = Compute(csv, {.measure = Measure::kRR}, d);
  ASSERT_TRUE(rr);
  EXPECT_NEAR(rr->studies[0].yi, std::log(0.5), 1e-15);
  EXPECT_NEAR(rr->studies[0].vi, 1.0 / 10 - 1.0 / 100 + 1.0 / 20 - 1.0 / 100, 1e-15);  // 0.13
  auto orr = Compute(csv, {.measure = Measure::kOR}, d);
  EXPECT_NEAR(orr->studies[0].yi, std::log(10.0 * 80 / (90 * 20)), 1e-14);
  EXPECT_NEAR(orr->studies[0].vi, 1.0 / 10 + 1.0 / 90 + 1.0 / 20 + 1.0 / 80, 1e-15);
  auto rd = Compute(csv, {.measure = Measure::kRD}, d);
  EXPECT_NEAR(rd->studies[0].yi, -0.1, 1e-15);
  EXPECT_NEAR(rd->studies[0].vi, 0.0025, 1e-15);
  EXPECT_TRUE(d.empty());
}

TEST(EffectSize, ContinuityCorrectionOnlyForZeroCellStudies) {
  const std::string csv = "study,ai,bi,ci,di\nZ,0,10,5,5\nN,2,8,4,6\nDZ,0,10,0,10\n";
  Diagnostics d;
  auto e = Compute(csv, {.measure = Measure::kOR}, d);
  ASSERT_TRUE(e);
  EXPECT_NEAR(e->studies[0].yi, std::log(0.5 * 5.5 / (10.5 * 5.5)),
              1e-14);                                                 // 0.5 added to every cell
  EXPECT_NEAR(e->studies[1].yi, std::log(2.0 * 6 / (8 * 4)), 1e-14);  // untouched
  EXPECT_TRUE(e->studies[2].has_yi);  // double zero kept (drop00 off)
  EXPECT_NEAR(e->studies[2].yi, 0, 1e-15);
  auto dropped = Compute(csv, {.measure = Measure::kOR, .drop00 = true}, d);
  EXPECT_FALSE(dropped->studies[2].has_yi);
  auto all = Compute(csv, {.measure = Measure::kOR, .to = AddTo::kAll}, d);
  EXPECT_NEAR(all->studies[1].yi, std::log(2.5 * 6.5 / (8.5 * 4.5)), 1e-14);
  auto none = Compute(csv, {.measure = Measure::kOR, .to = AddTo::kNone}, d);
  EXPECT_FALSE(none->studies[0].has_yi);  // log(0) is not an effect size
  EXPECT_TRUE(d.empty());
}

// Hedges' g: J(18) = Gamma(9) / (sqrt(9) Gamma(8.5)) = 40320 / (3 * 14034.40729348341).
TEST(EffectSize, StandardisedMeanDifferenceExactCorrection) {
  EXPECT_NEAR(HedgesCorrection(18), 40320 / (3 * 14034.40729348341), 1e-12);
  Diagnostics d;
  auto e =
      Compute("study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,10,2,10,8,2,10\n", {.measure = Measure::kSMD}, d);
  ASSERT_TRUE(e);
  double g = 40320 / (3 * 14034.40729348341);  // d = (10 - 8) / 2 = 1
  EXPECT_NEAR(e->studies[0].yi, g, 1e-12);
  EXPECT_NEAR(e->studies[0].vi, 0.1 + 0.1 + g * g / 40, 1e-12);
  auto md = Compute("study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,10,2,10,8,3,20\n", {}, d);
  EXPECT_EQ(md->measure, Measure::kMD);
  EXPECT_NEAR(md->studies[0].vi, 0.4 + 0.45, 1e-15);
  auto rom =
      Compute("study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,10,2,10,8,2,10\n", {.measure = Measure::kROM}, d);
  EXPECT_NEAR(rom->studies[0].yi, std::log(1.25), 1e-15);
  EXPECT_NEAR(rom->studies[0].vi, 4.0 / (10 * 100) + 4.0 / (10 * 64), 1e-15);
}

TEST(EffectSize, GenericWithSei) {
  Diagnostics d;
  auto e = Compute("yi,sei\n0.5,0.2\n", {}, d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->measure, Measure::kGEN);
  EXPECT_NEAR(e->studies[0].vi, 0.04, 1e-15);
  EXPECT_EQ(e->studies[0].label, "Study 1");
}

// Every problem in every row, at once, with row and column.
TEST(EffectSize, BadDataAllReportedWithCells) {
  const std::string csv =
      "study,m1i,sd1i,n1i,m2i,sd2i,n2i,design\n"
      "A,1,0,10,2,1,10,parallel\n"
      "B,x,1,1,2,1,10,crossover\n"
      "A,1,1,10,2,-1,,\n";
  Diagnostics d;
  EXPECT_FALSE(Compute(csv, {.measure = Measure::kMD}, d));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "d.csv:2:3: error: SD must be > 0, got 0 in column 'sd1i'",
                "d.csv:3:8: warning: study 'B' is a crossover design: parallel-group formulas "
                "overstate its "
                "variance (enter yi and vi from a paired analysis instead)",
                "d.csv:3:2: error: 'x' in column 'm1i' is not a finite number",
                "d.csv:3:4: error: group size must be at least 2, got 1 in column 'n1i'",
                "d.csv:4:1: error: duplicate study label 'A' (first on line 2)",
                "d.csv:4:7: error: missing value in column 'n2i'",
                "d.csv:4:6: error: SD must be > 0, got -1 in column 'sd2i'",
            }));
}

TEST(EffectSize, CountProblems) {
  const std::string csv = "study,ai,n1i,ci,n2i\nA,-1,10,2,10\nB,12,10,2,10\nC,1,10,3,2\n";
  Diagnostics d;
  EXPECT_FALSE(Compute(csv, {.measure = Measure::kRR}, d));
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "d.csv:2:2: error: negative count -1 in column 'ai'",
                             "d.csv:3:2: error: events ai = 12 above the group total n1i = 10",
                             "d.csv:4:4: error: events ci = 3 above the group total n2i = 2",
                         }));
}

TEST(EffectSize, MissingColumnsAndVi) {
  Diagnostics d;
  EXPECT_FALSE(Compute("study,yi\nA,1\n", {}, d));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "d.csv:1: error: missing column 'vi' needed for measure GEN (give vi or sei)"}));
  Diagnostics d2;
  EXPECT_FALSE(Compute("yi,vi\n1,0\n2,-1\n", {}, d2));
  EXPECT_EQ(Messages(d2), (std::vector<std::string>{"d.csv:2:2: error: vi must be > 0, got 0",
                                                    "d.csv:3:2: error: vi must be > 0, got -1"}));
  Diagnostics d3;
  EXPECT_FALSE(Compute("a,b\n1,2\n", {}, d3));
  EXPECT_EQ(d3.error_count(), 1);
  Diagnostics d4;
  EXPECT_FALSE(Compute("yi,vi\n", {}, d4));
  EXPECT_EQ(
      Messages(d4),
      (std::vector<std::string>{"d.csv:1: error: no studies: the table has a header but no rows"}));
}

TEST(EffectSize, ParseNames) {
  EXPECT_EQ(ParseMeasure("smd"), Measure::kSMD);
  EXPECT_FALSE(ParseMeasure("HR"));
  EXPECT_EQ(ParseAddTo("if0all"), AddTo::kIf0All);
  EXPECT_EQ(MeasureName(Measure::kROM), "ROM");
}

}  // namespace
}  // namespace evidoc::evidence
