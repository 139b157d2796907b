#include "render/patient_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "render/condition_sections.h"
#include "render/decision_aid_page.h"
#include "render/medicines_page.h"
#include "render/symptom_page.h"
#include "render/treatment_page.h"

namespace evidoc::render {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Hostile text in every field a reader can see: the pages must show it as
// text, never run it.
constexpr const char* kEvil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

struct Fixture {
  std::shared_ptr<content::Content> c = std::make_shared<content::Content>();
  knowledge::Knowledge k;

  Fixture() {
    c->site.title = "Leg health";
    content::Article a;
    a.slug = "leg-cramps";
    a.title = "Leg cramps";
    a.treatments = {"quinine"};
    c->articles.push_back(a);
    content::Reference ref;
    ref.key = "el-tawil2015";
    ref.authors = {"El-Tawil S", "Al Musa T"};
    ref.title = std::string("Quinine for muscle cramps ") + kEvil;
    ref.container_title = "Cochrane Database Syst Rev";
    ref.year = 2015;
    ref.pmid = "26041491";
    ref.doi = "10.1002/14651858.CD005044.pub3";
    c->references.push_back(ref);
    content::Reference bad = ref;
    bad.key = "bad";
    bad.pmid.clear();
    bad.doi.clear();
    bad.url = "javascript:alert(3)";
    c->references.push_back(bad);

    content::MedicineClass diuretics;
    diuretics.id = "diuretics";
    diuretics.name = std::string("Diuretics ") + kEvil;
    diuretics.atc = "C03";
    diuretics.members = {{"furosemide", {"Lasix"}, "4603", "C03CA01"}};
    diuretics.may_cause = {
        {"leg-cramps", std::string("They lower salts. ") + kEvil, {"el-tawil2015", "bad"}}};
    c->medicines.push_back(diuretics);

    content::SymptomChecker sc;
    sc.id = "leg-pain";
    sc.title = "Check your leg symptoms";
    sc.condition = "leg-cramps";
    sc.questions = {{"calf_swelling", std::string("Is your calf swollen? ") + kEvil, "", true, {}},
                    {"night", "Do cramps wake you?", "At night", false, {}}};
    sc.rules = {{"dvt",
                 {"calf_swelling"},
                 content::Urgency::kSameDay,
                 "See a doctor today.",
                 std::string("It can be a clot. ") + kEvil,
                 {}}};
    sc.default_advice = "Stretching can ease a cramp.";
    c->symptom_checkers.push_back(sc);

    content::Treatment t;
    t.id = "quinine";
    t.name = std::string("Quinine ") + kEvil;
    t.condition = "leg-cramps";
    t.population = "adults";
    t.comparison = "placebo";
    t.description = kEvil;
    t.how_taken = "A tablet at bedtime.";
    t.side_effects_summary = "Stomach upset.";
    t.cost = "Prescription charge.";
    t.citations = {"el-tawil2015"};
    content::Outcome harm;
    harm.id = "minor-harms";
    harm.name = "minor side effects";
    harm.kind = "harm";
    harm.type = "dichotomous";
    harm.timeframe = "2 to 8 weeks";
    harm.main = true;
    content::Outcome benefit = harm;
    benefit.id = "responders";
    benefit.name = "fewer cramps by half or more";
    benefit.kind = "benefit";
    t.outcomes = {benefit, harm};
    c->treatments.push_back(t);

    k.content = c;
    knowledge::TreatmentResult r;
    r.treatment = &c->treatments[0];
    r.category = knowledge::Category::kTradeOff;
    r.verdict = std::string("Quinine probably reduces cramps slightly. ") + kEvil;
    knowledge::OutcomeResult b;
    b.outcome = &c->treatments[0].outcomes[0];
    b.name = benefit.name;
    b.kind = "benefit";
    b.certainty = knowledge::Certainty::kModerate;
    b.statement = kEvil;
    b.k = 3;
    b.participants = 400;
    b.domains = {{"imprecision", 1, true, false, std::string("Few people. ") + kEvil}};
    knowledge::AbsoluteEffect ab;
    ab.comparator = 300;
    ab.intervention = 450;
    ab.text = "about 15 more people out of 100";
    b.absolute = ab;
    b.forest_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>";
    b.study_citations = {"el-tawil2015", "bad"};
    knowledge::OutcomeResult h = b;
    h.outcome = &c->treatments[0].outcomes[1];
    h.name = harm.name;
    h.kind = "harm";
    h.absolute->comparator = 190;
    h.absolute->intervention = 255;
    r.outcomes = {b, h};
    k.treatments.push_back(r);
  }
};

// An attribute named on...: walk the tags' attributes (values are always
// double-quoted by HtmlWriter, so a quoted value can hide nothing).
bool HasEventHandler(const std::string& html) {
  static const std::regex handler(
      R"re(<[a-zA-Z]+(\s+[a-zA-Z:-]+(="[^"]*")?)*\s+on[a-zA-Z]+\s*=)re");
  return std::regex_search(html, handler);
}

