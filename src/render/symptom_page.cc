#include "render/symptom_page.h"

#include <algorithm>

#include "render/patient_pages.h"
#include "render/urls.h"
#include "tools/symptom_check.h"

namespace evidoc::render {
namespace {

const content::SymptomChecker* Find(const knowledge::Knowledge& k, std::string_view id) {
  for (const auto& c : k.content->symptom_checkers) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

void Form(HtmlWriter& w, const content::SymptomChecker& c, const std::set<std::string>* yes) {
  w.Open(
      "form",
      {{"class", "tool-form symptom-form"}, {"method", "get"}, {"action", SymptomCheckUrl(c.id)}});
  int n = 0;
  for (const auto& q : c.questions) {
    const std::string base = "sq-" + std::to_string(++n);
    const bool said_yes = yes && yes->count(q.id);
    w.Open("fieldset",
           {{"class", "yes-no"}, {"aria-describedby", base + "-hint", !q.hint.empty()}});
    w.Element("legend", q.text);
    if (!q.hint.empty()) w.Element("p", {{"id", base + "-hint"}, {"class", "hint"}}, q.hint);
    w.Open("div", {{"class", "yes-no-row"}});
    w.Open("div", {{"class", "choice"}});
    w.Void("input", {{"type", "radio"},
                     {"id", base + "-yes"},
                     {"name", q.id},
                     {"value", "yes"},
                     {"checked", "checked", said_yes}});
    w.Element("label", {{"for", base + "-yes"}}, "Yes");
    w.Close("div");
    w.Open("div", {{"class", "choice"}});
    w.Void("input", {{"type", "radio"},
                     {"id", base + "-no"},
                     {"name", q.id},
                     {"value", "no"},
                     {"checked", "checked", yes && !said_yes}});
    w.Element("label", {{"for", base + "-no"}}, "No");
    w.Close("div");
    w.Close("div").Close("fieldset");
  }
  w.Element("button", {{"type", "submit"}, {"class", "button"}}, "See what to do");
  w.Close("form");
}

std::string CheckPage(const knowledge::Knowledge& k, const content::SymptomChecker& c,
                      const std::set<std::string>* yes) {
  HtmlWriter w;
  w.Element("h1", c.title);
  w.Element("p", {{"class", "urgent-note"}},
            "If you feel very unwell, or think it is an emergency, call 999 or 112 now. Do not "
            "wait to finish these questions.");
  w.Element("p", {{"class", "lede"}},
            "Answer yes or no to each question. We will tell you how soon to get help, and why. "
            "This is not a diagnosis. We do not store your answers.");
  if (yes) {
    const tools::SymptomCheckResult r = tools::CheckSymptoms(c, *yes);
    // CSS classes use hyphens ("urgency-same-day"), as site.css does.
    std::string code(tools::UrgencyCode(r.urgency));
    std::replace(code.begin(), code.end(), '_', '-');
    w.Open("section", {{"class", "tool-results symptom-result urgency-" + code},
                       {"aria-labelledby", "results-h"}});
    w.Element("h2", {{"id", "results-h"}, {"tabindex", "-1"}}, tools::UrgencyLabel(r.urgency));
    w.Element("p", {{"class", "advice"}}, r.advice);
    if (!r.matched.empty()) {
      w.Element("h3", "Why we say this");
      w.Open("ul", {{"class", "reasons"}});
      for (const auto* rule : r.matched) {
        if (!rule->reason.empty()) w.Element("li", rule->reason);
      }
      w.Close("ul");
    }
    if (r.urgency == content::Urgency::kSelfCare) {
      w.Element("p", "If your symptoms get worse, or you are worried, see a doctor.");
    }
    w.Close("section");
    w.Element("h2", {{"class", "answers-heading"}}, "Your answers");
  }
  if (!c.questions.empty()) {
    Form(w, c, yes);
  } else {
    w.Element("p", "This check has no questions yet.");
  }
  if (!yes) {
    w.Element("p", {{"class", "static-note"}},
              "If you are reading a saved copy of this site, the check cannot give a result: it "
              "needs the site's server. The warning signs are listed on each condition's page.");
  }
  if (!c.condition.empty()) {
    w.Open("p");
    w.Element("a", {{"href", ArticleUrl(c.condition)}},
              "Read about " + ArticleTitle(*k.content, c.condition) + ", with its warning signs");
    w.Close("p");
  }
  ToolPage p;
  p.url = SymptomCheckUrl(c.id);
  p.title = c.title;
  p.description = "Answer a few yes or no questions to find out how soon to get help.";
  p.breadcrumbs = {{"Check your symptoms", std::string(kSymptomCheckIndexUrl)}};
  p.main = w.Take();
  p.noindex = yes != nullptr;
  return RenderToolPage(k, std::move(p));
}

}  // namespace

std::string RenderSymptomCheckIndex(const knowledge::Knowledge& k) {
  HtmlWriter w;
  w.Element("h1", "Check your symptoms");
  w.Element("p", {{"class", "urgent-note"}},
            "If you feel very unwell, or think it is an emergency, call 999 or 112 now.");
  if (k.content->symptom_checkers.empty()) {
    w.Element("p", "There are no symptom checks in this guide yet.");
  } else {
    w.Open("ul", {{"class", "checker-list"}});
    for (const auto& c : k.content->symptom_checkers) {
      w.Open("li").Element("a", {{"href", SymptomCheckUrl(c.id)}}, c.title).Close("li");
    }
    w.Close("ul");
  }
  ToolPage p;
  p.url = std::string(kSymptomCheckIndexUrl);
  p.title = "Check your symptoms";
  p.description = "Answer yes or no questions to find out how soon to get help.";
  p.main = w.Take();
  return RenderToolPage(k, std::move(p));
}

std::optional<std::string> RenderSymptomCheckPage(const knowledge::Knowledge& k,
                                                  std::string_view id) {
  const auto* c = Find(k, id);
  if (!c) return std::nullopt;
  return CheckPage(k, *c, nullptr);
}

std::set<std::string> YesAnswers(const std::vector<std::pair<std::string, std::string>>& query) {
  std::set<std::string> yes;
  for (const auto& [name, value] : query) {
    if (value == "yes") yes.insert(name);
  }
  return yes;
}

std::optional<std::string> RenderSymptomCheckResult(const knowledge::Knowledge& k,
                                                    std::string_view id,
                                                    const std::set<std::string>& yes) {
  const auto* c = Find(k, id);
  if (!c) return std::nullopt;
  return CheckPage(k, *c, &yes);
}

}  // namespace evidoc::render
