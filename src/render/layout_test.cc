#include "render/layout.h"

#include <gtest/gtest.h>

#include "render/golden.h"

namespace evidoc::render {
namespace {

content::SiteSettings Settings() {
  content::SiteSettings s;
  s.title = "Leg health explained";
  s.base_url = "https://example.org";
  s.language = "en-GB";
  s.publisher = "evidoc editors";
  return s;
}

Page ArticleLikePage(const content::SiteSettings& site) {
  Page p;
  p.site = &site;
  p.url_path = "/leg-cramps/";
  p.title = "Leg cramps";
  p.description = "Sudden, painful tightening of a leg muscle.";
  p.breadcrumbs = {{"Home", "/"}, {"Conditions A to Z", "/a-z/"}};
  HtmlWriter w;
  w.Element("h1", "Leg cramps");
  p.main = w.Take();
  p.json_ld = R"({"@type":"MedicalWebPage","name":"</script><script>alert(1)</script>"})";
  return p;
}

TEST(RenderPage, MatchesGolden) {
  const content::SiteSettings site = Settings();
  ExpectGolden("layout_page.html", RenderPage(ArticleLikePage(site)));
}

TEST(RenderPage, HasNoInlineScriptOrStyleAndCannotBeBrokenOutOf) {
  content::SiteSettings site = Settings();
  site.title = "<script>alert('t')</script>";
  site.disclaimer = "Talk to a doctor <b>now</b>";
  Page p = ArticleLikePage(site);
  p.title = "\"><script>alert(1)</script>";
  p.description = "\" onload=\"alert(1)";
  p.search_query = "\"><img src=x onerror=alert(1)>";
  const std::string html = RenderPage(p);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);
  EXPECT_EQ(html.find("</script><script"), std::string::npos);
  EXPECT_NE(html.find("<title>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt; - &lt;script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"disclaimer\">Talk to a doctor &lt;b&gt;now&lt;/b&gt;</p>"),
            std::string::npos);
  // The JSON-LD block keeps its data but cannot close the script element.
  EXPECT_NE(html.find("\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"),
            std::string::npos);
}

TEST(RenderPage, DefaultDisclaimerOnEveryPage) {
  const content::SiteSettings site = Settings();
  Page p;
  p.site = &site;
  p.url_path = "/";
  const std::string html = RenderPage(p);
  EXPECT_NE(html.find("This is information to discuss with a doctor"), std::string::npos);
  EXPECT_NE(html.find("<title>Leg health explained</title>"), std::string::npos);
  EXPECT_EQ(html.find("Breadcrumb"), std::string::npos);
}

}  // namespace
}  // namespace evidoc::render
