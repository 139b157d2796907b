#include "common/date.h"

#include <gtest/gtest.h>

namespace evidoc {
namespace {

TEST(DateTest, ParsesRealCalendarDaysOnly) {
  EXPECT_EQ(Date::Parse("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(Date::Parse("2023-02-29"), std::nullopt);
  EXPECT_EQ(Date::Parse("1900-02-29"), std::nullopt);
  EXPECT_EQ(Date::Parse("2000-02-29"), (Date{2000, 2, 29}));
  EXPECT_EQ(Date::Parse("2024-13-01"), std::nullopt);
  EXPECT_EQ(Date::Parse("2024-1-01"), std::nullopt);
  EXPECT_EQ(Date::Parse("2024-01-01x"), std::nullopt);
  EXPECT_EQ(Date::Parse("20a4-01-01"), std::nullopt);
}

TEST(DateTest, FormatsIsoAndLong) {
  EXPECT_EQ((Date{2021, 3, 15}).ToIso(), "2021-03-15");
  EXPECT_EQ((Date{2021, 3, 15}).ToLong(), "15 March 2021");
}

TEST(DateTest, EpochDaysRoundTrip) {
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{2000, 3, 1}).DaysSinceEpoch(), 11017);  // known value
  for (long z = -800000; z < 800000; z += 997) {
    EXPECT_EQ(Date::FromDaysSinceEpoch(z).DaysSinceEpoch(), z);
  }
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ((Date{2024, 1, 31}).AddMonths(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2024, 11, 15}).AddMonths(36), (Date{2027, 11, 15}));
  EXPECT_EQ((Date{2024, 3, 15}).AddMonths(-3), (Date{2023, 12, 15}));
}

}  // namespace
}  // namespace evidoc
