#include "render/patient_pages.h"

#include <algorithm>

#include "render/condition_sections.h"
#include "render/decision_aid_page.h"
#include "render/escape.h"
#include "render/layout.h"
#include "render/medicines_page.h"
#include "render/symptom_page.h"
#include "render/treatment_page.h"
#include "render/urls.h"
#include "tools/decision_aid.h"

namespace evidoc::render {
namespace {

std::string UnderPrefix(std::string_view prefix, std::string_view segment) {
  std::string s(prefix);
  AppendUrlComponent(s, segment);
  s.push_back('/');
  return s;
}

site::SiteFile HtmlFile(std::string url, std::string bytes) {
  return {FileForUrl(url), "text/html; charset=utf-8", std::move(bytes)};
}

}  // namespace

std::string TreatmentUrl(std::string_view id) { return UnderPrefix("/treatments/", id); }
std::string DecisionAidUrl(std::string_view slug) { return UnderPrefix("/decision-aid/", slug); }
std::string SymptomCheckUrl(std::string_view id) { return UnderPrefix("/symptom-check/", id); }

std::string ArticleTitle(const content::Content& content, std::string_view slug) {
  for (const auto& a : content.articles) {
    if (a.slug == slug) return a.title;
  }
  return std::string(slug);
}

std::string UpperFirst(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string_view CertaintyWord(knowledge::Certainty c) {
  switch (c) {
    case knowledge::Certainty::kHigh:
      return "High";
    case knowledge::Certainty::kModerate:
      return "Moderate";
    case knowledge::Certainty::kLow:
      return "Low";
    case knowledge::Certainty::kVeryLow:
      return "Very low";
  }
  return "Very low";
}

std::string_view CertaintyExplanation(knowledge::Certainty c) {
  // GRADE's meanings, in plain words.
  switch (c) {
    case knowledge::Certainty::kHigh:
      return "We are confident in this result. More research is very unlikely to change it.";
    case knowledge::Certainty::kModerate:
      return "We are fairly confident in this result. More research might change it.";
    case knowledge::Certainty::kLow:
      return "We are not very confident in this result. More research is likely to change it.";
    case knowledge::Certainty::kVeryLow:
      return "We are very unsure about this result. The true effect may be quite different.";
  }
  return "";
}

Html RenderReferenceItem(const content::Reference& ref, std::string_view id) {
  HtmlWriter w;
  w.Open("li", {{"id", id}});
  std::string text;
  for (std::size_t i = 0; i < ref.authors.size() && i < 3; ++i) {
    text += (i ? ", " : "") + ref.authors[i];
  }
  if (ref.authors.size() > 3) text += ", et al";
  if (!text.empty()) text += ". ";
  if (!ref.title.empty()) text += ref.title + (ref.title.ends_with('.') ? " " : ". ");
  if (!ref.container_title.empty()) text += ref.container_title + ". ";
  if (ref.year) text += std::to_string(ref.year);
  if (!ref.volume.empty()) text += ";" + ref.volume;
  if (!ref.issue.empty()) text += "(" + ref.issue + ")";
  if (!ref.page.empty()) text += ":" + ref.page;
  if (ref.year || !ref.volume.empty() || !ref.page.empty()) text += ".";
  w.Text(text);
  if (!ref.pmid.empty()) {
    w.Text(" ");
    w.Element("a", {{"href", "https://pubmed.ncbi.nlm.nih.gov/" + ref.pmid + "/"}},
              "PubMed " + ref.pmid);
  }
  if (!ref.doi.empty()) {
    std::string href = "https://doi.org/";
    href += ref.doi;  // DOIs keep their slashes; the writer escapes the attribute
    w.Text(" ");
    w.Element("a", {{"href", href}}, "doi:" + ref.doi);
  }
  if (ref.pmid.empty() && ref.doi.empty() && !ref.url.empty()) {
    w.Text(" ");
    w.Element("a", {{"href", ref.url}}, "Link");
  }
  w.Close("li");
  return w.Take();
}

std::vector<site::SiteFile> RenderPatientPages(const knowledge::Knowledge& k) {
  std::vector<site::SiteFile> files;
  for (const auto& t : k.treatments) {
    if (!t.treatment) continue;
    files.push_back(HtmlFile(TreatmentUrl(t.treatment->id), RenderTreatmentPage(k, t)));
  }
  for (const auto& slug : tools::DecisionAidConditions(k)) {
    if (auto page = RenderDecisionAidPage(k, slug))
      files.push_back(HtmlFile(DecisionAidUrl(slug), *page));
  }
  files.push_back(HtmlFile(std::string(kMedicinesCheckUrl), RenderMedicinesCheckPage(k)));
  files.push_back(HtmlFile(std::string(kMedicinesAzUrl), RenderMedicinesAzPage(k)));
  files.push_back(HtmlFile(std::string(kSymptomCheckIndexUrl), RenderSymptomCheckIndex(k)));
  for (const auto& c : k.content->symptom_checkers) {
    if (auto page = RenderSymptomCheckPage(k, c.id))
      files.push_back(HtmlFile(SymptomCheckUrl(c.id), *page));
  }
  files.push_back({std::string(kNotFoundFile), "text/html; charset=utf-8", RenderNotFoundPage(k)});
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

std::string RenderToolPage(const knowledge::Knowledge& k, ToolPage p) {
  Page page;
  page.site = &k.content->site;
  page.url_path = std::move(p.url);
  page.title = std::move(p.title);
  page.description = std::move(p.description);
  page.breadcrumbs.push_back({"Home", "/"});
  for (auto& b : p.breadcrumbs) page.breadcrumbs.push_back(std::move(b));
  page.main = std::move(p.main);
  page.stylesheets.emplace_back(kToolsCss);
  page.scripts.emplace_back(kToolsJs);
  page.noindex = p.noindex;
  return RenderPage(page);
}

Html RenderHomeTools(const knowledge::Knowledge& k) {
  HtmlWriter w;
  w.Open("section", {{"class", "home-tools"}, {"aria-labelledby", "home-tools-h"}});
  w.Element("h2", {{"id", "home-tools-h"}}, "Check and compare");
  w.Open("ul", {{"class", "card-list"}});
  if (!k.content->symptom_checkers.empty()) {
    w.Open("li").Element("a", {{"href", kSymptomCheckIndexUrl}}, "Check your symptoms");
    w.Element("p", "Answer a few questions to find out how soon to get help.").Close("li");
  }
  if (!k.content->medicines.empty()) {
    w.Open("li").Element("a", {{"href", kMedicinesCheckUrl}}, "Check your medicines");
    w.Element("p", "Find out whether a medicine you take can cause your symptoms.").Close("li");
  }
  for (const auto& slug : tools::DecisionAidConditions(k)) {
    const std::string title = ArticleTitle(*k.content, slug);
    w.Open("li").Element("a", {{"href", DecisionAidUrl(slug)}}, "Compare treatments for " + title);
    w.Element("p", "See the options side by side, including doing nothing.").Close("li");
  }
  w.Close("ul").Close("section");
  return w.Take();
}

std::string RenderNotFoundPage(const knowledge::Knowledge& k) {
  HtmlWriter w;
  w.Element("h1", "Page not found");
  w.Element("p",
            "We could not find the page you asked for. It may have moved, or the address "
            "may have a typing mistake.");
  w.Element("p", "You could:");
  w.Open("ul");
  w.Open("li").Element("a", {{"href", "/"}}, "go to the home page").Close("li");
  w.Open("li").Element("a", {{"href", "/a-z/"}}, "look through conditions from A to Z").Close("li");
  w.Open("li")
      .Element("a", {{"href", kMedicinesAzUrl}}, "look through medicines from A to Z")
      .Close("li");
  w.Open("li").Element("a", {{"href", kSymptomCheckIndexUrl}}, "check your symptoms").Close("li");
  w.Close("ul");
  w.Open("form", {{"class", "tool-form"}, {"action", "/search"}, {"method", "get"}});
  w.Element("label", {{"for", "nf-search"}}, "Or search for what you need");
  w.Open("div", {{"class", "search-row"}});
  w.Void("input", {{"type", "search"}, {"id", "nf-search"}, {"name", "q"}});
  w.Element("button", {{"type", "submit"}}, "Search");
  w.Close("div").Close("form");
  w.Element("p", {{"class", "urgent-note"}},
            "If you feel very unwell or think it is an emergency, call 999 or 112 now.");
  ToolPage p;
  p.url = "/404.html";
  p.title = "Page not found";
  p.main = w.Take();
  p.noindex = true;
  return RenderToolPage(k, std::move(p));
}

}  // namespace evidoc::render
