// A calendar date (no time, no zone), as content front matter writes it:
// YYYY-MM-DD. Value type.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace evidoc {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..days in month

  auto operator<=>(const Date&) const = default;

  // Parses exactly "YYYY-MM-DD" with a real calendar day (leap years
  // included). Returns nullopt on anything else.
  static std::optional<Date> Parse(std::string_view text);

  // "YYYY-MM-DD".
  std::string ToIso() const;
  // "15 March 2024" (how NHS pages show review dates).
  std::string ToLong() const;
  // Days since 1970-01-01 (proleptic Gregorian), for comparisons and arithmetic.
  long DaysSinceEpoch() const;
  static Date FromDaysSinceEpoch(long days);
  Date AddMonths(int months) const;  // clamps the day to the month's end
};

}  // namespace evidoc