TEST(InjectionCheck, DetectsHandlersButNotEscapedText) {
  EXPECT_TRUE(HasEventHandler("<img src=\"x\" onerror=\"alert(1)\">"));
  EXPECT_TRUE(HasEventHandler("<p class=\"a\" onclick=x>"));
  EXPECT_FALSE(HasEventHandler("<meta content=\"&lt;img src=x onerror=alert(2)&gt;\">"));
  EXPECT_FALSE(HasEventHandler("<p>&lt;img src=x onerror=alert(2)&gt;</p>"));
}

// Every <script> element must load one of our own files or be JSON-LD data,
// and no element may carry an event-handler attribute or a javascript: URL.
void ExpectNoInjection(const std::string& html, const std::string& where) {
  std::regex script(R"(<script\b[^>]*>)", std::regex::icase);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), script);
       it != std::sregex_iterator(); ++it) {
    const std::string tag = it->str();
    EXPECT_TRUE(tag == "<script src=\"/assets/tools.js\" defer=\"defer\">" ||
                tag == "<script type=\"application/ld+json\">")
        << where << ": " << tag;
  }
  EXPECT_FALSE(HasEventHandler(html)) << where;
  EXPECT_THAT(html, Not(HasSubstr("javascript:"))) << where;
  EXPECT_THAT(html, Not(HasSubstr("<img src=x"))) << where;
}

TEST(PatientPages, EveryPageIsListedAndSafe) {
  Fixture f;
  auto files = RenderPatientPages(f.k);
  std::vector<std::string> paths;
  for (const auto& file : files) {
    paths.push_back(file.path);
    EXPECT_EQ(file.content_type, "text/html; charset=utf-8");
    ExpectNoInjection(file.bytes, file.path);
    EXPECT_LT(file.bytes.size(), 100u * 1024) << file.path;
    EXPECT_THAT(file.bytes, HasSubstr("/assets/tools.css"));
  }
  EXPECT_THAT(paths, ElementsAre("404.html", "decision-aid/leg-cramps/index.html",
                                 "medicines-check/index.html", "medicines/index.html",
                                 "symptom-check/index.html", "symptom-check/leg-pain/index.html",
                                 "treatments/quinine/index.html"));
}

