// The site's listing pages: home (/), A to Z (/a-z/), glossary (/glossary/)
// and the 404 page. Each returns a whole HTML document. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "render/html.h"
#include "render/site_index.h"

namespace evidoc::render {

// Lists the first 60 conditions (then the A to Z takes over, so the page
// stays small on a phone). `tools` is an optional block other renderers add
// to the home page (links to the symptom check, medicines check, decision
// aids).
std::string RenderHomePage(const SiteIndex& index, const Html& tools = {});

// Every article by title, grouped by first letter, with lay synonyms listed
// as "Charley horse: see Leg cramps" so readers find the page by their word.
std::string RenderAtoZPage(const SiteIndex& index);

// The A to Z as the site publishes it, (URL path, HTML) pairs: the one page
// above when it is at most `max_page_bytes`; otherwise (a large site) /a-z/
// lists the letters with their counts and each letter has its own page,
// /a-z/a/ ... /a-z/digits/, so no page is too heavy for a phone.
std::vector<std::pair<std::string, std::string>> RenderAtoZPages(const SiteIndex& index,
                                                                 size_t max_page_bytes);

// Every glossary term with an anchor (id = the term's id) and its aliases.
std::string RenderGlossaryPage(const SiteIndex& index);

// /search/ for a site served as plain files: the search box's query is
// answered in the browser by /assets/search.js (titles, synonyms and
// summaries from /api/v1/articles.json); without JavaScript it points to
// the A to Z. `evidoc serve` answers /search itself (full text, Xapian).
std::string RenderStaticSearchPage(const SiteIndex& index);

std::string RenderNotFoundPage(const SiteIndex& index);

}  // namespace evidoc::render
