#include "render/urls.h"

#include <gtest/gtest.h>

namespace evidoc::render {
namespace {

TEST(Urls, BuildsSitePaths) {
  EXPECT_EQ(ArticleUrl("leg-cramps"), "/leg-cramps/");
  EXPECT_EQ(ArticleUrl("a b\"<"), "/a%20b%22%3C/");
  EXPECT_EQ(GlossaryUrl("placebo"), "/glossary/#placebo");
  EXPECT_EQ(ImageUrl("images/leg cramps.svg"), "/images/leg%20cramps.svg");
  EXPECT_EQ(ImageUrl("./images/a.svg"), "/images/a.svg");
  EXPECT_EQ(ApiArticleUrl("dvt"), "/api/v1/articles/dvt.json");
  EXPECT_EQ(AbsoluteUrl("https://example.org/", "/dvt/"), "https://example.org/dvt/");
}

TEST(Urls, MapsUrlsToFiles) {
  EXPECT_EQ(FileForUrl("/"), "index.html");
  EXPECT_EQ(FileForUrl("/leg-cramps/"), "leg-cramps/index.html");
  EXPECT_EQ(FileForUrl("/sitemap.xml"), "sitemap.xml");
}

TEST(Urls, Slugify) {
  EXPECT_EQ(Slugify("Baker's cyst"), "baker-s-cyst");
  EXPECT_EQ(Slugify("  What are leg cramps?  "), "what-are-leg-cramps");
  EXPECT_EQ(Slugify("!!!"), "section");
}

}  // namespace
}  // namespace evidoc::render
