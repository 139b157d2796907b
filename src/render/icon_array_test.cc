#include "render/icon_array.h"

#include <gtest/gtest.h>

#include <regex>

namespace evidoc::render {
namespace {

// The rectangles (x, y, w, h, pattern) an array is drawn with.
std::vector<std::string> Rects(const std::string& svg) {
  std::vector<std::string> out;
  std::regex re(
      R"re(<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="url\(#[a-z0-9-]+-([au])\)"/>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    const auto& m = *it;
    out.push_back(m[1].str() + "," + m[2].str() + "," + m[3].str() + "," + m[4].str() + "," +
                  m[5].str());
  }
  return out;
}

// Area of the affected rectangles in figures (16 x 20 px each).
int AffectedFigures(const std::string& svg) {
  int n = 0;
  for (const auto& r : Rects(svg)) {
    int x, y, w, h;
    char p;
    std::sscanf(r.c_str(), "%d,%d,%d,%d,%c", &x, &y, &w, &h, &p);
    if (p == 'a') n += (w / 16) * (h / 20);
  }
  return n;
}

TEST(IconArray, GeometryIsRowByRow) {
  const std::string svg = IconArraySvg({35, "x", "", "35 of 100", IconTone::kHarm});
  EXPECT_EQ(Rects(svg), (std::vector<std::string>{"0,0,160,60,a", "0,60,80,20,a", "80,60,80,20,u",
                                                  "0,80,160,120,u"}));
}

TEST(IconArray, EveryCountDrawsExactlyThatManyAffected) {
  for (int n = -5; n <= 105; ++n) {
    const std::string svg = IconArraySvg({n, "t", "", "", IconTone::kBenefit});
    EXPECT_EQ(AffectedFigures(svg), std::clamp(n, 0, 100)) << n;
  }
}

TEST(IconArray, HasSizeTextAlternativeAndPattern) {
  const std::string svg =
      IconArraySvg({3, "q-1", "", "About 3 <b>&</b> out of 100", IconTone::kHarm});
  EXPECT_NE(svg.find("width=\"160\" height=\"200\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"q-1-t\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"q-1-t\">About 3 &lt;b&gt;&amp;&lt;/b&gt; out of 100</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("patternTransform=\"rotate(45)\""), std::string::npos);  // stripes
  EXPECT_LT(svg.size(), 2000u);
  // Hostile ids cannot break out of attributes or url() references.
  const std::string evil = IconArraySvg({3, "\"><script>", "", "", IconTone::kHarm});
  EXPECT_EQ(evil.find("<script"), std::string::npos);
  EXPECT_NE(evil.find("id=\"script-t\""), std::string::npos);
}

TEST(IconArray, FigureHasVisibleCaption) {
  Html h = RenderIconArray({10, "a", "With <quinine>", "About 10 out of 100", IconTone::kBenefit});
  EXPECT_NE(h.str().find("<p class=\"icon-array-heading\">With &lt;quinine&gt;</p>"),
            std::string::npos);
  EXPECT_NE(h.str().find("<figcaption>About 10 out of 100</figcaption>"), std::string::npos);
}

}  // namespace
}  // namespace evidoc::render
