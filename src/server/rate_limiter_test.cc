#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace evidoc::server {
namespace {

TEST(RateLimiterTest, BurstThenRefill) {
  RateLimiter limiter(/*burst=*/3, /*per_minute=*/6);  // one token every 10 s
  auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_FALSE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("b", t0));  // per client
  EXPECT_FALSE(limiter.Allow("a", t0 + std::chrono::seconds(9)));
  EXPECT_TRUE(limiter.Allow("a", t0 + std::chrono::seconds(19)));
  EXPECT_FALSE(limiter.Allow("a", t0 + std::chrono::seconds(19)));
}

}  // namespace
}  // namespace evidoc::server
