// The whole site as bytes: what `evidoc build` writes to disk and what
// `evidoc serve` holds in memory and answers with, at the same URL paths.
// Contract between site/ (build) and server/ (serve): extend, never rename.
#pragma once

#include <string>
#include <vector>

#include "knowledge/knowledge.h"

namespace evidoc::site {

struct SiteFile {
  std::string path;          // URL path without the leading slash: "leg-cramps/index.html",
                             // "api/v1/articles.json", "sitemap.xml", "assets/site.css"
  std::string content_type;  // "text/html; charset=utf-8", "application/json", ...
  std::string bytes;
};

struct RenderOptions {
  int threads = 0;           // 0: all hardware threads; pages are rendered in parallel
};

// Renders every file of the site from the Knowledge. Pure: no I/O, no clock.
// Files are sorted by path. REQUIRES: knowledge built from error-free content.
std::vector<SiteFile> RenderSite(const knowledge::Knowledge& knowledge,
                                 const RenderOptions& options = {});

}  // namespace evidoc::site
