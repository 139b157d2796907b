#include "tools/symptom_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

namespace evidoc::tools {
namespace {

using content::Urgency;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

content::SymptomQuestion Q(std::string id, bool red, int line) {
  content::SymptomQuestion q;
  q.id = std::move(id);
  q.text = "Question " + q.id + "?";
  q.red_flag = red;
  q.location = {"symptoms/leg-pain.yaml", line, 5};
  return q;
}

content::SymptomRule R(std::string id, std::vector<std::string> all_of, Urgency u, int line) {
  content::SymptomRule r;
  r.id = std::move(id);
  r.all_of = std::move(all_of);
  r.urgency = u;
  r.advice = "advice " + r.id;
  r.reason = "reason " + r.id;
  r.location = {"symptoms/leg-pain.yaml", line, 5};
  return r;
}

content::SymptomChecker LegPain() {
  content::SymptomChecker c;
  c.id = "leg-pain";
  c.location = {"symptoms/leg-pain.yaml", 1, 1};
  c.questions = {Q("calf_swelling", true, 5), Q("breathless", true, 6), Q("night_cramp", false, 7)};
  c.rules = {R("dvt", {"calf_swelling"}, Urgency::kSameDay, 10),
             R("possible-pe", {"breathless"}, Urgency::kEmergency, 15),
             R("pe-with-swelling", {"breathless", "calf_swelling"}, Urgency::kEmergency, 20),
             R("cramp", {"night_cramp"}, Urgency::kSelfCare, 25)};
  c.default_advice = "Your answers do not suggest a warning sign.";
  return c;
}

std::vector<std::string> Ids(const SymptomCheckResult& r) {
  std::vector<std::string> ids;
  for (const auto* rule : r.matched) ids.push_back(rule->id);
  return ids;
}

TEST(CheckSymptoms, MostUrgentWinsAndAllReasonsAreListed) {
  const auto c = LegPain();
  auto r = CheckSymptoms(c, {"night_cramp", "calf_swelling", "breathless"});
  EXPECT_EQ(r.urgency, Urgency::kEmergency);
  EXPECT_EQ(r.advice, "advice possible-pe");
  EXPECT_FALSE(r.used_default);
  // Most urgent first, content order among equals.
  EXPECT_THAT(Ids(r), ElementsAre("possible-pe", "pe-with-swelling", "dvt", "cramp"));
  ASSERT_EQ(r.red_flags_answered.size(), 2u);
  EXPECT_EQ(r.red_flags_answered[0]->id, "calf_swelling");

  r = CheckSymptoms(c, {"calf_swelling"});
  EXPECT_EQ(r.urgency, Urgency::kSameDay);
  EXPECT_EQ(r.advice, "advice dvt");
  EXPECT_THAT(Ids(r), ElementsAre("dvt"));

  r = CheckSymptoms(c, {"night_cramp", "unknown-id"});
  EXPECT_EQ(r.urgency, Urgency::kSelfCare);
  EXPECT_EQ(r.advice, "advice cramp");
}

TEST(CheckSymptoms, NoMatchGivesTheDefault) {
  const auto c = LegPain();
  auto r = CheckSymptoms(c, std::set<std::string>{});
  EXPECT_EQ(r.urgency, Urgency::kSelfCare);
  EXPECT_TRUE(r.used_default);
  EXPECT_EQ(r.advice, "Your answers do not suggest a warning sign.");
  EXPECT_THAT(r.matched, IsEmpty());
  // The mask form agrees: bit 1 is "breathless".
  EXPECT_EQ(CheckSymptoms(c, std::uint64_t{2}).advice, "advice possible-pe");
}

TEST(VerifySymptomChecker, SafeCheckerPassesExhaustively) {
  auto v = VerifySymptomChecker(LegPain());
  EXPECT_TRUE(v.exhaustive);
  EXPECT_EQ(v.combinations_checked, 8u);
  EXPECT_TRUE(v.problems.empty()) << FormatDiagnostic(v.problems.items().front());
}

TEST(VerifySymptomChecker, RedFlagOnlyInACombinationIsCaught) {
  auto c = LegPain();
  // calf swelling is only urgent together with night cramps: alone it ends
  // in self-care, which the verifier must find.
  c.rules[0].all_of = {"calf_swelling", "night_cramp"};
  auto v = VerifySymptomChecker(c);
  ASSERT_EQ(v.problems.items().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(v.problems.items()[0]),
            "symptoms/leg-pain.yaml:5:5: error: symptom checker 'leg-pain': answering yes to "
            "calf_swelling ends in self-care although 'calf_swelling' is a red flag");
}

TEST(VerifySymptomChecker, SelfCareRuleCannotOutrankARedFlag) {
  auto c = LegPain();
  // A red flag whose only rule says self-care.
  c.rules[0].urgency = Urgency::kSelfCare;
  auto v = VerifySymptomChecker(c);
  ASSERT_EQ(v.problems.items().size(), 1u);
  EXPECT_EQ(v.problems.items()[0].message,
            "symptom checker 'leg-pain': answering yes to calf_swelling ends in self-care although "
            "'calf_swelling' is a red flag");
}

TEST(VerifySymptomChecker, UndefinedAdviceAndUnknownQuestions) {
  auto c = LegPain();
  c.default_advice = "  ";
  c.rules[3].all_of = {"night_cramp", "typo_question"};
  auto v = VerifySymptomChecker(c);
  std::vector<std::string> got;
  for (const auto& d : v.problems.items()) got.push_back(FormatDiagnostic(d));
  EXPECT_THAT(got, ElementsAre("symptoms/leg-pain.yaml:25:5: error: symptom checker 'leg-pain': "
                               "rule 'cramp' names unknown question 'typo_question'",
                               "symptoms/leg-pain.yaml:1:1: error: symptom checker 'leg-pain': "
                               "answering yes to no question gives no advice"));
}

TEST(VerifySymptomChecker, DuplicateQuestionIds) {
  auto c = LegPain();
  c.questions.push_back(Q("breathless", false, 8));
  auto v = VerifySymptomChecker(c);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(FormatDiagnostic(v.problems.items()[0]),
            "symptoms/leg-pain.yaml:8:5: error: symptom checker 'leg-pain': question id "
            "'breathless' is used more than once");
}

content::SymptomChecker Wide(std::size_t n) {
  content::SymptomChecker c;
  c.id = "wide";
  c.default_advice = "ok";
  for (std::size_t i = 0; i < n; ++i) {
    c.questions.push_back(Q("q" + std::to_string(i), i % 2 == 0, static_cast<int>(i + 1)));
    if (i % 2 == 0)
      c.rules.push_back(R("r" + std::to_string(i), {c.questions.back().id}, Urgency::kSeeDoctor,
                          100 + static_cast<int>(i)));
  }
  return c;
}

TEST(VerifySymptomChecker, TwentyQuestionsAreEnumeratedAll) {
  auto v = VerifySymptomChecker(Wide(kMaxExhaustiveQuestions));
  EXPECT_TRUE(v.exhaustive);
  EXPECT_EQ(v.combinations_checked, std::uint64_t{1} << 20);
  EXPECT_TRUE(v.problems.empty());
}

TEST(VerifySymptomChecker, BeyondTheLimitTheSoundSingleCheckStillFindsProblems) {
  auto c = Wide(25);
  auto v = VerifySymptomChecker(c);
  EXPECT_FALSE(v.exhaustive);
  EXPECT_EQ(v.combinations_checked, 1u + 25u + 1u);
  EXPECT_TRUE(v.problems.empty());

  c.rules.pop_back();  // q24 (a red flag) now has no rule
  v = VerifySymptomChecker(c);
  ASSERT_EQ(v.problems.items().size(), 1u);
  EXPECT_EQ(v.problems.items()[0].message,
            "symptom checker 'wide': answering yes to q24 ends in self-care although 'q24' is a "
            "red flag");
}

// The header's soundness argument, tested: for random rule sets the
// exhaustive verdict on the red-flag property equals the verdict from each
// red flag answered alone.
TEST(VerifySymptomChecker, ExhaustiveAgreesWithSingleAnswerArgument) {
  std::mt19937 rng(20261129);
  int failing = 0;
  for (int trial = 0; trial < 200; ++trial) {
    content::SymptomChecker c;
    c.id = "random";
    c.default_advice = "ok";
    const int n = 8;
    for (int i = 0; i < n; ++i)
      c.questions.push_back(Q("q" + std::to_string(i), rng() % 3 == 0, i));
    for (int j = 0; j < 6; ++j) {
      std::vector<std::string> all_of;
      for (int i = 0; i < n; ++i) {
        if (rng() % 4 == 0) all_of.push_back("q" + std::to_string(i));
      }
      c.rules.push_back(R("r" + std::to_string(j), all_of, static_cast<Urgency>(rng() % 4), j));
    }
    bool single_ok = true;
    for (int i = 0; i < n; ++i) {
      if (c.questions[i].red_flag &&
          CheckSymptoms(c, std::uint64_t{1} << i).urgency == Urgency::kSelfCare) {
        single_ok = false;
      }
    }
    auto v = VerifySymptomChecker(c);
    EXPECT_EQ(v.problems.empty(), single_ok) << "trial " << trial;
    failing += single_ok ? 0 : 1;
  }
  // Both verdicts occur, so the comparison is not vacuous.
  EXPECT_GT(failing, 10);
  EXPECT_LT(failing, 190);
}

TEST(Urgency, LabelsAndCodes) {
  EXPECT_EQ(UrgencyCode(Urgency::kEmergency), "emergency");
  EXPECT_EQ(UrgencyCode(Urgency::kSameDay), "same_day");
  EXPECT_EQ(UrgencyCode(Urgency::kSeeDoctor), "see_doctor");
  EXPECT_EQ(UrgencyCode(Urgency::kSelfCare), "self_care");
  EXPECT_EQ(UrgencyLabel(Urgency::kSameDay), "See a doctor today");
}

}  // namespace
}  // namespace evidoc::tools
