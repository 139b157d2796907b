#include "tools/decision_aid.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace evidoc::tools {
namespace {

using knowledge::Certainty;
using ::testing::ElementsAre;

// A Content with one condition and two treatments, and a Knowledge whose
// numbers are worked by hand below.
struct Fixture {
  std::shared_ptr<content::Content> content = std::make_shared<content::Content>();
  knowledge::Knowledge k;

  Fixture() {
    content::Article a;
    a.slug = "leg-cramps";
    a.title = "Leg cramps";
    a.treatments = {"quinine", "stretching"};
    content->articles.push_back(a);
    content::Article b;
    b.slug = "bakers-cyst";
    b.title = "Baker's cyst";
    content->articles.push_back(b);

    content::Treatment q;
    q.id = "quinine";
    q.name = "Quinine";
    q.condition = "leg-cramps";
    q.comparison = "a placebo (dummy pill)";
    q.how_taken = "A tablet at bedtime.";
    q.side_effects_summary = "Stomach upset; rarely serious blood problems.";
    q.cost = "Prescription charge.";
    content::Outcome freq;
    freq.id = "cramp-frequency";
    freq.name = "how many cramps people have";
    freq.kind = "benefit";
    freq.type = "continuous";
    freq.unit = "cramps in 2 weeks";
    freq.timeframe = "2 weeks";
    freq.main = true;
    content::Outcome harm;
    harm.id = "minor-harms";
    harm.name = "minor side effects";
    harm.kind = "harm";
    harm.type = "dichotomous";
    harm.timeframe = "2 to 8 weeks";
    harm.main = true;
    q.outcomes = {harm, freq};  // harm first in the file: the aid puts benefits first
    content->treatments.push_back(q);

    content::Treatment s;
    s.id = "stretching";
    s.name = "Calf stretching";
    s.condition = "leg-cramps";
    s.comparison = "no stretching";
    content->treatments.push_back(s);

    k.content = content;
    knowledge::TreatmentResult qr;
    qr.treatment = &content->treatments[0];
    qr.category = knowledge::Category::kTradeOff;
    knowledge::OutcomeResult harm_r;
    harm_r.outcome = &content->treatments[0].outcomes[0];
    harm_r.name = "minor side effects";
    harm_r.kind = "harm";
    harm_r.certainty = Certainty::kModerate;
    knowledge::AbsoluteEffect ha;
    ha.dichotomous = true;
    ha.comparator = 190;     // 19.0 per 100
    ha.intervention = 255;   // 25.5 -> 26 (half away from zero)
    ha.difference = 65;      // 6.5 -> 7
    ha.difference_lb = 14;   // 1.4 -> 1
    ha.difference_ub = 134;  // 13.4 -> 13
    ha.text = "about 7 more people out of 100";
    harm_r.absolute = ha;
    knowledge::OutcomeResult freq_r;
    freq_r.outcome = &content->treatments[0].outcomes[1];
    freq_r.name = "how many cramps people have";
    freq_r.kind = "benefit";
    freq_r.certainty = Certainty::kModerate;
    freq_r.statement = "Quinine probably reduces how many cramps people have slightly.";
    knowledge::AbsoluteEffect fa;
    fa.dichotomous = false;
    fa.comparator = 9.0;
    fa.intervention = 6.72;
    fa.text = "about 2 fewer cramps in 2 weeks, out of about 9";
    freq_r.absolute = fa;
    qr.outcomes = {harm_r, freq_r};
    k.treatments.push_back(qr);

    knowledge::TreatmentResult sr;
    sr.treatment = &content->treatments[1];
    k.treatments.push_back(sr);
  }
};

TEST(DecisionAid, OptionsSideBySideOutOf100) {
  Fixture f;
  auto aid = BuildDecisionAid(f.k, "leg-cramps");
  ASSERT_TRUE(aid.has_value());
  EXPECT_EQ(aid->condition_title, "Leg cramps");
  std::vector<std::string> ids;
  for (const auto& o : aid->options) ids.push_back(o.id);
  EXPECT_THAT(ids, ElementsAre("doing-nothing", "quinine", "stretching"));

  const auto& nothing = aid->options[0];
  EXPECT_TRUE(nothing.doing_nothing);
  EXPECT_EQ(nothing.comparison, "a placebo (dummy pill) or no stretching");
  EXPECT_EQ(nothing.cost, "Free.");

  const auto& q = aid->options[1];
  EXPECT_EQ(q.how_taken, "A tablet at bedtime.");
  EXPECT_EQ(q.side_effects, "Stomach upset; rarely serious blood problems.");
  EXPECT_EQ(q.cost, "Prescription charge.");
  ASSERT_EQ(q.rows.size(), 2u);
  // Benefits first.
  const auto& benefit = q.rows[0];
  EXPECT_EQ(benefit.outcome_id, "cramp-frequency");
  EXPECT_EQ(benefit.timeframe, "over 2 weeks");
  EXPECT_FALSE(benefit.with.dichotomous);
  EXPECT_EQ(benefit.without.text, "about 9 cramps in 2 weeks");
  EXPECT_EQ(benefit.with.text, "about 6.7 cramps in 2 weeks");
  EXPECT_EQ(benefit.certainty, Certainty::kModerate);
  EXPECT_EQ(benefit.statement, "Quinine probably reduces how many cramps people have slightly.");

  const auto& harm = q.rows[1];
  EXPECT_EQ(harm.timeframe, "over 2 to 8 weeks");
  EXPECT_EQ(harm.without.per_100, 19);
  EXPECT_EQ(harm.with.per_100, 26);
  EXPECT_EQ(harm.without.text, "about 19 out of 100 people");
  EXPECT_EQ(harm.with.text, "about 26 out of 100 people");
  EXPECT_EQ(harm.difference_per_100, 7);
  EXPECT_EQ(harm.difference_per_100_lb, 1);
  EXPECT_EQ(harm.difference_per_100_ub, 13);
  EXPECT_EQ(harm.difference, "about 7 more people out of 100");

  // Stretching has no weighed outcomes yet: an option with no rows.
  EXPECT_TRUE(aid->options[2].rows.empty());

  EXPECT_THAT(aid->values_questions,
              ElementsAre("How much does a change in how many cramps people have matter to you?",
                          "How much would a risk of minor side effects worry you?",
                          "How do you feel about taking something every day, perhaps for a long "
                          "time?",
                          "How sure do you want to be that a treatment works before you try it?",
                          "Do cost and the time a treatment takes matter to you?"));
}

TEST(DecisionAid, MissingOutcomeNumbersSayNotKnown) {
  Fixture f;
  f.k.treatments[0].outcomes[0].absolute.reset();
  auto aid = BuildDecisionAid(f.k, "leg-cramps");
  ASSERT_TRUE(aid);
  EXPECT_EQ(aid->options[1].rows[1].with.text, "not known");
  EXPECT_FALSE(aid->options[1].rows[1].with.per_100.has_value());
}

TEST(DecisionAid, ConditionsWithoutTreatmentsHaveNoAid) {
  Fixture f;
  EXPECT_FALSE(BuildDecisionAid(f.k, "bakers-cyst").has_value());
  EXPECT_FALSE(BuildDecisionAid(f.k, "no-such-page").has_value());
  EXPECT_THAT(DecisionAidConditions(f.k), ElementsAre("leg-cramps"));
}

TEST(DecisionAid, SelectOptions) {
  Fixture f;
  auto aid = *BuildDecisionAid(f.k, "leg-cramps");
  auto chosen = SelectOptions(aid, {"quinine", "doing-nothing", "<script>"});
  ASSERT_EQ(chosen.options.size(), 2u);
  EXPECT_EQ(chosen.options[0].id, "doing-nothing");
  EXPECT_EQ(chosen.options[1].id, "quinine");
  EXPECT_EQ(SelectOptions(aid, {}).options.size(), 3u);
  EXPECT_EQ(SelectOptions(aid, {"nonsense"}).options.size(), 3u);
}

TEST(DecisionAid, OptionsWithOneNameAreToldApart) {
  Fixture f;
  f.content->treatments[1].name = "Quinine";
  f.content->treatments[1].population = "people on dialysis";
  f.content->treatments[0].population = "";
  auto aid = BuildDecisionAid(f.k, "leg-cramps");
  ASSERT_TRUE(aid);
  EXPECT_EQ(aid->options[1].name, "Quinine (quinine)");
  EXPECT_EQ(aid->options[2].name, "Quinine (for people on dialysis)");
}

TEST(DecisionAid, Per1000ToPer100) {
  EXPECT_EQ(Per1000ToPer100(0), 0);
  EXPECT_EQ(Per1000ToPer100(4.9), 0);
  EXPECT_EQ(Per1000ToPer100(5), 1);
  EXPECT_EQ(Per1000ToPer100(-65), -7);
  EXPECT_EQ(Per1000ToPer100(1000), 100);
}

// Regression: quinine's serious harms, 14 vs 15 per 1,000 (Cochrane
// CD005044), were drawn as 1 vs 2 people out of 100 — a doubling.
TEST(DecisionAid, IconCountsKeepTheRoundedDifference) {
  EXPECT_EQ(IconCountsPer100(14, 15).without, 1);
  EXPECT_EQ(IconCountsPer100(14, 15).with, 1);
  EXPECT_EQ(IconCountsPer100(94, 127).without, 9);    // minor harms: 9.4 vs 12.7
  EXPECT_EQ(IconCountsPer100(94, 127).with, 12);      // 9 + round(3.3)
  EXPECT_EQ(IconCountsPer100(57, 323).with, 6 + 27);  // Dahle: 57 -> 323 per 1,000
  EXPECT_EQ(IconCountsPer100(990, 1200).with, 100);   // clamped
  EXPECT_EQ(IconCountsPer100(3, -40).with, 0);
}

}  // namespace
}  // namespace evidoc::tools
