// The static JSON API's article list, api/v1/articles.json (each article's
// own file is ArticleJson in article_page.h), and sitemap.xml. Pure.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "render/site_index.h"

namespace evidoc::render {

// {"articles": [{slug, title, summary, url, api_url, last_reviewed,
// next_review, codes: [{system, code, display}], synonyms}, ...]} in slug
// order. URLs are absolute (site base_url).
std::string ArticleListJson(const SiteIndex& index);

struct SitemapEntry {
  std::string url_path;  // site-relative, "/leg-cramps/"
  std::string lastmod;   // "YYYY-MM-DD" or empty
};

// A sitemaps.org urlset with absolute <loc>s (base_url + url_path).
std::string SitemapXml(const std::string& base_url, const std::vector<SitemapEntry>& entries);

}  // namespace evidoc::render
