#include "render/index_pages.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/api_json.h"
#include "render/golden.h"
#include "render/test_content.h"

namespace evidoc::render {
namespace {

class IndexPagesTest : public ::testing::Test {
 protected:
  IndexPagesTest() : content_(testing::SmallContent()), index_(*content_) {}
  std::shared_ptr<content::Content> content_;
  SiteIndex index_;
};

TEST_F(IndexPagesTest, AtoZListsTitlesAndSynonyms) {
  ExpectGolden("a_z.html", RenderAtoZPage(index_));
  const std::string page = RenderAtoZPage(index_);
  EXPECT_NE(page.find("<li>Charley horse: see <a href=\"/leg-cramps/\">Leg cramps</a></li>"),
            std::string::npos);
  EXPECT_NE(page.find("<li><span>B</span></li>"), std::string::npos);
  EXPECT_NE(page.find("<li><a href=\"#d\">D</a></li>"), std::string::npos);
}

TEST_F(IndexPagesTest, AtoZIsOnePageWhileItIsSmall) {
  const auto pages = RenderAtoZPages(index_, 100 * 1024);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].first, "/a-z/");
  EXPECT_EQ(pages[0].second, RenderAtoZPage(index_));
}

TEST_F(IndexPagesTest, AtoZSplitsByLetterWhenTooHeavy) {
  const std::string whole = RenderAtoZPage(index_);
  const auto pages = RenderAtoZPages(index_, whole.size() - 1);
  // The test content has titles and synonyms under C, D and L (Charley
  // horse, Deep vein thrombosis, Leg cramps, ...): an index page plus one
  // page per letter that has entries.
  std::vector<std::string> urls;
  for (const auto& [url, html] : pages) urls.push_back(url);
  ASSERT_GE(urls.size(), 3u);
  EXPECT_EQ(urls[0], "/a-z/");
  const std::string& top = pages[0].second;
  EXPECT_NE(top.find("<li><span>B</span></li>"), std::string::npos);
  EXPECT_NE(top.find("<li><a href=\"/a-z/d/\">D</a></li>"), std::string::npos);
  // Every entry of the whole page is on exactly one letter page.
  const std::string entry = "<li>Charley horse: see <a href=\"/leg-cramps/\">Leg cramps</a></li>";
  ASSERT_NE(whole.find(entry), std::string::npos);
  int found = 0;
  for (size_t i = 1; i < pages.size(); ++i) {
    if (pages[i].second.find(entry) != std::string::npos) {
      ++found;
      EXPECT_EQ(pages[i].first, "/a-z/c/");
      EXPECT_NE(pages[i].second.find("<a href=\"/a-z/c/\" aria-current=\"page\">C</a>"),
                std::string::npos);
    }
  }
  EXPECT_EQ(found, 1);
}

TEST_F(IndexPagesTest, StaticSearchPageWorksWithAndWithoutScript) {
  const std::string page = RenderStaticSearchPage(index_);
  EXPECT_NE(page.find("<script src=\"/assets/search.js\""), std::string::npos);
  EXPECT_NE(page.find("<meta name=\"robots\" content=\"noindex\">"), std::string::npos);
  EXPECT_NE(page.find("<div id=\"static-search-results\" aria-live=\"polite\"></div>"),
            std::string::npos);
  // Without JavaScript the page still leads somewhere useful.
  EXPECT_NE(page.find("<a href=\"/a-z/\">list of conditions from A to Z</a>"), std::string::npos);
}

TEST_F(IndexPagesTest, GlossaryHasAnAnchorPerTerm) {
  const std::string page = RenderGlossaryPage(index_);
  EXPECT_NE(page.find("<dt id=\"placebo\"><dfn>Placebo</dfn></dt><dd>A dummy treatment with no "
                      "active medicine in it.<span class=\"synonyms\"> Also written: placebos, "
                      "dummy pill.</span></dd>"),
            std::string::npos);
  EXPECT_NE(page.find("<dt id=\"deep-vein-thrombosis\">"), std::string::npos);
}

TEST_F(IndexPagesTest, HomeAndNotFound) {
  const std::string home = RenderHomePage(index_);
  EXPECT_NE(home.find("<h1>Leg health explained</h1>"), std::string::npos);
  EXPECT_NE(home.find("<a href=\"/dvt/\">Deep vein thrombosis</a>"), std::string::npos);
  const std::string missing = RenderNotFoundPage(index_);
  EXPECT_NE(missing.find("<meta name=\"robots\" content=\"noindex\">"), std::string::npos);
  EXPECT_NE(missing.find("<h1>Page not found</h1>"), std::string::npos);
}

TEST(HomePage, ListsAtMostSixtyConditions) {
  auto c = testing::SmallContent();
  const content::Article model = c->articles[0];
  c->articles.clear();
  for (int i = 0; i < 100; ++i) {
    content::Article a = model;
    a.slug = "c" + std::to_string(100 + i);
    a.title = "Condition " + std::to_string(100 + i);
    c->articles.push_back(a);
  }
  const SiteIndex index(*c);
  const std::string home = RenderHomePage(index);
  EXPECT_NE(home.find(">Condition 159</a>"), std::string::npos);
  EXPECT_EQ(home.find(">Condition 160</a>"), std::string::npos);
  EXPECT_NE(home.find("<a href=\"/a-z/\">All conditions from A to Z</a>"), std::string::npos);
}

TEST_F(IndexPagesTest, ArticleListJson) {
  const nlohmann::json j = nlohmann::json::parse(ArticleListJson(index_));
  ASSERT_EQ(j["articles"].size(), 2u);
  const nlohmann::json& a = j["articles"][1];
  EXPECT_EQ(a["slug"], "leg-cramps");
  EXPECT_EQ(a["title"], "Leg cramps");
  EXPECT_EQ(a["summary"], "A sudden, painful tightening of a leg muscle.");
  EXPECT_EQ(a["url"], "https://example.org/leg-cramps/");
  EXPECT_EQ(a["api_url"], "https://example.org/api/v1/articles/leg-cramps.json");
  EXPECT_EQ(a["last_reviewed"], "2024-03-15");
  EXPECT_EQ(a["next_review"], "2027-03-15");
  EXPECT_EQ(a["codes"][0], nlohmann::json({{"system", "ICD-10-CM"},
                                           {"code", "G47.62"},
                                           {"display", "Sleep related leg cramps"}}));
  EXPECT_EQ(a["synonyms"], nlohmann::json::array({"charley horse", "night cramps"}));
}

TEST(Sitemap, ListsAbsoluteUrlsWithLastmod) {
  EXPECT_EQ(SitemapXml("https://example.org", {{"/", ""}, {"/a&b/", "2024-03-15"}}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            "<url><loc>https://example.org/</loc></url>\n"
            "<url><loc>https://example.org/a&amp;b/</loc><lastmod>2024-03-15</lastmod></url>\n"
            "</urlset>\n");
}

}  // namespace
}  // namespace evidoc::render
