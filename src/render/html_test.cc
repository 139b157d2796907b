#include "render/html.h"

#include <gtest/gtest.h>

namespace evidoc::render {
namespace {

TEST(HtmlWriter, EscapesTextAndAttributes) {
  HtmlWriter w;
  w.Open("p", {{"class", "x\"y"}}).Text("<b>bold</b> & co").Close("p");
  EXPECT_EQ(w.Take().str(), "<p class=\"x&quot;y\">&lt;b&gt;bold&lt;/b&gt; &amp; co</p>");
}

TEST(HtmlWriter, RefusesUnsafeUrlsInUrlAttributes) {
  HtmlWriter w;
  w.Element("a", {{"href", "javascript:alert(1)"}}, "x");
  w.Void("img", {{"src", "data:image/svg+xml,<svg onload=alert(1)>"}, {"alt", "a"}});
  w.Element("a", {{"href", "/leg-cramps/?a=1&b=2"}}, "ok");
  EXPECT_EQ(w.Take().str(),
            "<a href=\"\">x</a><img src=\"\" alt=\"a\">"
            "<a href=\"/leg-cramps/?a=1&amp;b=2\">ok</a>");
}

TEST(HtmlWriter, OmitsAbsentAttributesAndAppendsFragments) {
  HtmlWriter inner;
  inner.Element("em", "hi");
  HtmlWriter w;
  w.Open("div", {{"id", "a"}, {"hidden", "hidden", false}}).Append(inner.Take()).Close("div");
  EXPECT_EQ(w.Take().str(), "<div id=\"a\"><em>hi</em></div>");
  EXPECT_TRUE(inner.Take().empty());
}

}  // namespace
}  // namespace evidoc::render
