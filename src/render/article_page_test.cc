#include "render/article_page.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/golden.h"
#include "render/test_content.h"

namespace evidoc::render {
namespace {

class ArticlePageTest : public ::testing::Test {
 protected:
  ArticlePageTest() : content_(testing::SmallContent()), index_(*content_) {}
  const content::Article& Cramps() { return content_->articles[1]; }
  std::shared_ptr<content::Content> content_;
  SiteIndex index_;
};

TEST_F(ArticlePageTest, BodyMatchesGolden) {
  ExpectGolden("leg_cramps_body.html", RenderArticleBody(index_, Cramps()).str());
}

TEST_F(ArticlePageTest, PageMatchesGolden) {
  const Html body = RenderArticleBody(index_, Cramps());
  ExpectGolden("leg_cramps_page.html", RenderArticlePage(index_, Cramps(), body));
}

TEST_F(ArticlePageTest, CitationsAreNumberedInOrderOfFirstUse) {
  const std::string body = RenderArticleBody(index_, Cramps()).str();
  EXPECT_NE(body.find("harmless<sup class=\"cite\">[<a href=\"#ref-1\" aria-label=\"Reference "
                      "1\">1</a>]</sup>"),
            std::string::npos);
  EXPECT_NE(body.find("[<a href=\"#ref-1\" aria-label=\"Reference 1\">1</a>, <a href=\"#ref-2\" "
                      "aria-label=\"Reference 2\">2</a>]"),
            std::string::npos);
}

TEST_F(ArticlePageTest, ReferenceListLinksDoiAndPubMed) {
  const std::string page = RenderArticlePage(index_, Cramps(), RenderArticleBody(index_, Cramps()));
  EXPECT_NE(page.find("<li id=\"ref-1\" value=\"1\">Naylor JR, Young JB. A general population "
                      "survey of rest cramps. Age Ageing. 1994;23(5):418-20. <a "
                      "href=\"https://doi.org/10.1093/ageing/23.5.418\">DOI: "
                      "10.1093/ageing/23.5.418</a> <a "
                      "href=\"https://pubmed.ncbi.nlm.nih.gov/7825490/\">PubMed: 7825490</a> "
                      "</li>"),
            std::string::npos);
  // Seven authors: the first six, then "et al" (Vancouver).
  EXPECT_NE(page.find("<li id=\"ref-2\" value=\"2\">El-Tawil S, Al Musa T, Valli H, Lunn MP, "
                      "Brassington R, El-Tawil T, et al. Quinine for muscle cramps. Cochrane "
                      "Database Syst Rev. 2015:CD005044."),
            std::string::npos);
  EXPECT_EQ(page.find("Never cited"), std::string::npos);
}

TEST_F(ArticlePageTest, GlossaryTermDefinedOnceAtFirstUseOutsideHeadingsAndLinks) {
  const std::string body = RenderArticleBody(index_, Cramps()).str();
  // Not in the heading "What is a placebo?"; first in the paragraph, matched
  // case-insensitively ("Placebo"); "placebos" later is not linked again.
  EXPECT_NE(body.find("<h2 id=\"what-is-a-placebo\">What is a placebo?</h2>"), std::string::npos);
  EXPECT_NE(body.find("a <a class=\"term\" href=\"/glossary/#placebo\" "
                      "aria-describedby=\"def-placebo\"><dfn>Placebo</dfn></a><span "
                      "class=\"term-def\" id=\"def-placebo\"> (a dummy treatment with no active "
                      "medicine in it)</span> works"),
            std::string::npos);
  EXPECT_NE(body.find("pills; placebos again"), std::string::npos);
  // "DVT" inside the cross-link is not a glossary link; the next "DVT" is.
  EXPECT_NE(body.find("<a href=\"/dvt/\">DVT</a>, though a <a class=\"term\" "
                      "href=\"/glossary/#deep-vein-thrombosis\""),
            std::string::npos);
}

TEST_F(ArticlePageTest, WarningSignsStrongestFirst) {
  const std::string page = RenderArticlePage(index_, Cramps(), RenderArticleBody(index_, Cramps()));
  const size_t emergency = page.find("Sudden breathlessness");
  const size_t same_day = page.find("Your calf is swollen");
  const size_t see = page.find("Cramps most nights");
  const size_t body = page.find("Most cramps are harmless");
  ASSERT_NE(emergency, std::string::npos);
  EXPECT_LT(emergency, same_day);
  EXPECT_LT(same_day, see);
  EXPECT_LT(see, body);  // near the top, before the body
  EXPECT_NE(page.find("<li class=\"red-flag urgency-emergency\"><p><span "
                      "class=\"urgency\">Emergency</span> <strong>Sudden "
                      "breathlessness</strong></p>"),
            std::string::npos);
  EXPECT_EQ(page.find("<details"), std::string::npos);  // never collapsed
}

TEST_F(ArticlePageTest, ReviewDatesAndJsonLd) {
  const std::string page = RenderArticlePage(index_, Cramps(), RenderArticleBody(index_, Cramps()));
  EXPECT_NE(page.find("Page last reviewed: 15 March 2024<br>Next review due: 15 March 2027"),
            std::string::npos);
  const nlohmann::json ld = nlohmann::json::parse(ArticleJsonLd(index_, Cramps()));
  EXPECT_EQ(ld["@type"], "MedicalWebPage");
  EXPECT_EQ(ld["lastReviewed"], nlohmann::json::array({"2024-03-15", "2027-03-15"}));
  EXPECT_EQ(ld["about"]["code"][0]["codeValue"], "G47.62");
  EXPECT_EQ(ld["about"]["code"][1]["codingSystem"], "SNOMED-CT");
  EXPECT_EQ(ld["url"], "https://example.org/leg-cramps/");
}

TEST_F(ArticlePageTest, ImagesCarrySizeAndAlt) {
  const std::string page = RenderArticlePage(index_, Cramps(), RenderArticleBody(index_, Cramps()));
  EXPECT_NE(page.find("<figure class=\"hero\"><img src=\"/images/leg.svg\" alt=\"A calf muscle "
                      "tightening\" width=\"640\" height=\"360\"></figure>"),
            std::string::npos);
  // The body image's size comes from the SVG file; its title is the caption.
  EXPECT_NE(page.find("<figure><img src=\"/images/leg.svg\" alt=\"A &quot;stretched&quot; "
                      "calf\" width=\"640\" height=\"360\" title=\"Stretching\" loading=\"lazy\" "
                      "decoding=\"async\"><figcaption>Stretching</figcaption></figure>"),
            std::string::npos);
}

TEST_F(ArticlePageTest, HostileContentCannotInjectScript) {
  content::Content c = *content_;
  content::Article& a = c.articles[1];
  a.title = "<script>alert('title')</script>";
  a.summary = "\"><script>alert(1)</script>";
  a.hero->alt = "\" onerror=\"alert(1)";
  a.hero->src = "javascript:alert(1)";
  a.red_flags[0].sign = "<img src=x onerror=alert(1)>";
  a.questions_to_ask = {"</li><script>alert(2)</script>"};
  a.synonyms = {"</script><script>alert(3)</script>"};
  a.body.children.push_back(testing::Block(content::NodeKind::kHtmlBlock, {}));
  a.body.children.back().text = "<script>alert('raw html')</script>";
  a.body.children.push_back(
      testing::Block(content::NodeKind::kParagraph,
                     {testing::Link("data:text/html,<script>alert(4)</script>", "", "data link"),
                      testing::Image("https://evil.example/x.png", "remote image"),
                      testing::Link(" JAVASCRIPT:alert(5)", "", "spaced")}));
  const SiteIndex index(c);
  const std::string page = RenderArticlePage(index, a, RenderArticleBody(index, a));
  EXPECT_EQ(page.find("<script>"), std::string::npos) << page;
  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_EQ(page.find("javascript:"), std::string::npos);
  EXPECT_EQ(page.find("JAVASCRIPT:"), std::string::npos);
  EXPECT_EQ(page.find("href=\"data:"), std::string::npos);
  EXPECT_EQ(page.find("evil.example"), std::string::npos);
  EXPECT_EQ(page.find("onerror=\""), std::string::npos);
  EXPECT_EQ(page.find("raw html"), std::string::npos);
  // The words of neutralised links and images survive.
  EXPECT_NE(page.find("data linkremote imagespaced"), std::string::npos);
  EXPECT_NE(page.find("<h1>&lt;script&gt;alert('title')&lt;/script&gt;</h1>"), std::string::npos);
  // Only JSON-LD script blocks, and nothing can close them early.
  size_t at = 0;
  while ((at = page.find("<script", at)) != std::string::npos) {
    EXPECT_EQ(page.compare(at, 35, "<script type=\"application/ld+json\">"), 0);
    const size_t end = page.find("</script>", at);
    EXPECT_EQ(page.find('<', at + 1), end);
    at = end;
  }
}

TEST_F(ArticlePageTest, PathologicallyDeepBodyRendersWithoutCrashing) {
  content::Content c = *content_;
  content::Article& a = c.articles[1];
  // 3,000 nested block quotes: the loader would refuse this (limits.h), but
  // the renderer must not overflow its stack on a tree built elsewhere.
  content::Node leaf = testing::Text("deep <text>");
  for (int i = 0; i < 3000; ++i) {
    content::Node outer;
    outer.kind = content::NodeKind::kBlockQuote;
    outer.children.push_back(std::move(leaf));
    leaf = std::move(outer);
  }
  a.body.children.clear();
  a.body.children.push_back(std::move(leaf));
  const SiteIndex index(c);
  const std::string body = RenderArticleBody(index, a).str();
  EXPECT_NE(body.find("deep &lt;text&gt;"), std::string::npos);
  EXPECT_LT(body.size(), 2000u);  // 64 levels of markup, then plain text
}

TEST_F(ArticlePageTest, ArticleJsonHasEveryField) {
  const Html body = RenderArticleBody(index_, Cramps());
  const nlohmann::json j = nlohmann::json::parse(ArticleJson(index_, Cramps(), body));
  EXPECT_EQ(j["slug"], "leg-cramps");
  EXPECT_EQ(j["url"], "https://example.org/leg-cramps/");
  EXPECT_EQ(j["last_reviewed"], "2024-03-15");
  EXPECT_EQ(j["next_review"], "2027-03-15");
  EXPECT_EQ(j["codes"][1]["system"], "SNOMED CT");
  EXPECT_EQ(j["synonyms"], nlohmann::json::array({"charley horse", "night cramps"}));
  EXPECT_EQ(j["html"], body.str());
  EXPECT_EQ(j["references"].size(), 2u);
  EXPECT_EQ(j["references"][0]["doi_url"], "https://doi.org/10.1093/ageing/23.5.418");
  EXPECT_EQ(j["references"][1]["pubmed_url"], "https://pubmed.ncbi.nlm.nih.gov/26041491/");
  EXPECT_EQ(j["red_flags"][0]["urgency"], "emergency");
  EXPECT_EQ(j["red_flags"][2]["urgency"], "see_doctor");
  EXPECT_EQ(j["related"][0]["title"], "Deep vein thrombosis");
}

}  // namespace
}  // namespace evidoc::render
