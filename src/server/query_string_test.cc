#include "server/query_string.h"

#include <gtest/gtest.h>

namespace evidoc::server {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndPlus) {
  EXPECT_EQ(PercentDecode("charley%20horse", false), "charley horse");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("%C3%A9", false), "\xC3\xA9");
  EXPECT_EQ(PercentDecode("%2e%2E", false), "..");
}

TEST(PercentDecodeTest, RefusesMalformedEscapesAndNul) {
  for (const char* bad : {"%", "%4", "%zz", "a%0", "%00", "x%g1"}) {
    EXPECT_EQ(PercentDecode(bad, true), std::nullopt) << bad;
  }
  EXPECT_EQ(PercentDecode(std::string_view("a\0b", 3), true), std::nullopt);
}

TEST(QueryParamsTest, ParsesInOrderAndKeepsFirst) {
  QueryParams p("q=leg+cramps&x=1&q=second&flag&=empty&bad=%zz");
  EXPECT_EQ(p.Get("q"), "leg cramps");
  EXPECT_EQ(p.Get("x"), "1");
  EXPECT_EQ(p.Get("flag"), "");
  EXPECT_EQ(p.Get("bad"), std::nullopt);  // malformed values are dropped
  EXPECT_EQ(p.Get("missing"), std::nullopt);
  EXPECT_EQ(p.GetOr("missing", "d"), "d");
  ASSERT_EQ(p.items().size(), 5u);
  EXPECT_EQ(p.items()[2].second, "second");
}

TEST(QueryParamsTest, BoundsTheNumberOfParameters) {
  std::string q;
  for (int i = 0; i < 1000; ++i) q += "a" + std::to_string(i) + "=1&";
  QueryParams p(q);
  EXPECT_EQ(p.items().size(), kMaxQueryParams);
  EXPECT_TRUE(p.truncated());
  QueryParams amps(std::string(100000, '&'));
  EXPECT_TRUE(amps.items().empty());
}

TEST(SitePathForTest, MapsUrlsToFiles) {
  struct Case {
    const char* url;
    const char* file;
  } cases[] = {
      {"/", "index.html"},
      {"/leg-cramps/", "leg-cramps/index.html"},
      {"/assets/site.css", "assets/site.css"},
      {"/api/v1/articles.json", "api/v1/articles.json"},
      {"/leg%2Dcramps/", "leg-cramps/index.html"},
      {"/leg-cramps", "leg-cramps"},
  };
  for (const auto& c : cases) EXPECT_EQ(SitePathFor(c.url), c.file) << c.url;
}

TEST(SitePathForTest, NothingEscapesTheSite) {
  for (const char* bad :
       {"", "x", "/..", "/../etc/passwd", "/a/../b", "/%2e%2e/etc/passwd", "/%2E%2E/", "/a/%2e/b",
        "/./a", "/a//b", "//etc/passwd", "/a%00b", "/a%5c..%5cb", "/a\\b", "/%0d%0aSet-Cookie:x",
        "/a/%2e%2e%2f%2e%2e%2fetc"}) {
    EXPECT_EQ(SitePathFor(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace evidoc::server
