#include "content/image_size.h"

#include <gtest/gtest.h>

#include <string>

namespace evidoc::content {
namespace {

std::string Png(unsigned w, unsigned h) {
  std::string s("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (unsigned v : {w, h}) {
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
  }
  return s + std::string("\x08\x02\0\0\0", 5);
}

TEST(ReadImageSize, Png) {
  auto s = ReadImageSize(Png(640, 360));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->width, 640);
  EXPECT_EQ(s->height, 360);
  EXPECT_FALSE(ReadImageSize(Png(0, 10)));
  EXPECT_FALSE(ReadImageSize(Png(1u << 31, 10)));
  EXPECT_FALSE(ReadImageSize(Png(640, 360).substr(0, 20)));  // truncated
}

TEST(ReadImageSize, Svg) {
  auto a =
      ReadImageSize(R"(<?xml version="1.0"?><svg width="640" height='360px' viewBox="0 0 1 1">)");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->width, 640);
  EXPECT_EQ(a->height, 360);
  auto b = ReadImageSize("<svg xmlns=\"http://www.w3.org/2000/svg\"\n viewBox=\"0,0 320.4 200\">");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->width, 320);
  EXPECT_EQ(b->height, 200);
  // Relative units fall back to the viewBox; without one there is no size.
  auto c = ReadImageSize(R"(<svg width="100%" height="50%" viewBox="0 0 40 30">)");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->width, 40);
  EXPECT_FALSE(ReadImageSize(R"(<svg width="10em" height="5em">)"));
  EXPECT_FALSE(ReadImageSize(R"(<svg stroke-width="3" data-height="4">)"));
  EXPECT_FALSE(ReadImageSize("<svg viewBox=\"0 0 x"));
  EXPECT_FALSE(ReadImageSize("GIF89a"));
  EXPECT_FALSE(ReadImageSize(""));
}

}  // namespace
}  // namespace evidoc::content