TEST(TreatmentPage, LayersInOrderWithNumbersAndIconArrays) {
  Fixture f;
  const std::string html = RenderTreatmentPage(f.k, f.k.treatments[0]);
  std::vector<std::string> order = {"Treatments that work, but whose harms may outweigh benefits",
                                    "How can it help?",
                                    "About 15 more people out of 100",
                                    "Can it be harmful?",
                                    "What is it like to use?",
                                    "How good is the research?",
                                    "<table class=\"sof\"",
                                    "<details class=\"forest-plots\">",
                                    "References"};
  std::size_t at = 0;
  for (const auto& s : order) {
    std::size_t p = html.find(s, at);
    ASSERT_NE(p, std::string::npos) << "missing or out of order: " << s;
    at = p;
  }
  // Same denominator: 30 and 45 out of 100 for the benefit, 19 and 26 for the harm.
  EXPECT_THAT(html, HasSubstr("About 30 out of 100 people who did not take"));
  EXPECT_THAT(html, HasSubstr("About 45 out of 100 people who took"));
  EXPECT_THAT(html, HasSubstr("About 26 out of 100 people who took"));
  EXPECT_THAT(html, HasSubstr("How sure we are: Moderate."));
  EXPECT_THAT(html, HasSubstr("How many people were studied (imprecision): rated down 1 level."));
  EXPECT_THAT(html, HasSubstr("From 3 studies with 400 people."));
  EXPECT_THAT(html, HasSubstr("href=\"https://pubmed.ncbi.nlm.nih.gov/26041491/\""));
  EXPECT_THAT(html, HasSubstr("Quinine &lt;script&gt;alert(1)&lt;/script&gt;"));
  // The reference with a javascript: URL keeps its text but loses the link.
  EXPECT_THAT(html, HasSubstr("<a href=\"\">Link</a>"));
}

TEST(ConditionSections, TreatmentsByCategoryAndMedicines) {
  Fixture f;
  const auto& article = f.c->articles[0];
  const std::string t = RenderTreatmentsSection(f.k, article).str();
  EXPECT_THAT(t, HasSubstr("<h2 id=\"what-treatments-work-h\">What treatments work?</h2>"));
  EXPECT_THAT(t, HasSubstr("<h3>Treatments that work, but whose harms may outweigh benefits</h3>"));
  EXPECT_THAT(t, HasSubstr("href=\"/treatments/quinine/\""));
  EXPECT_THAT(t, HasSubstr("href=\"/decision-aid/leg-cramps/\""));
  ExpectNoInjection(t, "treatments section");
  const std::string m = RenderMedicinesSection(f.k, article).str();
  EXPECT_THAT(m, HasSubstr("Can my medicines cause this?"));
  EXPECT_THAT(m, HasSubstr("(for example furosemide)"));
  EXPECT_THAT(m, HasSubstr("Do not stop taking a medicine"));
  EXPECT_THAT(m, HasSubstr(">El-Tawil 2015</a>"));
  ExpectNoInjection(m, "medicines section");
  const std::string s = RenderSymptomCheckLinks(f.k, article).str();
  EXPECT_THAT(s, HasSubstr("href=\"/symptom-check/leg-pain/\""));

  content::Article other;
  other.slug = "bakers-cyst";
  EXPECT_TRUE(RenderTreatmentsSection(f.k, other).empty());
  EXPECT_TRUE(RenderMedicinesSection(f.k, other).empty());
  EXPECT_TRUE(RenderSymptomCheckLinks(f.k, other).empty());
}

TEST(MedicinesPage, ResultEchoesEscapedInputAndAlwaysTheAdvice) {
  Fixture f;
  const std::string html =
      RenderMedicinesCheckResult(f.k, std::string("lasix, furosemid, ") + kEvil);
  ExpectNoInjection(html, "medicines result");
  EXPECT_THAT(html, HasSubstr("Do not stop taking a medicine, or change how you take it, without "
                              "talking to your doctor or pharmacist first."));
  EXPECT_THAT(html, HasSubstr("Lasix is a brand of furosemide."));
  EXPECT_THAT(html, HasSubstr("It may cause <a href=\"/leg-cramps/\">Leg cramps</a>"));
  EXPECT_THAT(html, HasSubstr("is not in our list."));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("<meta name=\"robots\" content=\"noindex\">"));
  // furosemid (a misspelling) is the same medicine as Lasix: shown once.
  EXPECT_EQ(html.find("<h3>Furosemide</h3>"), html.rfind("<h3>Furosemide</h3>"));

  const std::string empty_form = RenderMedicinesCheckPage(f.k);
  EXPECT_THAT(empty_form, HasSubstr("Do not stop taking a medicine"));
  EXPECT_THAT(empty_form, Not(HasSubstr("Your results")));

  const std::string az = RenderMedicinesAzPage(f.k);
  EXPECT_THAT(az, HasSubstr("<strong>furosemide</strong> (brand names: Lasix)"));
  ExpectNoInjection(az, "medicines a-z");
}

