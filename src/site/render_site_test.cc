#include "site/render_site.h"

#include <gtest/gtest.h>

#include <set>

#include "render/test_content.h"
#include "site/site_builder.h"

namespace evidoc::site {
namespace {

knowledge::Knowledge SmallKnowledge() {
  knowledge::Knowledge k;
  k.content = render::testing::SmallContent();
  return k;
}

TEST(RenderSite, WritesEveryCoreFileSortedByPath) {
  const knowledge::Knowledge k = SmallKnowledge();
  const std::vector<SiteFile> files = RenderSite(k);
  std::set<std::string> paths;
  for (size_t i = 0; i < files.size(); ++i) {
    paths.insert(files[i].path);
    if (i > 0) {
      EXPECT_LT(files[i - 1].path, files[i].path);
    }
  }
  for (const char* expected :
       {"index.html", "a-z/index.html", "glossary/index.html", "404.html", "sitemap.xml",
        "api/v1/articles.json", "api/v1/articles/dvt.json", "api/v1/articles/leg-cramps.json",
        "dvt/index.html", "leg-cramps/index.html", "assets/site.css", "images/leg.svg"}) {
    EXPECT_EQ(paths.count(expected), 1u) << expected;
  }
  for (const SiteFile& f : files) {
    if (f.path == "leg-cramps/index.html") {
      EXPECT_EQ(f.content_type, "text/html; charset=utf-8");
    } else if (f.path == "api/v1/articles.json") {
      EXPECT_EQ(f.content_type, "application/json");
    } else if (f.path == "images/leg.svg") {
      EXPECT_EQ(f.content_type, "image/svg+xml");
    }
  }
}

TEST(RenderSite, SameBytesWhateverTheThreadCount) {
  const knowledge::Knowledge k = SmallKnowledge();
  RenderOptions one;
  one.threads = 1;
  RenderOptions four;
  four.threads = 4;
  const auto a = RenderSite(k, one);
  const auto b = RenderSite(k, four);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].path, b[i].path);
    EXPECT_EQ(a[i].bytes, b[i].bytes) << a[i].path;
  }
}

TEST(RenderSite, SitemapListsEveryPageButThe404AndSearch) {
  const knowledge::Knowledge k = SmallKnowledge();
  std::string sitemap;
  size_t html_pages = 0;
  for (const SiteFile& f : RenderSite(k)) {
    if (f.path == "sitemap.xml") sitemap = f.bytes;
    if (f.path == "search/index.html") continue;  // results are not for search engines
    if (f.path.size() > 10 && f.path.compare(f.path.size() - 10, 10, "index.html") == 0) {
      ++html_pages;
    }
    if (f.path == "index.html") ++html_pages;
  }
  EXPECT_NE(sitemap.find("<url><loc>https://example.org/leg-cramps/</loc><lastmod>2024-03-15"
                         "</lastmod></url>"),
            std::string::npos);
  EXPECT_NE(sitemap.find("<url><loc>https://example.org/</loc></url>"), std::string::npos);
  EXPECT_EQ(sitemap.find("404"), std::string::npos);
  EXPECT_EQ(sitemap.find("/search/"), std::string::npos);
  size_t urls = 0;
  for (size_t at = 0; (at = sitemap.find("<url>", at)) != std::string::npos; ++at) ++urls;
  EXPECT_EQ(urls, html_pages);
}

TEST(RenderSite, EveryPageIsUnder100KilobytesWithItsCss) {
  const knowledge::Knowledge k = SmallKnowledge();
  size_t css = 0;
  const auto files = RenderSite(k);
  for (const SiteFile& f : files) {
    if (f.path == "assets/site.css") css = f.bytes.size();
  }
  for (const SiteFile& f : files) {
    if (f.content_type.rfind("text/html", 0) == 0) {
      EXPECT_LT(f.bytes.size() + css, 100u * 1024) << f.path;
    }
  }
}

}  // namespace
}  // namespace evidoc::site
