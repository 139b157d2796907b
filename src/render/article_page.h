// The article (condition) page, `/{slug}/`, and the article's JSON.
//
// The body is rendered by walking the Node tree the loader parsed (never
// re-parsing Markdown): headings with anchors, lists, tables, links
// (cross-links to /slug/), images with width/height and alt, numbered
// citations [1] linking to the reference list, and glossary terms defined
// inline at their first use.
//
// Glossary pattern (WCAG 2.1 AA, works without JavaScript): the first use
// of a term becomes
//   <a class="term" href="/glossary/#id" aria-describedby="def-id">
//     <dfn>term</dfn></a><span class="term-def" id="def-id"> (definition)</span>
// The definition is ordinary visible text right after the term, so it is
// read in order by screen readers, needs no hover or click (nothing for SC
// 1.4.13 to govern), survives print and reader modes, and is announced as
// the link's description when the link gets keyboard focus; the link goes
// to the full glossary entry. A <details> disclosure was rejected because
// it is flow content and cannot sit inside a paragraph, and tooltips fail
// on touch screens and without a pointer.
//
// Page order: title and summary, "Warning signs" (every red flag, strongest
// urgency first, never collapsed), extension slot, hero image, body,
// extension slot, "Questions to ask your doctor", related articles,
// references, review dates (NHS "Page last reviewed / Next review due").
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "content/model.h"
#include "render/html.h"
#include "render/site_index.h"

namespace evidoc::render {

// What other renderers add to a condition page (the treatment, decision-aid
// and medicines renderers). Every part is optional.
struct ArticleExtras {
  Html after_warning_signs;              // "What treatments work?"
  Html before_questions;                 // "Can my medicines cause this?", decision aid link
  std::vector<std::string> stylesheets;  // site-relative, e.g. "/assets/treatments.css"
  std::vector<std::string> scripts;
};

// "Emergency", "Get help today", "See a doctor", "Self-care".
std::string_view UrgencyLabel(content::Urgency u);
// "emergency", "same_day", "see_doctor", "self_care" (the content's codes).
std::string_view UrgencyCode(content::Urgency u);

// The body alone (what the JSON API ships as "html"). Reference numbers
// follow article.cited_keys.
Html RenderArticleBody(const SiteIndex& index, const content::Article& article);

// The whole HTML document for /{slug}/. `body` is RenderArticleBody's result.
std::string RenderArticlePage(const SiteIndex& index, const content::Article& article,
                              const Html& body, const ArticleExtras& extras = {});

// schema.org MedicalWebPage JSON-LD (NHS shape: lastReviewed is
// [last reviewed, next review due]).
std::string ArticleJsonLd(const SiteIndex& index, const content::Article& article);

// api/v1/articles/{slug}.json: the list fields (ArticleSummaryJson) plus
// html, references, red_flags, related, questions_to_ask, treatments, hero.
std::string ArticleJson(const SiteIndex& index, const content::Article& article, const Html& body);

}  // namespace evidoc::render
