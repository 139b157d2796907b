// The site's URL scheme, in one place, so every page links the same way.
// Paths are site-relative and start with '/'; each content-provided segment
// (a slug, a term id) is percent-encoded with AppendUrlComponent. Pure.
#pragma once

#include <string>
#include <string_view>

namespace evidoc::render {

std::string ArticleUrl(std::string_view slug);        // "/leg-cramps/"
std::string GlossaryUrl(std::string_view term_id);    // "/glossary/#placebo" (Slugify(id))
std::string ImageUrl(std::string_view content_path);  // "images/a.svg" -> "/images/a.svg"
std::string ApiArticleUrl(std::string_view slug);     // "/api/v1/articles/leg-cramps.json"
// base_url (no trailing slash) + path ("/leg-cramps/").
std::string AbsoluteUrl(std::string_view base_url, std::string_view path);

// The output file for a site-relative URL path: "/" -> "index.html",
// "/leg-cramps/" -> "leg-cramps/index.html", "/sitemap.xml" -> "sitemap.xml".
// Percent-escapes are kept as is: evidoc's slugs are plain [a-z0-9-] (the
// loader checks), so no decoding is needed.
std::string FileForUrl(std::string_view url_path);

// A term id or heading text made into an HTML id / fragment: lowercase
// ASCII letters and digits, other runs become one '-'. "Baker's cyst" ->
// "baker-s-cyst". Never empty ("section" if nothing is left).
std::string Slugify(std::string_view text);

}  // namespace evidoc::render
