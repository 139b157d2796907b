// The patient's pages that are not articles: treatment pages, decision aids,
// the medicines check, the symptom checks, medicines A-Z and the 404 page;
// their URLs; and the pieces they share (the reference list).
//
// Pure functions: Knowledge in, bytes out; no I/O, no clock, no logging.
// Nothing a reader types into a check is stored: the result renderers only
// echo it back, escaped, into the page they return. Thread-safe.
//
// Who calls what:
// - RenderSite (helper "render") adds RenderPatientPages(knowledge) to the site
//   and puts RenderTreatmentsSection / RenderMedicinesSection
//   (condition_sections.h) on each condition page.
// - `evidoc serve` answers GET form submissions with the result renderers in
//   medicines_page.h, symptom_page.h and decision_aid_page.h; without a query
//   it serves the same bytes as the static build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/knowledge.h"
#include "render/html.h"
#include "render/layout.h"
#include "site/render_site.h"

namespace evidoc::render {

// URLs (site-relative; content segments percent-encoded).
std::string TreatmentUrl(std::string_view treatment_id);   // "/treatments/quinine/"
std::string DecisionAidUrl(std::string_view condition);    // "/decision-aid/leg-cramps/"
std::string SymptomCheckUrl(std::string_view checker_id);  // "/symptom-check/leg-pain/"
inline constexpr std::string_view kSymptomCheckIndexUrl = "/symptom-check/";
inline constexpr std::string_view kMedicinesCheckUrl = "/medicines-check/";
inline constexpr std::string_view kMedicinesAzUrl = "/medicines/";
inline constexpr std::string_view kNotFoundFile = "404.html";

// The stylesheet and script every patient tool page links (assets/tools.*).
inline constexpr std::string_view kToolsCss = "/assets/tools.css";
inline constexpr std::string_view kToolsJs = "/assets/tools.js";

// Every page of this file's family, sorted by path:
//   treatments/{id}/index.html      one per weighed treatment
//   decision-aid/{slug}/index.html  one per condition with treatments
//   medicines-check/index.html, medicines/index.html
//   symptom-check/index.html, symptom-check/{id}/index.html
//   404.html
// REQUIRES: knowledge.content != nullptr.
std::vector<site::SiteFile> RenderPatientPages(const knowledge::Knowledge& knowledge);

// "Smith J, Jones A, et al. Title. Journal. 2020;12(3):4-5." with PubMed and
// DOI links, as an <li id="{id_prefix}{n}">, for the reference lists of the
// tool pages. Unknown keys are skipped by the callers (the loader resolves them).
Html RenderReferenceItem(const content::Reference& ref, std::string_view id);

// The title of the article `slug`, or the slug itself when there is none.
std::string ArticleTitle(const content::Content& content, std::string_view slug);

// A block of links to the tools for the home page: check your symptoms,
// check your medicines, compare treatments (one link per decision aid).
Html RenderHomeTools(const knowledge::Knowledge& knowledge);

// The 404 page ("/404.html"): what to do next, a search box, the emergency
// number. Marked noindex.
std::string RenderNotFoundPage(const knowledge::Knowledge& knowledge);

// What the tool pages hand to render's layout (layout.h): the page is linked
// to tools.css and tools.js, with "Home" prepended to the breadcrumbs.
struct ToolPage {
  std::string url;  // site-relative, "/medicines-check/"
  std::string title;
  std::string description;
  std::vector<Breadcrumb> breadcrumbs;  // after Home
  Html main;
  bool noindex = false;
};
std::string RenderToolPage(const knowledge::Knowledge& knowledge, ToolPage page);

// `text` with its first character upper-cased when it is an ASCII letter
// (outcome names are written in lower case for use inside sentences).
std::string UpperFirst(std::string text);

// Short label for a certainty ("High", "Moderate", "Low", "Very low") and the
// plain sentence that explains it to a reader.
std::string_view CertaintyWord(knowledge::Certainty c);
std::string_view CertaintyExplanation(knowledge::Certainty c);

}  // namespace evidoc::render
