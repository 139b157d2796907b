// A small hand-written Content and Knowledge for the search and server tests:
// leg cramps with its look-alikes (deep vein thrombosis, Baker's cyst), one
// treatment, a glossary and a medicines list, worded like the bundled content
// so that ranking tests mean something before (and without) content/.
// Test-only; header-only so any test binary can include it.
#pragma once

#include <memory>

#include "knowledge/knowledge.h"

namespace evidoc::testing {

inline content::Node Paragraph(std::string text) {
  content::Node p;
  p.kind = content::NodeKind::kParagraph;
  content::Node t;
  t.kind = content::NodeKind::kText;
  t.text = std::move(text);
  p.children.push_back(std::move(t));
  return p;
}

inline content::Node Body(std::vector<std::string> paragraphs) {
  content::Node doc;
  doc.kind = content::NodeKind::kDocument;
  for (auto& p : paragraphs) doc.children.push_back(Paragraph(std::move(p)));
  return doc;
}

inline std::shared_ptr<content::Content> MakeFixtureContent() {
  auto c = std::make_shared<content::Content>();
  c->site.title = "Test site";
  {
    content::Article a;
    a.slug = "bakers-cyst";
    a.title = "Baker's cyst";
    a.summary = "A fluid-filled lump behind the knee. It can burst and cause pain in the calf.";
    a.synonyms = {"popliteal cyst", "lump behind the knee"};
    a.codes = {{"ICD-10-CM", "M71.2", "Synovial cyst of popliteal space [Baker]"},
               {"SNOMED CT", "19324001", "Baker's cyst"}};
    a.body = Body({"A Baker's cyst is a swelling behind the knee filled with fluid.",
                   "If it bursts, fluid runs down into the calf, which can become swollen and "
                   "painful. This can look like a blood clot, so see a doctor."});
    c->articles.push_back(std::move(a));
  }
  {
    content::Article a;
    a.slug = "deep-vein-thrombosis";
    a.title = "Deep vein thrombosis (DVT)";
    a.summary = "A blood clot in a deep vein of the leg. It needs treatment quickly.";
    a.synonyms = {"DVT", "blood clot in the leg"};
    a.codes = {{"ICD-10-CM", "I82.40",
                "Acute embolism and thrombosis of deep veins of lower "
                "extremity"},
               {"SNOMED CT", "128053003", "Deep venous thrombosis"}};
    content::RedFlag rf;
    rf.sign = "One calf is swollen, warm, red and painful";
    rf.urgency = content::Urgency::kSameDay;
    rf.advice = "See a doctor today";
    a.red_flags.push_back(rf);
    a.body =
        Body({"A clot can block blood flow in the leg. The leg may be swollen, painful, warm "
              "and red, often in the calf.",
              "The clot can travel to the lungs. Get help at once if you are short of "
              "breath. Some women take <hormone> tablets & that raises the risk."});
    c->articles.push_back(std::move(a));
  }
  {
    content::Article a;
    a.slug = "leg-cramps";
    a.title = "Leg cramps";
    a.summary = "Sudden, painful tightening of a muscle in the leg, often at night.";
    a.synonyms = {"charley horse", "night cramps", "nocturnal leg cramps", "muscle cramp"};
    a.codes = {{"ICD-10-CM", "R25.2", "Cramp and spasm"}, {"SNOMED CT", "449917004", "Leg cramp"}};
    a.treatments = {"calf-stretching"};
    a.body =
        Body({"A leg cramp is a sudden pain in a muscle, usually the calf. It often wakes "
              "people at night and lasts a few minutes.",
              "Some medicines can cause cramps, such as water tablets."});
    c->articles.push_back(std::move(a));
  }
  {
    content::GlossaryTerm g;
    g.id = "placebo";
    g.term = "placebo";
    g.aliases = {"placebos", "dummy pill"};
    g.definition = "A dummy treatment that looks like the real one but has no active medicine.";
    c->glossary.push_back(g);
    content::GlossaryTerm t;
    t.id = "thrombosis";
    t.term = "thrombosis";
    t.aliases = {"clot"};
    t.definition = "A blood clot inside a blood vessel.";
    c->glossary.push_back(t);
  }
  {
    content::MedicineClass m;
    m.id = "statins";
    m.name = "Statins";
    m.atc = "C10AA";
    m.members = {{"simvastatin", {"Zocor"}, "36567", "C10AA01"},
                 {"atorvastatin", {"Lipitor"}, "83367", "C10AA05"}};
    m.may_cause.push_back({"leg-cramps", "Statins can cause muscle aches and cramps.", {}});
    c->medicines.push_back(m);
    content::MedicineClass d;
    d.id = "diuretics";
    d.name = "Diuretics (water tablets)";
    d.atc = "C03";
    d.members = {{"furosemide", {"Lasix"}, "4603", "C03CA01"}};
    d.may_cause.push_back({"leg-cramps", "They can lower the salts in your blood.", {}});
    c->medicines.push_back(d);
  }
  {
    content::Treatment t;
    t.id = "calf-stretching";
    t.name = "Calf stretching";
    t.condition = "leg-cramps";
    t.description = "Stretching the calf muscles before going to bed at night.";
    t.comparison = "no stretching";
    c->treatments.push_back(t);
  }
  {
    content::SymptomChecker sc;
    sc.id = "leg-pain";
    sc.title = "Leg pain check";
    sc.condition = "leg-cramps";
    sc.questions = {{"swollen", "Is your calf swollen?", "", true, {}},
                    {"breathless", "Are you short of breath?", "", true, {}},
                    {"night", "Does the pain come at night?", "", false, {}}};
    sc.rules = {{"clot-lungs",
                 {"swollen", "breathless"},
                 content::Urgency::kEmergency,
                 "Call 999 now",
                 "A clot may have reached your lungs",
                 {}},
                {"clot",
                 {"swollen"},
                 content::Urgency::kSameDay,
                 "See a doctor today",
                 "A swollen calf can be a blood clot",
                 {}},
                {"breath",
                 {"breathless"},
                 content::Urgency::kEmergency,
                 "Call 999 now",
                 "Sudden breathlessness needs help at once",
                 {}}};
    sc.default_advice = "Cramps at night are usually harmless. Stretch your calf.";
    c->symptom_checkers.push_back(sc);
  }
  return c;
}

inline std::shared_ptr<const knowledge::Knowledge> MakeFixtureKnowledge() {
  auto content = MakeFixtureContent();
  auto k = std::make_shared<knowledge::Knowledge>();
  k->content = content;
  knowledge::TreatmentResult tr;
  tr.treatment = &content->treatments[0];
  tr.category = knowledge::Category::kNeedFurtherStudy;
  tr.verdict = "Calf stretching may make little or no difference to how many cramps people have.";
  k->treatments.push_back(tr);
  return k;
}

}  // namespace evidoc::testing
