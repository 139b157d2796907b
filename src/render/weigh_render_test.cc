// Treatments API, summary of findings and FHIR Evidence for the fixture
// evidence folder (Cochrane CD010655 single-trial results).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "content/evidence_loader.h"
#include "render/fhir_evidence.h"
#include "render/summary_of_findings.h"
#include "render/treatment_json.h"

namespace evidoc::render {
namespace {

using nlohmann::json;

class WeighRenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RealFileSystem fs;
    auto content = std::make_shared<content::Content>();
    content->root = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/evidence/magnesium-pregnancy";
    Diagnostics diags;
    content::LoadEvidence(fs, content->root, *content, diags);
    ASSERT_FALSE(diags.has_errors());
    k_ = knowledge::Weigh(content);
    t_ = k_->FindTreatment("magnesium-pregnancy");
    ASSERT_NE(t_, nullptr);
  }
  std::shared_ptr<const knowledge::Knowledge> k_;
  const knowledge::TreatmentResult* t_ = nullptr;
};

TEST_F(WeighRenderTest, TreatmentJsonHasTheIssueFields) {
  json j = json::parse(TreatmentJson(*t_));
  EXPECT_EQ(j["id"], "magnesium-pregnancy");
  EXPECT_EQ(j["name"], "Magnesium");
  EXPECT_EQ(j["condition"], "leg-cramps");
  EXPECT_EQ(j["population"], "pregnant women with leg cramps");
  EXPECT_EQ(j["category"], "treatments-that-need-further-study");
  EXPECT_EQ(j["category_reason"],
            "The evidence on how many cramps women have is of low certainty: too uncertain to say "
            "whether it works.");
  ASSERT_EQ(j["outcomes"].size(), 5u);
  const json& never = j["outcomes"][1];
  EXPECT_EQ(never["name"], "how many women have no cramps after treatment");
  EXPECT_EQ(never["kind"], "benefit");
  EXPECT_EQ(never["certainty"], "low");
  EXPECT_EQ(never["certainty_reasons"].size(), 5u);
  EXPECT_EQ(never["certainty_reasons"][0]["domain"], "risk_of_bias");
  EXPECT_EQ(never["certainty_reasons"][0]["downgrade"], 1);
  EXPECT_EQ(never["certainty_reasons"][0]["reason"], "Limitations in study design (the review).");
  EXPECT_EQ(never["relative"]["measure"], "RR");
  EXPECT_NEAR(never["relative"]["estimate"].get<double>(), 5.661765, 1e-6);
  EXPECT_NEAR(never["relative"]["ci_lb"].get<double>(), 1.353816, 1e-6);
  EXPECT_NEAR(never["relative"]["ci_ub"].get<double>(), 23.677947, 1e-6);
  EXPECT_EQ(never["absolute"]["type"], "per_1000");
  EXPECT_NEAR(never["absolute"]["intervention"].get<double>(), 322.72, 0.01);
  EXPECT_EQ(never["absolute"]["per_100"]["comparator"], 6);
  EXPECT_EQ(never["absolute"]["per_100"]["intervention"], 32);
  EXPECT_EQ(never["absolute"]["nnt"], 4);
  EXPECT_EQ(never["absolute"]["difference_text"], "266 more per 1,000 (20 more to 943 more)");
  EXPECT_EQ(never["k"], 1);
  EXPECT_EQ(never["participants"], 69);
  EXPECT_EQ(never["source"], "studies");
  EXPECT_EQ(never["citations"], json::array({"dahle1995"}));

  json all = json::parse(TreatmentsJson(*k_));
  ASSERT_EQ(all["treatments"].size(), 1u);
  EXPECT_EQ(all["treatments"][0], j);
}

