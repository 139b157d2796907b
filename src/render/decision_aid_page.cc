#include "render/decision_aid_page.h"

#include <map>

#include "render/icon_array.h"
#include "render/patient_pages.h"
#include "render/urls.h"
#include "tools/decision_aid.h"

namespace evidoc::render {
namespace {

std::string OptionDomId(const std::string& id) { return "da-opt-" + Slugify(id); }

void OptionChooser(HtmlWriter& w, const tools::DecisionAid& all, const tools::DecisionAid& shown,
                   const std::string& action) {
  w.Open("form", {{"class", "tool-form da-form"}, {"method", "get"}, {"action", action}});
  w.Open("fieldset");
  w.Element("legend", "Choose the options you want to compare");
  w.Open("div", {{"class", "da-choices"}});
  for (const auto& o : all.options) {
    bool on = false;
    for (const auto& s : shown.options) on = on || s.id == o.id;
    w.Open("div", {{"class", "choice"}});
    w.Void("input", {{"type", "checkbox"},
                     {"id", OptionDomId(o.id)},
                     {"name", "option"},
                     {"value", o.id},
                     {"checked", "checked", on}});
    w.Element("label", {{"for", OptionDomId(o.id)}}, o.name);
    w.Close("div");
  }
  w.Close("div");
  w.Close("fieldset");
  w.Element("button", {{"type", "submit"}, {"class", "button"}}, "Compare the chosen options");
  w.Close("form");
}

// Each option's 1-based position among all the options: tools.css hides the
// option whose checkbox (the n-th choice) is unticked, without JavaScript or
// a server, for the first kMaxCssOptions options.
using OptionIndex = std::map<std::string, std::string>;

void Overview(HtmlWriter& w, const tools::DecisionAid& aid, const OptionIndex& index) {
  w.Open("div", {{"class", "table-scroll"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-labelledby", "da-overview-caption"}});
  w.Open("table", {{"class", "da-table da-overview"}});
  w.Element("caption", {{"id", "da-overview-caption"}}, "The options at a glance");
  w.Open("thead").Open("tr");
  w.Element("th", {{"scope", "col"}}, "Option");
  w.Element("th", {{"scope", "col"}}, "What the research shows");
  w.Element("th", {{"scope", "col"}}, "How it is taken");
  w.Element("th", {{"scope", "col"}}, "Side effects");
  w.Element("th", {{"scope", "col"}}, "Cost");
  w.Close("tr").Close("thead").Open("tbody");
  for (const auto& o : aid.options) {
    w.Open("tr", {{"data-option", o.id}, {"data-index", index.at(o.id)}});
    w.Element("th", {{"scope", "row"}}, o.name);
    w.Open("td");
    if (o.doing_nothing) {
      w.Text(
          "Your symptoms may get better, stay the same or get worse on their own. In the "
          "studies, this is what happened to people who had " +
          (o.comparison.empty() ? std::string("no treatment") : o.comparison) + ".");
    } else {
      w.Element("strong", knowledge::CategoryLabel(o.result->category));
      if (!o.result->verdict.empty()) w.Text(". " + o.result->verdict);
    }
    w.Close("td");
    w.Element("td", o.how_taken.empty() ? "Not described" : o.how_taken);
    w.Element("td", o.side_effects.empty() ? "Not described" : o.side_effects);
    w.Element("td", o.cost.empty() ? "Not described" : o.cost);
    w.Close("tr");
  }
  w.Close("tbody").Close("table").Close("div");
}

void Comparison(HtmlWriter& w, const tools::DecisionOption& o, bool icons,
                const OptionIndex& index) {
  const std::string slug = Slugify(o.id);
  w.Open("section", {{"class", "da-option"},
                     {"data-option", o.id},
                     {"data-index", index.at(o.id)},
                     {"aria-labelledby", "da-h-" + slug}});
  w.Element("h3", {{"id", "da-h-" + slug}}, o.name + " compared with doing nothing");
  if (o.rows.empty()) {
    w.Element("p", "There are no numbers from studies for this option yet.");
    w.Close("section");
    return;
  }
  w.Open("div", {{"class", "table-scroll"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-labelledby", "da-c-" + slug}});
  w.Open("table", {{"class", "da-table"}});
  w.Element("caption", {{"id", "da-c-" + slug}},
            "What happened to people in the studies of " + o.name + " (" +
                (o.comparison.empty() ? std::string("compared with no treatment")
                                      : "doing nothing means " + o.comparison) +
                ")");
  w.Open("thead").Open("tr");
  w.Element("th", {{"scope", "col"}}, "What was measured");
  w.Element("th", {{"scope", "col"}}, "Doing nothing");
  w.Element("th", {{"scope", "col"}}, "With " + o.name);
  w.Element("th", {{"scope", "col"}}, "How sure we are");
  w.Close("tr").Close("thead").Open("tbody");
  for (const auto& r : o.rows) {
    w.Open("tr");
    w.Open("th", {{"scope", "row"}});
    w.Text(UpperFirst(r.outcome_name));
    w.Element("span", {{"class", "row-meta"}},
              (r.kind == "harm" ? "Harm, " : "Benefit, ") + r.timeframe);
    w.Close("th");
    w.Element("td", r.without.text);
    w.Element("td", r.with.text);
    w.Element("td", std::string(CertaintyWord(r.certainty)));
    w.Close("tr");
  }
  w.Close("tbody").Close("table").Close("div");
  if (icons) {
    // Pictographs for the main yes/no outcomes: every option drawn on the
    // same 100 people (IPDAS: same denominator for every option).
    for (const auto& r : o.rows) {
      if (!r.main || !r.with.per_100 || !r.without.per_100) continue;
      const IconTone tone = r.kind == "harm" ? IconTone::kHarm : IconTone::kBenefit;
      const std::string id = "da-" + slug + "-" + Slugify(r.outcome_id);
      w.Element("p", {{"class", "icon-array-title"}}, r.outcome_name + ", " + r.timeframe + ":");
      w.Open("div", {{"class", "icon-array-pair"}});
      w.Append(RenderIconArray({*r.without.per_100, id + "-without", "Doing nothing",
                                "Doing nothing: " + r.without.text + " had this.", tone}));
      w.Append(RenderIconArray({*r.with.per_100, id + "-with", "With " + o.name,
                                "With " + o.name + ": " + r.with.text + " had this.", tone}));
      w.Close("div");
    }
  }
  w.Open("p", {{"class", "more-link"}})
      .Element("a", {{"href", TreatmentUrl(o.id)}}, "More about " + o.name + " and the research")
      .Close("p");
  w.Close("section");
}

}  // namespace

std::optional<std::string> RenderDecisionAidPage(const knowledge::Knowledge& k,
                                                 std::string_view condition,
                                                 const std::set<std::string>& chosen) {
  auto all = tools::BuildDecisionAid(k, condition);
  if (!all) return std::nullopt;
  const tools::DecisionAid shown = tools::SelectOptions(*all, chosen);
  const std::string url = DecisionAidUrl(all->condition);
  HtmlWriter w;
  w.Open("div", {{"class", "decision-aid"}});
  w.Element("h1", "Compare treatments for " + all->condition_title);
  w.Element("p", {{"class", "lede"}},
            "This page helps you weigh up the options with your doctor. It shows what happened "
            "to people in research studies who chose each option, so that you can think about "
            "what matters most to you.");
  w.Element("p",
            "All numbers are out of 100 people, over the time each study lasted. "
            "Doing nothing is always an option.");
  OptionChooser(w, *all, shown, url);

  w.Open("section", {{"class", "da-compare"}, {"aria-labelledby", "da-compare-h"}});
  w.Element("h2", {{"id", "da-compare-h"}, {"tabindex", "-1"}}, "Your options side by side");
  OptionIndex index;
  for (std::size_t i = 0; i < all->options.size(); ++i) {
    index[all->options[i].id] = std::to_string(i + 1);
  }
  Overview(w, shown, index);
  for (const auto& o : shown.options) {
    if (!o.doing_nothing) Comparison(w, o, true, index);
  }
  w.Close("section");

  w.Open("section", {{"class", "da-values"}, {"aria-labelledby", "da-values-h"}});
  w.Element("h2", {{"id", "da-values-h"}}, "What matters most to you?");
  w.Element("p",
            "There is no right answer. Thinking about these questions can help you talk "
            "with your doctor. Your answers stay on this page: they are not sent or saved.");
  int n = 0;
  for (const auto& q : all->values_questions) {
    const std::string name = "da-value-" + std::to_string(++n);
    w.Open("fieldset", {{"class", "da-value"}});
    w.Element("legend", q);
    w.Open("div", {{"class", "da-scale"}});
    int m = 0;
    for (const char* answer : {"A lot", "A little", "Not at all", "Not sure"}) {
      const std::string id = name + "-" + std::to_string(++m);
      w.Open("div", {{"class", "choice"}});
      w.Void("input", {{"type", "radio"}, {"id", id}, {"name", name}, {"value", answer}});
      w.Element("label", {{"for", id}}, answer);
      w.Close("div");
    }
    w.Close("div").Close("fieldset");
  }
  w.Close("section");

  w.Open("section", {{"class", "da-print"}, {"aria-labelledby", "da-print-h"}});
  w.Element("h2", {{"id", "da-print-h"}}, "Take this to your doctor");
  w.Element("p",
            "Print this page, or save it as a PDF, to take to your appointment. The printed "
            "version fits the options you chose and your answers on one page.");
  w.Element("button", {{"type", "button"}, {"class", "button print-button"}, {"hidden", "hidden"}},
            "Print this page");
  w.Element("p", {{"class", "da-updated"}},
            "These numbers come from the studies listed on each treatment's page. They are "
            "updated whenever the evidence is reviewed.");
  w.Close("section");
  w.Close("div");

  ToolPage p;
  p.url = url;
  p.title = "Compare treatments for " + all->condition_title;
  p.description = "Compare the treatments for " + all->condition_title +
                  " side by side, including doing nothing, out of 100 people.";
  p.breadcrumbs = {{all->condition_title, ArticleUrl(all->condition)}};
  p.main = w.Take();
  return RenderToolPage(k, std::move(p));
}

}  // namespace evidoc::render