TEST(SymptomPage, RedFlagAnswerGivesUrgentAdviceWithReasons) {
  Fixture f;
  auto yes = YesAnswers({{"calf_swelling", "yes"}, {"night", "no"}, {"other", "YES"}});
  EXPECT_EQ(yes, (std::set<std::string>{"calf_swelling"}));
  auto html = RenderSymptomCheckResult(f.k, "leg-pain", yes);
  ASSERT_TRUE(html);
  ExpectNoInjection(*html, "symptom result");
  EXPECT_THAT(*html, HasSubstr("class=\"tool-results symptom-result urgency-same-day\""));
  EXPECT_THAT(*html, HasSubstr(">See a doctor today</h2>"));
  EXPECT_THAT(*html, HasSubstr("<p class=\"advice\">See a doctor today.</p>"));
  EXPECT_THAT(*html, HasSubstr("<li>It can be a clot. &lt;script&gt;"));
  // The reader's answers are kept in the form.
  EXPECT_THAT(*html, HasSubstr("name=\"calf_swelling\" value=\"yes\" checked=\"checked\""));

  auto none = RenderSymptomCheckResult(f.k, "leg-pain", {});
  EXPECT_THAT(*none, HasSubstr("<p class=\"advice\">Stretching can ease a cramp.</p>"));
  EXPECT_FALSE(RenderSymptomCheckResult(f.k, "nope", {}).has_value());
  EXPECT_FALSE(RenderSymptomCheckPage(f.k, "nope").has_value());
}

TEST(DecisionAidPage, FormOptionsAndSelection) {
  Fixture f;
  auto all = RenderDecisionAidPage(f.k, "leg-cramps");
  ASSERT_TRUE(all);
  ExpectNoInjection(*all, "decision aid");
  EXPECT_THAT(*all, HasSubstr("<form class=\"tool-form da-form\" method=\"get\" "
                              "action=\"/decision-aid/leg-cramps/\">"));
  EXPECT_THAT(*all, HasSubstr("name=\"option\" value=\"doing-nothing\" checked=\"checked\""));
  EXPECT_THAT(*all, HasSubstr("What matters most to you?"));
  EXPECT_THAT(*all,
              HasSubstr("<td>about 30 out of 100 people</td><td>about 45 out of 100 people</td>"));
  EXPECT_THAT(*all, HasSubstr("data-option=\"quinine\""));

  auto only_nothing = RenderDecisionAidPage(f.k, "leg-cramps", {"doing-nothing"});
  EXPECT_THAT(*only_nothing, Not(HasSubstr("data-option=\"quinine\"")));
  EXPECT_THAT(*only_nothing, HasSubstr("value=\"quinine\">"));  // still offered, unticked
  EXPECT_FALSE(RenderDecisionAidPage(f.k, "bakers-cyst").has_value());
}

TEST(NotFoundPage, HelpsTheReaderOn) {
  Fixture f;
  const std::string html = RenderNotFoundPage(f.k);
  EXPECT_THAT(html, HasSubstr("<h1>Page not found</h1>"));
  EXPECT_THAT(html, HasSubstr("noindex"));
  EXPECT_THAT(html, HasSubstr("action=\"/search\""));
}

}  // namespace
}  // namespace evidoc::render