TEST_F(WeighRenderTest, SummaryOfFindingsCells) {
  const auto& o = t_->outcomes;
  EXPECT_EQ(RelativeEffectText(o[0]), "MD 1.80 (-1.32 to 4.92)");
  EXPECT_EQ(ParticipantsText(o[0]), "38 (1 study)");
  EXPECT_EQ(ComparatorText(o[0]), "7.7 cramps in 2 weeks");
  EXPECT_EQ(DifferenceText(o[0]), "1.8 more cramps in 2 weeks (1.32 fewer to 4.92 more)");
  EXPECT_EQ(CertaintyText(o[0]), "Low (imprecision -2)");
  EXPECT_EQ(RelativeEffectText(o[1]), "RR 5.66 (1.35 to 23.68)");
  EXPECT_EQ(ComparatorText(o[1]), "57 per 1,000");
  EXPECT_EQ(InterventionText(o[1]), "323 per 1,000 (77 to 1,000)");
  EXPECT_EQ(CertaintyText(o[1]), "Low (risk of bias -1, imprecision -1)");
  EXPECT_EQ(RelativeEffectText(o[2]), "RR 1.42 (1.09 to 1.86)");
  EXPECT_EQ(DifferenceText(o[2]), "256 more per 1,000 (52 more to 395 more)");
  EXPECT_EQ(DifferenceText(o[3]),
            "1.8 higher points on a 0 to 4 scale added up (3.1 lower to 6.7 higher)");
  // 488 x 2.055 = 1003 per 1,000 is capped at 1,000: 512 more.
  EXPECT_EQ(DifferenceText(o[4]), "209 more per 1,000 (3 fewer to 512 more)");
  EXPECT_EQ(CertaintyText(o[4]), "Very low (risk of bias -1, imprecision -2)");

  json sof = json::parse(SummaryOfFindingsJson(*t_));
  ASSERT_EQ(sof["rows"].size(), 5u);
  EXPECT_EQ(sof["rows"][2]["risk_with_comparator"], "605 per 1,000");
  EXPECT_EQ(sof["rows"][2]["risk_with_intervention"], "861 per 1,000 (657 to 1,000)");
  EXPECT_EQ(sof["rows"][2]["certainty"], "low");
  EXPECT_EQ(sof["rows"][2]["statement"],
            "Magnesium may result in a large increase in how many women have their cramps halved.");
  EXPECT_EQ(sof["rows"][2]["natural_frequency"],
            "about 25 more women out of 100 (86 instead of 61)");
}

TEST_F(WeighRenderTest, SummaryOfFindingsHtmlIsATableWithEscapedText) {
  std::string html = SummaryOfFindingsHtml(*t_).str();
  EXPECT_EQ(html.rfind("<table class=\"sof\"><caption>Summary of findings: Magnesium compared with "
                       "placebo or no "
                       "treatment for pregnant women with leg cramps</caption>",
                       0),
            0u);
  EXPECT_NE(html.find("<th scope=\"row\">how many cramps women have</th><td>38 (1 study)</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"certainty certainty-very_low\">Very low (risk of bias -1, "
                      "imprecision -2)</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">Without placebo or no treatment</th>"), std::string::npos);
  EXPECT_EQ(html.substr(html.size() - 16), "</tbody></table>");
}

TEST_F(WeighRenderTest, FhirEvidenceStructure) {
  json e = json::parse(FhirEvidenceJson(*t_, t_->outcomes[2], "https://example.org"));
  EXPECT_EQ(e["resourceType"], "Evidence");
  EXPECT_EQ(e["id"], "magnesium-pregnancy-halved");
  EXPECT_EQ(e["url"], "https://example.org/fhir/Evidence/magnesium-pregnancy-halved");
  EXPECT_EQ(e["assertion"],
            "Magnesium may result in a large increase in how many women have their cramps halved.");
  ASSERT_EQ(e["variableDefinition"].size(), 4u);
  for (const json& v : e["variableDefinition"]) EXPECT_TRUE(v.contains("variableRole"));
  EXPECT_EQ(e["variableDefinition"][3]["variableRole"]["coding"][0]["code"], "measuredVariable");
  const json& s = e["statistic"][0];
  EXPECT_EQ(s["statisticType"]["coding"][0]["code"], "C93152");
  EXPECT_NEAR(s["quantity"]["value"].get<double>(), 1.4230769, 1e-6);
  EXPECT_EQ(s["sampleSize"]["numberOfStudies"], 1);
  EXPECT_EQ(s["sampleSize"]["numberOfParticipants"], 86);
  EXPECT_EQ(s["attributeEstimate"][0]["level"], 0.95);
  EXPECT_NEAR(s["attributeEstimate"][0]["range"]["low"]["value"].get<double>(), 1.0863495, 1e-6);
  EXPECT_NEAR(s["attributeEstimate"][0]["range"]["high"]["value"].get<double>(), 1.8641772, 1e-6);
  EXPECT_TRUE(s.contains("modelCharacteristic"));
  const json& c = e["certainty"][0];
  EXPECT_EQ(c["type"]["coding"][0]["code"], "Overall");
  EXPECT_EQ(c["rating"]["coding"][0]["code"], "low");
  ASSERT_EQ(c["subcomponent"].size(), 5u);
  EXPECT_EQ(c["subcomponent"][0]["type"]["coding"][0]["code"], "RiskOfBias");
  EXPECT_EQ(c["subcomponent"][0]["rating"]["coding"][0]["code"], "serious-concern");
  EXPECT_EQ(c["subcomponent"][3]["type"]["coding"][0]["code"], "Imprecision");
  EXPECT_EQ(c["subcomponent"][3]["description"],
            "Serious imprecision (1 level): 63 events, fewer than the 300 of the optimal "
            "information size.");
  // The absolute effect as a second statistic.
  EXPECT_EQ(e["statistic"][1]["statisticType"]["coding"][0]["code"], "0000424");
  EXPECT_NEAR(e["statistic"][1]["quantity"]["value"].get<double>(), 0.25596, 1e-4);
}

}  // namespace
}  // namespace evidoc::render
