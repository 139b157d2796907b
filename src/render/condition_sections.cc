#include "render/condition_sections.h"

#include <string>

#include "render/patient_pages.h"
#include "render/urls.h"
#include "tools/medicines_check.h"

namespace evidoc::render {
namespace {

constexpr knowledge::Category kCategories[] = {
    knowledge::Category::kWork,           knowledge::Category::kLikelyToWork,
    knowledge::Category::kTradeOff,       knowledge::Category::kNeedFurtherStudy,
    knowledge::Category::kUnlikelyToWork, knowledge::Category::kIneffectiveOrHarmful,
};

const knowledge::TreatmentResult* Find(const knowledge::Knowledge& k, const std::string& id) {
  for (const auto& t : k.treatments) {
    if (t.treatment && t.treatment->id == id) return &t;
  }
  return nullptr;
}

// The certainty of a treatment's main benefit (the first main benefit, or
// the first benefit), which is what its verdict speaks about.
const knowledge::OutcomeResult* MainBenefit(const knowledge::TreatmentResult& t) {
  const knowledge::OutcomeResult* first = nullptr;
  for (const auto& o : t.outcomes) {
    if (o.kind != "benefit") continue;
    if (o.outcome && o.outcome->main) return &o;
    if (!first) first = &o;
  }
  return first;
}

}  // namespace

Html RenderTreatmentsSection(const knowledge::Knowledge& k, const content::Article& article) {
  std::vector<const knowledge::TreatmentResult*> results;
  for (const auto& id : article.treatments) {
    if (const auto* r = Find(k, id)) results.push_back(r);
  }
  if (results.empty()) return {};
  HtmlWriter w;
  w.Open("section", {{"id", "what-treatments-work"},
                     {"class", "treatments-section"},
                     {"aria-labelledby", "what-treatments-work-h"}});
  w.Element("h2", {{"id", "what-treatments-work-h"}}, "What treatments work?");
  w.Element("p",
            "We sorted each treatment into a group by weighing what the research shows about "
            "its benefits and harms. The groups are the ones BMJ Best Health uses.");
  for (const auto category : kCategories) {
    bool any = false;
    for (const auto* r : results) any = any || r->category == category;
    if (!any) continue;
    w.Open("div", {{"class",
                    "treatment-group category-" + std::string(knowledge::CategoryCode(category))}});
    w.Element("h3", knowledge::CategoryLabel(category));
    w.Open("ul", {{"class", "treatment-list"}});
    for (const auto* r : results) {
      if (r->category != category) continue;
      w.Open("li");
      w.Element("a", {{"href", TreatmentUrl(r->treatment->id)}, {"class", "treatment-name"}},
                r->treatment->name);
      if (!r->treatment->population.empty()) w.Text(" (for " + r->treatment->population + ")");
      if (!r->verdict.empty()) w.Element("p", {{"class", "verdict-line"}}, r->verdict);
      if (const auto* b = MainBenefit(*r)) {
        w.Element("p", {{"class", "certainty-line"}},
                  "How sure we are: " + std::string(CertaintyWord(b->certainty)) + ".");
      }
      w.Close("li");
    }
    w.Close("ul").Close("div");
  }
  w.Open("p", {{"class", "decision-aid-link"}});
  w.Element("a", {{"href", DecisionAidUrl(article.slug)}},
            "Compare these treatments side by side, with doing nothing");
  w.Close("p");
  w.Close("section");
  return w.Take();
}

Html RenderMedicinesSection(const knowledge::Knowledge& k, const content::Article& article) {
  const content::Content& c = *k.content;
  HtmlWriter w;
  bool any = false;
  for (const auto& cls : c.medicines) {
    for (const auto& effect : cls.may_cause) {
      if (effect.condition != article.slug) continue;
      if (!any) {
        w.Open("section", {{"id", "can-my-medicines-cause-this"},
                           {"class", "medicines-section"},
                           {"aria-labelledby", "can-my-medicines-cause-this-h"}});
        w.Element("h2", {{"id", "can-my-medicines-cause-this-h"}}, "Can my medicines cause this?");
        w.Element("p", "Some medicines can cause " + article.title +
                           " in some people. These are the ones the research links to it:");
        w.Open("ul", {{"class", "medicine-cause-list"}});
        any = true;
      }
      w.Open("li");
      w.Element("strong", cls.name);
      std::string examples;
      for (std::size_t i = 0; i < cls.members.size() && i < 4; ++i) {
        examples += (i ? ", " : "") + cls.members[i].generic;
      }
      if (!examples.empty()) w.Text(" (for example " + examples + ")");
      w.Text(". " + effect.explanation);
      for (const auto& key : effect.citations) {
        for (const auto& ref : c.references) {
          if (ref.key != key) continue;
          std::string label = ref.authors.empty() ? ref.title : ref.authors.front();
          if (auto sp = label.find(' '); !ref.authors.empty() && sp != std::string::npos) {
            label.resize(sp);  // family name only
          }
          if (ref.year) label += " " + std::to_string(ref.year);
          std::string href = !ref.pmid.empty() ? "https://pubmed.ncbi.nlm.nih.gov/" + ref.pmid + "/"
                             : !ref.doi.empty() ? "https://doi.org/" + ref.doi
                                                : ref.url;
          w.Text(" (");
          if (href.empty()) {
            w.Text(label);
          } else {
            w.Element("a", {{"href", href}, {"class", "citation"}}, label);
          }
          w.Text(")");
        }
      }
      w.Close("li");
    }
  }
  if (!any) return {};
  w.Close("ul");
  w.Element("p", {{"class", "safety-advice"}}, tools::kMedicinesSafetyAdvice);
  w.Open("p");
  w.Element("a", {{"href", kMedicinesCheckUrl}}, "Check your own medicines");
  w.Close("p");
  w.Close("section");
  return w.Take();
}

Html RenderSymptomCheckLinks(const knowledge::Knowledge& k, const content::Article& article) {
  HtmlWriter w;
  bool any = false;
  for (const auto& checker : k.content->symptom_checkers) {
    if (checker.condition != article.slug) continue;
    if (!any) {
      w.Open("aside", {{"class", "symptom-check-callout"}, {"aria-label", "Check your symptoms"}});
      w.Open("ul");
      any = true;
    }
    w.Open("li").Element("a", {{"href", SymptomCheckUrl(checker.id)}}, checker.title).Close("li");
  }
  if (!any) return {};
  w.Close("ul").Close("aside");
  return w.Take();
}

}  // namespace evidoc::render
