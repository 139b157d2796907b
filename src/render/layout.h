// The page chrome every HTML page of the site shares.
//
// Why C++ and not a mustache template: the chrome is small and fixed, and
// rendering it through HtmlWriter keeps every value typed and escaped for
// its destination (text vs attribute vs URL), which a template language
// that only knows "HTML-escape or raw" cannot express; it is also several
// times faster than building mustache data objects per page, and a build of
// 10,000 pages renders it 10,000 times. The markup is plain and readable
// below; the look lives entirely in assets/site.css.
//
// Strict-CSP friendly: no inline scripts and no style attributes. The only
// <script> elements are JSON-LD data blocks (not executed) and external
// files under /assets/. No request leaves the site (no fonts, CDNs,
// analytics). Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "content/model.h"
#include "render/html.h"

namespace evidoc::render {

struct Breadcrumb {
  std::string label;
  std::string url;  // site-relative
};

struct Page {
  // REQUIRED: the site's settings (title, base_url, language, disclaimer).
  const content::SiteSettings* site = nullptr;
  std::string url_path;     // this page's site-relative URL, "/leg-cramps/"; canonical link
  std::string title;        // without the site name; <title> is "title - site name"
  std::string description;  // meta description; the summary for articles
  // Parent pages, Home first; empty on the home page (no breadcrumb shown).
  std::vector<Breadcrumb> breadcrumbs;
  Html main;  // the inside of <main>, built with HtmlWriter
  // A JSON-LD document from JsonWriter (or empty). Written in a
  // <script type="application/ld+json"> block; any '<' or '>' in it is
  // re-escaped as \u003c / \u003e so it can never close the block.
  std::string json_ld;
  // Extra stylesheets and scripts, site-relative ("/assets/decision-aid.js").
  // Scripts are external files loaded with `defer` (no inline scripts).
  std::vector<std::string> stylesheets;
  std::vector<std::string> scripts;
  std::string search_query;  // pre-fills the header search box (the search page)
  bool noindex = false;      // <meta name="robots" content="noindex"> (404 page)
};

// The disclaimer shown on every page: the site's own, or the default.
std::string Disclaimer(const content::SiteSettings& site);

// The whole HTML document. REQUIRES: page.site != nullptr.
std::string RenderPage(const Page& page);

}  // namespace evidoc::render
