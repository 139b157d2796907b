#include "render/treatment_page.h"

#include <algorithm>
#include <set>

#include "render/icon_array.h"
#include "render/patient_pages.h"
#include "render/summary_of_findings.h"
#include "render/urls.h"
#include "tools/decision_aid.h"

namespace evidoc::render {
namespace {

std::string_view DomainLabel(std::string_view domain) {
  if (domain == "risk_of_bias") return "How well the studies were done (risk of bias)";
  if (domain == "inconsistency") return "Whether the studies agree (inconsistency)";
  if (domain == "indirectness") return "Whether the studies match the question (indirectness)";
  if (domain == "imprecision") return "How many people were studied (imprecision)";
  if (domain == "publication_bias") return "Whether studies may be missing (publication bias)";
  return domain;
}

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Heading(int level) { return "h" + std::to_string(std::clamp(level, 2, 6)); }

}  // namespace

Html RenderOutcomeBlock(const knowledge::TreatmentResult& t, const knowledge::OutcomeResult& o,
                        const std::string& id, int level) {
  const content::Treatment& tr = *t.treatment;
  HtmlWriter w;
  w.Open("div", {{"class", "outcome outcome-" + std::string(o.kind == "harm" ? "harm" : "benefit")},
                 {"id", id}});
  w.Element(Heading(level), UpperFirst(o.name));
  if (o.outcome && !o.outcome->timeframe.empty()) {
    w.Element("p", {{"class", "timeframe"}}, "Measured over " + o.outcome->timeframe + ".");
  }
  if (!o.statement.empty()) w.Element("p", {{"class", "statement"}}, o.statement);
  if (o.absolute) {
    const auto& a = *o.absolute;
    if (!a.text.empty()) w.Element("p", {{"class", "natural-frequency"}}, UpperFirst(a.text));
    if (a.dichotomous) {
      const tools::IconCounts counts = tools::IconCountsPer100(a.comparator, a.intervention);
      const int without = counts.without, with = counts.with;
      const std::string what = o.name;
      const IconTone tone = o.kind == "harm" ? IconTone::kHarm : IconTone::kBenefit;
      const std::string comparison = tr.comparison.empty() ? "no treatment" : tr.comparison;
      w.Open("div", {{"class", "icon-array-pair"}});
      w.Append(RenderIconArray(
          {without, id + "-without", "Without " + tr.name + " (" + comparison + ")",
           "About " + std::to_string(without) + " out of 100 people who did not take " + tr.name +
               " had this: " + what + ".",
           tone}));
      w.Append(RenderIconArray({with, id + "-with", "With " + tr.name,
                                "About " + std::to_string(with) + " out of 100 people who took " +
                                    tr.name + " had this: " + what + ".",
                                tone}));
      w.Close("div");
      w.Element("p", {{"class", "icon-key"}},
                "Each figure is one person. Striped, dark figures are people who had this; plain, "
                "pale figures are people who did not.");
    }
  } else if (o.source == "none" || (o.outcome && o.outcome->no_studies)) {
    w.Element("p", "No study has measured this yet, so we do not know.");
  }
  w.Open("p",
         {{"class", "certainty certainty-" + std::string(knowledge::CertaintyCode(o.certainty))}});
  w.Element("strong", "How sure we are: " + std::string(CertaintyWord(o.certainty)) + ".");
  w.Text(" ");
  w.Text(CertaintyExplanation(o.certainty));
  w.Close("p");
  if (o.outcome && !o.outcome->note.empty()) w.Element("p", {{"class", "note"}}, o.outcome->note);
  w.Close("div");
  return w.Take();
}

std::string RenderTreatmentPage(const knowledge::Knowledge& k,
                                const knowledge::TreatmentResult& t) {
  const content::Content& c = *k.content;
  const content::Treatment& tr = *t.treatment;
  const std::string condition_title = ArticleTitle(c, tr.condition);
  HtmlWriter w;

  // Layer 1: what it is and the verdict.
  w.Open("h1").Text(tr.name);
  w.Element("span", {{"class", "h1-context"}}, "A treatment for " + condition_title);
  w.Close("h1");
  if (!tr.population.empty() || !tr.comparison.empty()) {
    std::string who = "This page is about ";
    who += tr.population.empty() ? "people with " + condition_title : tr.population;
    if (!tr.comparison.empty()) who += ", comparing " + tr.name + " with " + tr.comparison;
    w.Element("p", {{"class", "lede"}}, who + ".");
  }
  w.Open("div",
         {{"class", "verdict-box category-" + std::string(knowledge::CategoryCode(t.category))}});
  w.Element("p", {{"class", "category-label"}}, knowledge::CategoryLabel(t.category));
  if (!t.verdict.empty()) w.Element("p", {{"class", "verdict"}}, t.verdict);
  if (!t.category_reason.empty()) {
    // The second layer: why this group, for those who want it.
    w.Open("details", {{"class", "category-reason"}});
    w.Element("summary", "Why is it in this group?");
    w.Element("p", t.category_reason);
    w.Close("details");
  }
  w.Close("div");

  // In this page.
  w.Open("nav", {{"class", "page-contents"}, {"aria-label", "On this page"}}).Open("ul");
  auto toc = [&w](std::string_view anchor, std::string_view label) {
    w.Open("li").Element("a", {{"href", "#" + std::string(anchor)}}, label).Close("li");
  };
  if (!tr.description.empty()) toc("what-is-it", "What is it?");
  toc("how-can-it-help", "How can it help?");
  toc("can-it-be-harmful", "Can it be harmful?");
  toc("practical", "What is it like to use?");
  toc("how-good-is-the-research", "How good is the research?");
  toc("references", "References");
  w.Close("ul").Close("nav");

  if (!tr.description.empty()) {
    w.Element("h2", {{"id", "what-is-it"}}, "What is it?");
    w.Element("p", tr.description);
  }

  // Layer 2: benefits and harms.
  int n = 0;
  for (const char* kind : {"benefit", "harm"}) {
    const bool harm = std::string_view(kind) == "harm";
    w.Element("h2", {{"id", harm ? "can-it-be-harmful" : "how-can-it-help"}},
              harm ? "Can it be harmful?" : "How can it help?");
    bool any = false;
    for (const auto& o : t.outcomes) {
      if (o.kind != kind) continue;
      any = true;
      w.Append(RenderOutcomeBlock(t, o, "outcome-" + std::to_string(++n), 3));
    }
    if (harm && !tr.side_effects_summary.empty()) {
      w.Element("p", {{"class", "side-effects"}}, tr.side_effects_summary);
    } else if (!any) {
      w.Element("p", harm ? "The studies did not report on harms."
                          : "The studies did not report on benefits.");
    }
  }

  // Practical issues.
  w.Element("h2", {{"id", "practical"}}, "What is it like to use?");
  w.Open("dl", {{"class", "practical"}});
  if (!tr.how_taken.empty()) w.Element("dt", "How it is taken").Element("dd", tr.how_taken);
  if (!tr.side_effects_summary.empty()) {
    w.Element("dt", "Side effects").Element("dd", tr.side_effects_summary);
  }
  if (!tr.cost.empty()) w.Element("dt", "Cost").Element("dd", tr.cost);
  w.Close("dl");
  w.Open("p", {{"class", "decision-aid-link"}});
  w.Element("a", {{"href", DecisionAidUrl(tr.condition)}},
            "Compare " + tr.name + " with other options, including doing nothing");
  w.Close("p");

  // Layer 3: the research.
  w.Element("h2", {{"id", "how-good-is-the-research"}}, "How good is the research?");
  w.Element("p",
            "We rate how sure we can be of each result with GRADE, the method most "
            "guideline makers use. A result starts as high certainty when it comes from "
            "randomised trials, and is rated down for each problem below.");
  w.Open("ul", {{"class", "research-quality"}});
  for (const auto& o : t.outcomes) {
    w.Open("li");
    w.Element("strong", o.name + ": " + std::string(CertaintyWord(o.certainty)) + " certainty");
    std::string basis;
    if (o.k > 0) basis += " From " + Plural(o.k, "study", "studies");
    if (o.participants > 0) {
      basis += (basis.empty() ? " From " : " with ") + Plural(o.participants, "person", "people");
    }
    if (o.source == "review")
      basis += basis.empty() ? " From a published review" : ", as a published review pooled them";
    if (!basis.empty()) w.Text(basis + ".");
    std::vector<const knowledge::DomainRating*> down;
    for (const auto& d : o.domains) {
      if (d.downgrade > 0) down.push_back(&d);
    }
    if (!down.empty()) {
      w.Open("ul");
      for (const auto* d : down) {
        w.Open("li");
        w.Text(std::string(DomainLabel(d->domain)) + ": rated down " +
               Plural(d->downgrade, "level", "levels") + ".");
        if (!d->reason.empty()) w.Text(" " + d->reason);
        w.Close("li");
      }
      w.Close("ul");
    }
    w.Close("li");
  }
  w.Close("ul");

  // The GRADE summary-of-findings table (weigh's fragment, escaped by
  // HtmlWriter there), scrollable on a phone.
  w.Element("h3", {{"id", "summary-of-findings"}}, "Summary of findings");
  w.Open("div", {{"class", "table-scroll"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", "Summary of findings table"}});
  w.Append(SummaryOfFindingsHtml(t));
  w.Close("div");

  bool any_forest = std::any_of(t.outcomes.begin(), t.outcomes.end(),
                                [](const auto& o) { return !o.forest_svg.empty(); });
  if (any_forest) {
    w.Open("details", {{"class", "forest-plots"}});
    w.Element("summary", "See the forest plots (for readers who want the study-by-study numbers)");
    for (const auto& o : t.outcomes) {
      if (o.forest_svg.empty()) continue;
      w.Open("figure", {{"class", "forest-plot"}});
      // Generated by evidoc's own SVG writer (evidence/), which escapes every
      // label with the XML escaper: markup, not content text.
      w.Append(Html::Trusted(o.forest_svg));
      w.Element("figcaption", "Forest plot: " + o.name);
      w.Close("figure");
    }
    w.Close("details");
  }

  // References: the treatment's own, then each outcome's studies, once each.
  std::vector<std::string> keys;
  auto add = [&keys](const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  for (const auto& key : tr.citations) add(key);
  for (const auto& o : t.outcomes) {
    for (const auto& key : o.study_citations) add(key);
  }
  w.Element("h2", {{"id", "references"}}, "References");
  w.Open("ol", {{"class", "references"}});
  int ref_n = 0;
  for (const auto& key : keys) {
    for (const auto& ref : c.references) {
      if (ref.key == key) w.Append(RenderReferenceItem(ref, "ref-" + std::to_string(++ref_n)));
    }
  }
  w.Close("ol");

  ToolPage p;
  p.url = TreatmentUrl(tr.id);
  p.title = tr.name + " (" + condition_title + ")";
  p.description = t.verdict.empty() ? tr.description : t.verdict;
  p.breadcrumbs = {{condition_title, ArticleUrl(tr.condition)}};
  p.main = w.Take();
  return RenderToolPage(k, std::move(p));
}

}  // namespace evidoc::render
