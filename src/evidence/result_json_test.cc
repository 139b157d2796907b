#include "evidence/result_json.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <tuple>

namespace evidoc::evidence {
namespace {

std::string Shortest(double v) {
  char buf[kMaxShortestDouble];
  return std::string(buf, WriteShortestDouble(buf, v));
}

std::string ToChars(double v) {
  char buf[64];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

TEST(WriteShortestDouble, HandPickedLayouts) {
  // Fixed or scientific, whichever is shorter; fixed on a tie.
  EXPECT_EQ(Shortest(0.25), "0.25");
  EXPECT_EQ(Shortest(-0.0001), "-1e-04");   // shorter than "-0.0001"
  EXPECT_EQ(Shortest(0.00012), "0.00012");  // "1.2e-04" is as long: fixed wins the tie
  EXPECT_EQ(Shortest(1e-05), "1e-05");
  EXPECT_EQ(Shortest(123.456), "123.456");
  EXPECT_EQ(Shortest(100000), "1e+05");
  EXPECT_EQ(Shortest(12000), "12000");
  EXPECT_EQ(Shortest(1.5e300), "1.5e+300");
  EXPECT_EQ(Shortest(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Shortest(5e-324), "5e-324");
  EXPECT_EQ(Shortest(0.0), "0");
  EXPECT_EQ(Shortest(std::ldexp(1.0, 60)), "1152921504606846976");  // the exact integer
  for (double v : {0.25, -0.0001, 0.00012, 1e-05, 123.456, 100000.0, 12000.0, 1.5e300, 5e-324,
                   std::ldexp(1.0, 60)})
    EXPECT_EQ(Shortest(v), ToChars(v));  // and these are what std::to_chars writes
}

// The point of the function: the same bytes as std::to_chars, faster. Random
// bit patterns cover every exponent; the rest are the kind of numbers a
// meta-analysis prints, and the edges (powers of ten and their neighbours).
TEST(WriteShortestDouble, SameAsToCharsOnMillionsOfDoubles) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> u(-3, 3);
  size_t checked = 0, mismatches = 0;
  std::string first_mismatch;
  auto check = [&](double v) {
    if (!std::isfinite(v)) return;
    ++checked;
    std::string a = Shortest(v), b = ToChars(v);
    if (a != b && mismatches++ == 0) first_mismatch = b + " written as " + a;
  };
  for (int i = 0; i < 1000000; ++i) {
    uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    check(v);
  }
  for (int i = 0; i < 300000; ++i) {
    double v = u(rng);
    check(v);
    check(std::exp(v * 10));
    check(v * 1e-7);
    check(std::round(v * 1e6) / 1e6);
    check(std::round(v * 1e4));
  }
  for (int e = -325; e <= 309; ++e) {
    for (int m = 1; m < 100; ++m) {
      double v = m * std::pow(10.0, e);
      check(v);
      check(std::nextafter(v, 0.0));
      check(std::nextafter(v, 1e308));
    }
  }
  for (int e = -1074; e <= 1023; ++e) check(std::ldexp(1.0, e));
  check(std::numeric_limits<double>::max());
  check(std::numeric_limits<double>::min());
  check(std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(mismatches, 0u) << first_mismatch;
  EXPECT_GT(checked, 2500000u);
}

TEST(JsonWriter, NumbersNullsAndEscapes) {
  std::string out;
  {
    JsonWriter j(out);
    j.BeginObject();
    j.Field("a", 0.1);
    j.Field("neg_zero", -0.0);
    j.Field("nan", std::nan(""));
    j.Field("none", std::optional<double>());
    j.Field("s", "q\"\\\n\x01");
    j.Pair("p", 1.0, std::nullopt);
    j.Pair("q", 1e-7, 2.5);
    j.Key("i");
    j.Int(-42);
    j.EndObject();
  }
  EXPECT_EQ(out,
            "{\"a\":0.1,\"neg_zero\":0,\"nan\":null,\"none\":null,\"s\":\"q\\\"\\\\\\n\\u0001\","
            "\"p\":null,\"q\":[1e-07,2.5],\"i\":-42}");
}

// One line of `analyse --each --format json`: the name (escaped) first, then
// exactly the fields WriteResultFields writes, one newline; appended to
// what `out` already holds.
TEST(AppendJsonLine, NameThenResultFieldsThenNewline) {
  EffectData data;
  for (auto [label, yi, vi] : {std::tuple{"A", 0.1, 0.01}, {"B", 0.3, 0.02}, {"C", 0.2, 0.04}}) {
    Study s;
    s.label = label;
    s.yi = yi;
    s.vi = vi;
    data.studies.push_back(s);
  }
  PoolingOptions o;
  o.method = Method::kEE;
  Diagnostics d;
  std::optional<MetaAnalysisResult> r = Pool(data, o, d);
  ASSERT_TRUE(r);
  std::string fields;
  {
    JsonWriter j(fields);
    WriteResultFields(j, *r);
  }
  ASSERT_EQ(fields.substr(0, 21), "\"k\":3,\"measure\":\"GEN\"");
  std::string out = "before\n";
  AppendJsonLine("a\"b", *r, out);
  EXPECT_EQ(out, "before\n{\"analysis\":\"a\\\"b\"," + fields + "}\n");
}

}  // namespace
}  // namespace evidoc::evidence
