#include "evidence/forest_plot.h"

#include <gtest/gtest.h>

namespace evidoc::evidence {
namespace {

TEST(EscapeSvg, EscapesMarkupAndDropsControls) {
  EXPECT_EQ(EscapeSvg("a<b>&\"c'\x01\td"), "a&lt;b&gt;&amp;&quot;c&#39;\td");
}

MetaAnalysisResult Example() {
  Diagnostics d;
  StudyTable t = ReadStudyCsv(
      "study,ai,n1i,ci,n2i\nSmith & <Jones>,4,100,10,100\nLee,8,120,12,118\nZero,0,50,0,50\n",
      "f.csv", d);
  auto data = ComputeEffectSizes(t, {.measure = Measure::kRR}, d);
  PoolingOptions o;
  o.method = Method::kMH;
  return *Pool(*data, o, d);
}

// Regression: several plots on one treatment page shared the ids of their
// <title>/<desc>, so aria-labelledby pointed at the first plot's title.
TEST(ForestPlot, EachPlotGetsItsOwnIds) {
  ForestOptions options;
  options.id = "forest-quinine-cramps";
  std::string svg = RenderForestSvg(Example(), options);
  EXPECT_NE(svg.find("aria-labelledby=\"forest-quinine-cramps-title forest-quinine-cramps-desc\""),
            std::string::npos);
  EXPECT_NE(svg.find("<title id=\"forest-quinine-cramps-title\">"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"forest-quinine-cramps-desc\">"), std::string::npos);
  EXPECT_EQ(svg.find("\"forest-title\""), std::string::npos);
}

TEST(ForestPlot, TextIsTextAndEscaped) {
  std::string svg = RenderForestSvg(Example(), {.title = "Cramps: RR"});
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                      "aria-labelledby=\"forest-title forest-desc\"",
                      0),
            0u);
  EXPECT_NE(svg.find("<title id=\"forest-title\">Cramps: RR</title>"), std::string::npos);
  EXPECT_NE(svg.find(">Smith &amp; &lt;Jones&gt;</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<Jones>"), std::string::npos);
  EXPECT_NE(svg.find(">Not estimable</text>"),
            std::string::npos);  // the double-zero study under MH
  EXPECT_NE(svg.find(">Favours treatment</text>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"pooled\""), std::string::npos);
  EXPECT_NE(svg.find(">Common-effect model (Mantel-Haenszel)</text>"), std::string::npos);
  // Log axis for a ratio measure: the line of no effect is labelled 1.
  EXPECT_NE(svg.find(">1</text>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(ForestPlot, DescriptionSummarisesTheResult) {
  MetaAnalysisResult r = PoolGeneric({0.1, 0.5, 0.3}, {0.04, 0.02, 0.05}, {});
  std::string svg = RenderForestSvg(r);
  char expected[256];
  std::snprintf(expected, sizeof expected,
                "<desc id=\"forest-desc\">3 studies. Pooled GEN %.2f [%.2f, %.2f] (95%% CI)",
                r.estimate, r.ci_lb, r.ci_ub);
  EXPECT_NE(svg.find(expected), std::string::npos) << svg.substr(0, 600);
  EXPECT_NE(svg.find(">Prediction interval</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Random-effects model (REML)</text>"), std::string::npos);
}

}  // namespace
}  // namespace evidoc::evidence
