#include "server/static_files.h"

#include <gtest/gtest.h>

namespace evidoc::server {
namespace {

TEST(GzipTest, RoundTrips) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Leg cramps are common at night. ";
  std::string z = GzipCompress(text);
  ASSERT_FALSE(z.empty());
  EXPECT_LT(z.size(), text.size() / 10);
  EXPECT_EQ(static_cast<unsigned char>(z[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(z[1]), 0x8b);
  EXPECT_EQ(GzipDecompress(z), text);
  EXPECT_EQ(GzipDecompress("not gzip"), "");
}

TEST(EtagTest, IsAQuotedFnv1aHash) {
  // FNV-1a 64 of "" is the offset basis; of "a" is af63dc4c8601ec8c (published test vector).
  EXPECT_EQ(MakeEtag(""), "\"cbf29ce484222325\"");
  EXPECT_EQ(MakeEtag("a"), "\"af63dc4c8601ec8c\"");
  EXPECT_EQ(MakeEtag("a", "-gz"), "\"af63dc4c8601ec8c-gz\"");
}

TEST(EtagTest, IfNoneMatch) {
  EXPECT_TRUE(EtagMatches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("*", "\"abc\""));
  EXPECT_FALSE(EtagMatches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(EtagMatches("", "\"abc\""));
  EXPECT_FALSE(EtagMatches("abc", "\"abc\""));
}

TEST(AcceptEncodingTest, Gzip) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("gzipx"));
}

TEST(PrepareStaticFilesTest, CompressesTextOnlyWhenWorthIt) {
  std::string page(2000, 'x');
  std::vector<site::SiteFile> files = {
      {"leg-cramps/index.html", "text/html; charset=utf-8", page},
      {"tiny.json", "application/json", "{}"},
      {"images/a.png", "image/png", std::string(2000, 'y')},
      {"assets/site.css", "text/css", std::string(1000, 'z')},
  };
  auto m = PrepareStaticFiles(files);
  ASSERT_EQ(m.size(), 4u);
  const StaticFile& html = m.at("leg-cramps/index.html");
  EXPECT_EQ(GzipDecompress(html.gzip), page);
  EXPECT_EQ(html.etag, MakeEtag(page));
  EXPECT_EQ(html.etag_gzip, MakeEtag(page, "-gz"));
  EXPECT_EQ(html.cache_control, "no-cache");
  EXPECT_TRUE(m.at("tiny.json").gzip.empty());
  EXPECT_TRUE(m.at("images/a.png").gzip.empty());
  EXPECT_EQ(m.at("images/a.png").cache_control, "public, max-age=86400");
  EXPECT_FALSE(m.at("assets/site.css").gzip.empty());
}

}  // namespace
}  // namespace evidoc::server
