// Safety tests on the real bundled content (content/ at the repository root),
// loaded through the real loader: the facts a reader's safety depends on must
// not be lost by a later edit. Each test names the fact it pins.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/file_system.h"
#include "content/loader.h"
#include "content/model.h"
#include "content/prose.h"
#include "knowledge/knowledge.h"
#include "text/readability.h"
#include "tools/symptom_check.h"

namespace evidoc::content {
namespace {

using tools::CheckSymptoms;

// Loads content/ once for the whole test program.
const LoadResult& Loaded() {
  static const LoadResult* result = [] {
    static RealFileSystem fs;
    return new LoadResult(Load(fs, std::string(EVIDOC_SOURCE_DIR) + "/content"));
  }();
  return *result;
}

std::string AllDiagnostics(const Diagnostics& d) {
  std::string out;
  for (const Diagnostic& item : d.items()) out += FormatDiagnostic(item) + "\n";
  return out;
}

const Content& TheContent() {
  const LoadResult& r = Loaded();
  if (!r.content) {
    ADD_FAILURE() << "content/ did not load:\n" << AllDiagnostics(r.diagnostics);
    static const Content empty;
    return empty;
  }
  return *r.content;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

// Urgency is ordered most urgent first, so "at least as urgent as" is <=.
bool AtLeastAsUrgent(Urgency u, Urgency bound) {
  return static_cast<int>(u) <= static_cast<int>(bound);
}

// --- "never tells a reader to stop a medicine" ---------------------------
// Finds each word starting with "stop" ("stop", "stops", "stopping", ...).
// It is allowed only when negated just before it ("do not stop", "don't
// stop", "never stop"). `strict` flags every other use; otherwise only a
// "stop" that is about taking something: followed within four words by
// taking/using/your/it/them/the medicine/the drug/tablets/quinine/a medicine.
// Returns the offending snippets.
std::vector<std::string> StopAdvice(const std::string& text, bool strict) {
  static const std::vector<std::string> kNegations = {"do not ", "don't ", "don’t ", "never ",
                                                      "not to "};
  static const std::vector<std::string> kObjects = {
      "taking",  "using",   "your",         "it ",       "it.",
      "it,",     "them",    "the medicine", "the drug",  "the tablets",
      "tablets", "quinine", "a medicine",   "medicines", "treatment"};
  std::vector<std::string> found;
  const std::string low = Lower(text);
  for (size_t pos = low.find("stop"); pos != std::string::npos; pos = low.find("stop", pos + 4)) {
    if (pos > 0 && std::isalpha(static_cast<unsigned char>(low[pos - 1]))) continue;
    const std::string before = low.substr(pos >= 8 ? pos - 8 : 0, pos >= 8 ? 8 : pos);
    bool negated = false;
    for (const std::string& n : kNegations) {
      if (before.size() >= n.size() && before.compare(before.size() - n.size(), n.size(), n) == 0)
        negated = true;
    }
    if (negated) continue;
    size_t word_end = pos;
    while (word_end < low.size() && std::isalpha(static_cast<unsigned char>(low[word_end])))
      ++word_end;
    // The next four words after the "stop" word.
    size_t after_end = word_end;
    for (int words = 0; words < 4 && after_end < low.size(); ++words) {
      after_end = low.find(' ', after_end + 1);
      if (after_end == std::string::npos) after_end = low.size();
    }
    std::string after = low.substr(word_end, after_end - word_end);
    // The object of "stop" is in the same sentence.
    const size_t sentence_end = after.find_first_of(".!?;");
    if (sentence_end != std::string::npos) after.resize(sentence_end);
    after += " ";
    bool about_taking = strict;
    for (const std::string& o : kObjects) {
      if (after.find(o) != std::string::npos) about_taking = true;
    }
    if (about_taking) found.push_back(text.substr(pos >= 30 ? pos - 30 : 0, 70));
  }
  return found;
}

TEST(StopAdviceScanner, FlagsAdviceToStopAndAllowsNegatedOrUnrelatedUses) {
  EXPECT_EQ(StopAdvice("Stop taking it.", false).size(), 1u);
  EXPECT_EQ(StopAdvice("You can stop your tablets now.", false).size(), 1u);
  EXPECT_EQ(StopAdvice("Stopping quinine may help.", false).size(), 1u);
  EXPECT_TRUE(StopAdvice("Do not stop the medicine on your own.", false).empty());
  EXPECT_TRUE(StopAdvice("Don't stop taking it.", false).empty());
  EXPECT_TRUE(StopAdvice("The medicine helps stop new clots.", false).empty());
  EXPECT_TRUE(StopAdvice("It helps stop new clots. Your doctor knows.", false).empty());
  EXPECT_EQ(StopAdvice("You may stop it now.", false).size(), 1u);
  EXPECT_TRUE(StopAdvice("Bus stops are nearby.", true).size() == 1u);
  EXPECT_TRUE(StopAdvice("Nonstop flights.", true).empty());
}

// --- the content loads cleanly -------------------------------------------

TEST(BundledContent, LoadsWithoutErrorsAndOnlyTheExplainedWarnings) {
  const LoadResult& r = Loaded();
  ASSERT_TRUE(r.content != nullptr) << AllDiagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics.error_count(), 0) << AllDiagnostics(r.diagnostics);
  // No warnings: the stretching trial (Hallegraeff 2012) reports only the difference
  // between its groups, and its evidence file says so with `comparator: {unknown: …}`.
  // Any warning fails this test (whole messages are compared).
  const std::vector<std::string> expected = {};
  std::vector<std::string> warnings;
  const std::string root = std::string(EVIDOC_SOURCE_DIR) + "/content/";
  for (const Diagnostic& d : r.diagnostics.items()) {
    if (d.severity != Severity::kWarning) continue;
    std::string text = FormatDiagnostic(d);
    if (text.rfind(root, 0) == 0) text = text.substr(root.size());
    warnings.push_back(text);
  }
  EXPECT_EQ(warnings, expected) << AllDiagnostics(r.diagnostics);
}

TEST(BundledContent, HasTheSixArticles) {
  const Content& c = TheContent();
  for (const char* slug : {"leg-cramps", "deep-vein-thrombosis", "bakers-cyst", "varicose-veins",
                           "peripheral-neuropathy", "pulmonary-embolism"}) {
    EXPECT_NE(c.FindArticle(slug), nullptr) << slug;
  }
}

// --- red flags ------------------------------------------------------------

// Returns the red flags of `slug` whose sign or reason mentions `word`.
std::vector<const RedFlag*> FlagsMentioning(const Content& c, const std::string& slug,
                                            const std::string& word) {
  std::vector<const RedFlag*> out;
  const Article* a = c.FindArticle(slug);
  if (a == nullptr) return out;
  for (const RedFlag& f : a->red_flags) {
    if (Contains(f.sign, word) || Contains(f.reason, word)) out.push_back(&f);
  }
  return out;
}

TEST(RedFlags, LegCrampsWarnsOfDvtWithSameDayOrMoreUrgentAdvice) {
  const auto flags = FlagsMentioning(TheContent(), "leg-cramps", "DVT");
  ASSERT_FALSE(flags.empty()) << "leg-cramps must have a red flag for a possible DVT";
  for (const RedFlag* f : flags) {
    EXPECT_TRUE(AtLeastAsUrgent(f->urgency, Urgency::kSameDay)) << f->sign;
    EXPECT_TRUE(Contains(f->sign, "swollen")) << f->sign;
  }
}

TEST(RedFlags, LegCrampsWarnsOfPulmonaryEmbolismAsAnEmergency) {
  const auto flags = FlagsMentioning(TheContent(), "leg-cramps", "pulmonary embolism");
  ASSERT_FALSE(flags.empty()) << "leg-cramps must have a red flag for a possible PE";
  for (const RedFlag* f : flags) {
    EXPECT_EQ(f->urgency, Urgency::kEmergency) << f->sign;
    EXPECT_TRUE(Contains(f->advice, "999") || Contains(f->advice, "112")) << f->advice;
  }
}

TEST(RedFlags, DvtArticleSendsASwollenPainfulLegToADoctorTheSameDay) {
  const Article* a = TheContent().FindArticle("deep-vein-thrombosis");
  ASSERT_NE(a, nullptr);
  bool swollen_same_day = false;
  bool breathless_emergency = false;
  for (const RedFlag& f : a->red_flags) {
    if (Contains(f.sign, "swollen") && f.urgency == Urgency::kSameDay) swollen_same_day = true;
    if (Contains(f.sign, "breathe") && f.urgency == Urgency::kEmergency)
      breathless_emergency = true;
    // No DVT warning sign may ever be left to self-care.
    EXPECT_NE(f.urgency, Urgency::kSelfCare) << f.sign;
  }
  EXPECT_TRUE(swollen_same_day);
  EXPECT_TRUE(breathless_emergency);
}

TEST(RedFlags, EveryPulmonaryEmbolismSignIsAnEmergency) {
  const Article* a = TheContent().FindArticle("pulmonary-embolism");
  ASSERT_NE(a, nullptr);
  std::set<std::string> covered;
  for (const RedFlag& f : a->red_flags) {
    EXPECT_EQ(f.urgency, Urgency::kEmergency) << f.sign;
    for (const char* sign : {"breathe", "chest pain", "cough up blood"}) {
      if (Contains(f.sign, sign)) covered.insert(sign);
    }
  }
  EXPECT_EQ(covered, (std::set<std::string>{"breathe", "chest pain", "cough up blood"}));
}

TEST(RedFlags, BakersCystSendsASwollenCalfToADoctorTheSameDay) {
  const auto flags = FlagsMentioning(TheContent(), "bakers-cyst", "swollen");
  ASSERT_FALSE(flags.empty());
  for (const RedFlag* f : flags) EXPECT_TRUE(AtLeastAsUrgent(f->urgency, Urgency::kSameDay));
}

TEST(RedFlags, NoConditionPageLeavesAWarningSignToSelfCare) {
  for (const Article& a : TheContent().articles) {
    for (const RedFlag& f : a.red_flags) {
      EXPECT_NE(f.urgency, Urgency::kSelfCare) << a.slug << ": " << f.sign;
      EXPECT_FALSE(f.advice.empty()) << a.slug << ": " << f.sign;
      EXPECT_FALSE(f.reason.empty()) << a.slug << ": " << f.sign;
    }
  }
}

// --- the symptom checker --------------------------------------------------

const SymptomChecker* LegPain() {
  for (const SymptomChecker& s : TheContent().symptom_checkers) {
    if (s.id == "leg-pain") return &s;
  }
  return nullptr;
}

TEST(SymptomRules, EachPulmonaryEmbolismQuestionAloneGivesEmergency) {
  const SymptomChecker* s = LegPain();
  ASSERT_NE(s, nullptr);
  for (const char* q : {"breathless", "chest_pain", "cough_blood"}) {
    const auto r = CheckSymptoms(*s, std::set<std::string>{q});
    EXPECT_EQ(r.urgency, Urgency::kEmergency) << q;
    EXPECT_TRUE(Contains(r.advice, "999")) << q << ": " << r.advice;
  }
}

TEST(SymptomRules, SwollenPainfulLegAloneGivesSameDay) {
  const SymptomChecker* s = LegPain();
  ASSERT_NE(s, nullptr);
  const auto r = CheckSymptoms(*s, std::set<std::string>{"leg_swollen"});
  EXPECT_EQ(r.urgency, Urgency::kSameDay);
  ASSERT_FALSE(r.matched.empty());
  EXPECT_TRUE(Contains(r.matched.front()->reason, "DVT")) << r.matched.front()->reason;
}

TEST(SymptomRules, SwollenLegWithBreathlessnessGivesEmergency) {
  const SymptomChecker* s = LegPain();
  ASSERT_NE(s, nullptr);
  const auto r = CheckSymptoms(*s, std::set<std::string>{"leg_swollen", "breathless"});
  EXPECT_EQ(r.urgency, Urgency::kEmergency);
}

TEST(SymptomRules, EveryRedFlagQuestionAloneIsMoreUrgentThanSelfCare) {
  const SymptomChecker* s = LegPain();
  ASSERT_NE(s, nullptr);
  int red_flags = 0;
  for (const SymptomQuestion& q : s->questions) {
    if (!q.red_flag) continue;
    ++red_flags;
    const auto r = CheckSymptoms(*s, std::set<std::string>{q.id});
    EXPECT_NE(r.urgency, Urgency::kSelfCare) << q.id;
  }
  EXPECT_GE(red_flags, 10);
  const auto verification = tools::VerifySymptomChecker(*s);
  EXPECT_FALSE(verification.problems.has_errors()) << AllDiagnostics(verification.problems);
}

TEST(SymptomRules, NoAnswersGiveSelfCareWithTheDefaultAdvice) {
  const SymptomChecker* s = LegPain();
  ASSERT_NE(s, nullptr);
  const auto r = CheckSymptoms(*s, std::set<std::string>{});
  EXPECT_EQ(r.urgency, Urgency::kSelfCare);
  EXPECT_TRUE(r.used_default);
  EXPECT_EQ(r.advice, s->default_advice);
}

// --- never say to stop a medicine ------------------------------------------

TEST(MedicinesAdvice, NoExplanationSaysToStopAMedicineAndEachSendsToADoctor) {
  const Content& c = TheContent();
  ASSERT_GE(c.medicines.size(), 9u);
  for (const MedicineClass& m : c.medicines) {
    for (const auto& effect : m.may_cause) {
      EXPECT_TRUE(StopAdvice(effect.explanation, /*strict=*/true).empty())
          << m.id << ": " << effect.explanation;
      EXPECT_TRUE(Contains(effect.explanation, "doctor") ||
                  Contains(effect.explanation, "pharmacist") ||
                  Contains(effect.explanation, "nurse"))
          << m.id << ": " << effect.explanation;
      EXPECT_FALSE(effect.citations.empty()) << m.id;
    }
  }
}

TEST(MedicinesAdvice, NoAdviceAnywhereTellsAReaderToStopTakingSomething) {
  const Content& c = TheContent();
  for (const Article& a : c.articles) {
    for (const RedFlag& f : a.red_flags) {
      EXPECT_TRUE(StopAdvice(f.advice, false).empty()) << a.slug << ": " << f.advice;
      EXPECT_TRUE(StopAdvice(f.reason, false).empty()) << a.slug << ": " << f.reason;
    }
    for (const std::string& block : ExtractProse(a.body)) {
      EXPECT_TRUE(StopAdvice(block, false).empty()) << a.slug << ": " << block;
    }
  }
  for (const SymptomChecker& s : c.symptom_checkers) {
    for (const SymptomRule& r : s.rules) {
      EXPECT_TRUE(StopAdvice(r.advice, false).empty()) << r.id << ": " << r.advice;
    }
    EXPECT_TRUE(StopAdvice(s.default_advice, false).empty()) << s.default_advice;
  }
  for (const Treatment& t : c.treatments) {
    for (const std::string* field : {&t.description, &t.how_taken, &t.side_effects_summary}) {
      EXPECT_TRUE(StopAdvice(*field, false).empty()) << t.id << ": " << *field;
    }
  }
}

TEST(MedicinesAdvice, LegCrampsArticleTellsReadersNotToStopAMedicineOnTheirOwn) {
  const Article* a = TheContent().FindArticle("leg-cramps");
  ASSERT_NE(a, nullptr);
  std::string prose;
  for (const std::string& block : ExtractProse(a->body)) prose += block + "\n";
  EXPECT_TRUE(Contains(prose, "Do not stop a medicine")) << prose;
}

// --- reading level ----------------------------------------------------------

TEST(Readability, EveryArticleIsAtOrBelowTheSiteTarget) {
  const Content& c = TheContent();
  ASSERT_FALSE(c.articles.empty());
  for (const Article& a : c.articles) {
    const text::Readability r = text::MeasureReadability(ExtractProse(a.body));
    // Printed so a run shows each article's grades (and the margin left).
    std::printf("%-24s FK %4.1f  SMOG %4.1f  (%d words, %d sentences)\n", a.slug.c_str(),
                r.flesch_kincaid_grade, r.smog_grade, r.words, r.sentences);
    EXPECT_GT(r.words, 100) << a.slug;
    EXPECT_LE(r.flesch_kincaid_grade, c.site.reading_grade_target) << a.slug;
    EXPECT_LE(r.smog_grade, c.site.reading_grade_target) << a.slug;
  }
}

// --- the glossary covers the words the brief names ---------------------------

TEST(Glossary, DefinesTheMedicalWordsTheArticlesUse) {
  std::set<std::string> terms;
  for (const GlossaryTerm& g : TheContent().glossary) {
    terms.insert(Lower(g.term));
    for (const std::string& alias : g.aliases) terms.insert(Lower(alias));
  }
  for (const char* word :
       {"kidneys", "ultrasound", "dialysis", "electrolytes", "varicose veins", "diuretic", "statin",
        "placebo", "randomised controlled trial", "randomized controlled trial",
        "systematic review", "deep vein", "muscle spasm", "clot", "blood clot"}) {
    EXPECT_EQ(terms.count(word), 1u) << word;
  }
}

// --- the treatments a reader must be able to weigh ------------------------------

TEST(Treatments, QuinineIsATradeOffWithItsReasonAndHarms) {
  const Treatment* t = TheContent().FindTreatment("quinine");
  ASSERT_NE(t, nullptr);
  ASSERT_TRUE(t->category_override.has_value());
  EXPECT_EQ(*t->category_override, "treatments-that-work-but-whose-harms-may-outweigh-benefits");
  EXPECT_FALSE(t->category_override_reason.empty());
  int main_harms = 0;
  for (const Outcome& o : t->outcomes) {
    if (o.kind == "harm" && o.main) ++main_harms;
  }
  EXPECT_GE(main_harms, 1);
}

TEST(Treatments, MagnesiumIsSplitByPopulation) {
  const Content& c = TheContent();
  const Treatment* older = c.FindTreatment("magnesium-older-adults");
  const Treatment* pregnancy = c.FindTreatment("magnesium-pregnancy");
  ASSERT_NE(older, nullptr);
  ASSERT_NE(pregnancy, nullptr);
  EXPECT_TRUE(Contains(pregnancy->population, "pregnant"));
  EXPECT_FALSE(Contains(older->population, "pregnant women"));
}

// --- what the weigh stage makes of the evidence ------------------------------

std::shared_ptr<const knowledge::Knowledge> Weighed() {
  static const std::shared_ptr<const knowledge::Knowledge> k =
      Loaded().content ? knowledge::Weigh(Loaded().content) : nullptr;
  return k;
}

TEST(Weighing, GivesNoWarningsAndPrintsEachOutcome) {
  const auto k = Weighed();
  ASSERT_NE(k, nullptr);
  EXPECT_TRUE(k->diagnostics.empty()) << AllDiagnostics(k->diagnostics);
  for (const knowledge::TreatmentResult& t : k->treatments) {
    std::printf("%s: %s\n", t.treatment->path.c_str(),
                std::string(knowledge::CategoryCode(t.category)).c_str());
    for (const knowledge::OutcomeResult& o : t.outcomes) {
      std::printf("  %-28s %-9s %s\n", o.outcome->id.c_str(),
                  std::string(knowledge::CertaintyCode(o.certainty)).c_str(), o.statement.c_str());
    }
  }
}

const knowledge::TreatmentResult* Weighed(const std::string& id) {
  const auto k = Weighed();
  return k ? k->FindTreatment(id) : nullptr;
}

TEST(Weighing, MagnesiumIsUnlikelyToWorkForOlderAdultsFromTheNumbersAlone) {
  const knowledge::TreatmentResult* t = Weighed("magnesium-older-adults");
  ASSERT_NE(t, nullptr);
  // Computed, not chosen by the reviewer: the reader can trace it to the numbers.
  EXPECT_FALSE(t->category_overridden);
  EXPECT_EQ(t->category, knowledge::Category::kUnlikelyToWork) << t->category_reason;
}

TEST(Weighing, MagnesiumInPregnancyNeedsFurtherStudy) {
  const knowledge::TreatmentResult* t = Weighed("magnesium-pregnancy");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->category, knowledge::Category::kNeedFurtherStudy) << t->category_reason;
}

TEST(Weighing, QuinineIsATradeOffAndItsBenefitIsStatedWithLowCertainty) {
  const knowledge::TreatmentResult* t = Weighed("quinine");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->category, knowledge::Category::kTradeOff);
  bool found = false;
  for (const knowledge::OutcomeResult& o : t->outcomes) {
    if (o.outcome->id != "cramps") continue;
    found = true;
    // Cochrane CD005044: low certainty; the statement must hedge ("may").
    EXPECT_EQ(o.certainty, knowledge::Certainty::kLow);
    EXPECT_TRUE(Contains(o.statement, "may")) << o.statement;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace evidoc::content
