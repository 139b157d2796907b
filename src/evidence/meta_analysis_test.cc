#include "evidence/meta_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace evidoc::evidence {
namespace {

PoolingOptions Opts(Method m, evidence::Test t = evidence::Test::kZ) {
  PoolingOptions o;
  o.method = m;
  o.test = t;
  return o;
}

// Hand-worked: yi = {0, 2}, vi = {1, 1}. Q = 2 (df 1), tr(P) = 2 - 2/2 = 1,
// so DL's tau2 = (2 - 1) / 1 = 1; weights 1/2 each; estimate 1, se 1;
// I2 = 100 * 1 / (1 + 1) = 50 with vt = (k - 1) / tr(P) = 1; H2 = 2.
TEST(Pool, DerSimonianLairdByHand) {
  MetaAnalysisResult r = PoolGeneric({0, 2}, {1, 1}, Opts(Method::kDL));
  EXPECT_DOUBLE_EQ(r.tau2, 1);
  EXPECT_DOUBLE_EQ(r.estimate, 1);
  EXPECT_DOUBLE_EQ(r.se, 1);
  EXPECT_DOUBLE_EQ(r.q, 2);
  EXPECT_DOUBLE_EQ(r.i2, 50);
  EXPECT_DOUBLE_EQ(r.h2, 2);
  EXPECT_NEAR(r.ci_lb, 1 - 1.959963984540054, 1e-12);
  // Prediction interval: 1 -/+ 1.96 * sqrt(se^2 + tau2) = 1 -/+ 1.96 * sqrt(2).
  ASSERT_TRUE(r.pi_lb);
  EXPECT_NEAR(*r.pi_lb, 1 - 1.959963984540054 * std::sqrt(2.0), 1e-12);
  // Q-profile: Q(tau2) = 2 / (1 + tau2) is below chi2(0.975, 1) = 5.02 at 0,
  // so the lower bound is 0; it stays above chi2(0.025, 1) = 0.00098 up to
  // metafor's search limit of 100, so the upper bound is that limit.
  EXPECT_DOUBLE_EQ(*r.tau2_ci_lb, 0);
  EXPECT_DOUBLE_EQ(*r.tau2_ci_ub, 100);
  EXPECT_EQ(r.notes, (std::vector<std::string>{
                         "upper bound of the tau2 confidence interval is above the search limit"}));
}

TEST(Pool, CommonEffectByHand) {
  MetaAnalysisResult r = PoolGeneric({0, 2}, {1, 1}, Opts(Method::kEE));
  EXPECT_DOUBLE_EQ(r.estimate, 1);
  EXPECT_DOUBLE_EQ(r.se, std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(r.statistic, 1 / std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(r.i2, 50);  // (Q - df) / Q
  EXPECT_FALSE(r.pi_lb);       // metafor prints no prediction interval for a common-effect model
  EXPECT_FALSE(r.tau2_ci_lb);
  EXPECT_DOUBLE_EQ(r.studies[0].weight, 50);
}

// With k = 1 metafor fits tau2 = 0, uses the z test and gives no tau2 CI.
TEST(Pool, SingleStudy) {
  MetaAnalysisResult r = PoolGeneric({0.3}, {0.04}, Opts(Method::kREML, evidence::Test::kKnha));
  EXPECT_EQ(r.k, 1);
  EXPECT_EQ(r.test, evidence::Test::kZ);
  EXPECT_DOUBLE_EQ(r.estimate, 0.3);
  EXPECT_DOUBLE_EQ(r.se, 0.2);
  EXPECT_DOUBLE_EQ(r.tau2, 0);
  EXPECT_DOUBLE_EQ(r.q_pval, 1);
  EXPECT_FALSE(r.tau2_ci_lb);
  EXPECT_TRUE(r.leave1out.empty());
  EXPECT_FALSE(r.egger);
  EXPECT_EQ(
      r.notes,
      (std::vector<std::string>{
          "with one study the Hartung-Knapp test is undefined; the z test is used (as metafor)"}));
}

// Hartung-Knapp with two studies: t with 1 df, s2w = Q_w / (k - 1).
TEST(Pool, KnappHartungTwoStudies) {
  MetaAnalysisResult r = PoolGeneric({0, 2}, {1, 1}, Opts(Method::kDL, evidence::Test::kKnha));
  // weights 1/2 each: RSS = 0.5 * 1 + 0.5 * 1 = 1, s2w = 1, se unchanged = 1.
  EXPECT_DOUBLE_EQ(r.se, 1);
  ASSERT_TRUE(r.df);
  EXPECT_EQ(*r.df, 1);
  EXPECT_NEAR(r.ci_ub, 1 + 12.706204736174707, 1e-9);  // qt(0.975, 1)
}

// metafor's Fisher scoring stops at tau2 = 0 here (the ML likelihood falls
// away from 0 first); metafor's own logLik() is -13.601 there and -9.267 at
// tau2 = 1.08425, which is where we must end up.
TEST(Pool, FindsInteriorMaximumMetaforMisses) {
  std::vector<double> yi = {1.87, 1.39, -2.16, 2.21, -0.99};
  std::vector<double> vi = {0.0041, 0.1442, 40.2716, 0.024, 0.4176};
  MetaAnalysisResult r = PoolGeneric(yi, vi, Opts(Method::kML));
  EXPECT_NEAR(r.tau2, 1.08425, 1e-4);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0],
            "the likelihood falls away from tau2 = 0 but peaks further on (metafor stops at 0); "
            "tau2 is the global "
            "maximum");
}

std::vector<double> RandomVector(std::mt19937& rng, size_t n, double lo, double hi) {
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> x(n);
  for (double& v : x) v = u(rng);
  return x;
}

// Permuting the studies changes nothing (every method).
TEST(PoolProperty, PermutationInvariance) {
  std::mt19937 rng(7);
  for (Method m : {Method::kEE, Method::kDL, Method::kREML, Method::kML, Method::kPM, Method::kHS,
                   Method::kSJ, Method::kHE, Method::kEB}) {
    for (int rep = 0; rep < 5; ++rep) {
      std::vector<double> yi = RandomVector(rng, 12, -1, 1), vi = RandomVector(rng, 12, 0.01, 0.3);
      MetaAnalysisResult a = PoolGeneric(yi, vi, Opts(m));
      std::vector<size_t> perm(yi.size());
      for (size_t i = 0; i < perm.size(); ++i) perm[i] = i;
      std::shuffle(perm.begin(), perm.end(), rng);
      std::vector<double> y2, v2;
      for (size_t i : perm) {
        y2.push_back(yi[i]);
        v2.push_back(vi[i]);
      }
      MetaAnalysisResult b = PoolGeneric(y2, v2, Opts(m));
      SCOPED_TRACE(std::string(MethodName(m)));
      EXPECT_NEAR(a.estimate, b.estimate, 1e-9);
      EXPECT_NEAR(a.se, b.se, 1e-9);
      EXPECT_NEAR(a.tau2, b.tau2, 1e-7);
      EXPECT_NEAR(a.q, b.q, 1e-9);
      EXPECT_NEAR(a.i2, b.i2, 1e-6);
      EXPECT_NEAR(a.tau2_ci_ub.value_or(-1), b.tau2_ci_ub.value_or(-1), 1e-6);
      EXPECT_NEAR(a.egger->statistic, b.egger->statistic, 1e-6);
      EXPECT_EQ(a.trimfill->k0, b.trimfill->k0);
    }
  }
}

// Duplicating every study halves the variance of the common-effect estimate
// (and leaves the estimate unchanged).
TEST(PoolProperty, DuplicatingHalvesCommonEffectVariance) {
  std::mt19937 rng(11);
  for (int rep = 0; rep < 20; ++rep) {
    std::vector<double> yi = RandomVector(rng, 3 + rep, -2, 2),
                        vi = RandomVector(rng, 3 + rep, 0.01, 1);
    MetaAnalysisResult a = PoolGeneric(yi, vi, Opts(Method::kEE));
    std::vector<double> y2 = yi, v2 = vi;
    y2.insert(y2.end(), yi.begin(), yi.end());
    v2.insert(v2.end(), vi.begin(), vi.end());
    MetaAnalysisResult b = PoolGeneric(y2, v2, Opts(Method::kEE));
    EXPECT_NEAR(b.se * b.se, a.se * a.se / 2, 1e-12 * a.se * a.se);
    EXPECT_NEAR(b.estimate, a.estimate, 1e-12);
  }
}

// Nothing in a result is ever NaN or infinite, even for degenerate data.
TEST(PoolProperty, AlwaysFinite) {
  std::vector<std::pair<std::vector<double>, std::vector<double>>> cases = {
      {{1, 1, 1}, {0.1, 0.1, 0.1}},          // identical studies: Q = 0
      {{0, 0}, {1e-12, 1e12}},               // extreme variance ratio
      {{-50, 50, 0}, {1e-6, 1e-6, 1e-6}},    // extreme heterogeneity
      {{0.2, 0.3, 0.1, 0.5}, {1, 1, 1, 1}},  // equal variances: Egger is undefined
  };
  for (const auto& [yi, vi] : cases) {
    for (Method m : {Method::kEE, Method::kDL, Method::kREML, Method::kML, Method::kPM, Method::kHS,
                     Method::kSJ, Method::kHE, Method::kEB}) {
      for (evidence::Test t : {evidence::Test::kZ, evidence::Test::kKnha}) {
        MetaAnalysisResult r = PoolGeneric(yi, vi, Opts(m, t));
        SCOPED_TRACE(std::string(MethodName(m)) + " " + std::string(TestName(t)));
        for (double v : {r.estimate, r.se, r.statistic, r.pval, r.ci_lb, r.ci_ub, r.tau2, r.tau,
                         r.i2, r.h2, r.q, r.q_pval}) {
          EXPECT_TRUE(std::isfinite(v));
        }
        for (const auto& o :
             {r.pi_lb, r.pi_ub, r.tau2_ci_lb, r.tau2_ci_ub, r.i2_ci_lb, r.i2_ci_ub}) {
          if (o) {
            EXPECT_TRUE(std::isfinite(*o));
          }
        }
        for (const StudyResult& s : r.studies) EXPECT_TRUE(std::isfinite(s.weight));
        for (const LeaveOneOut& l : r.leave1out)
          EXPECT_TRUE(std::isfinite(l.estimate) && std::isfinite(l.ci_lb));
      }
    }
  }
}

TEST(Pool, MethodErrors) {
  EffectData data;
  data.measure = Measure::kMD;
  Study s;
  s.label = "A";
  s.yi = 1;
  s.vi = 0.1;
  data.studies.push_back(s);
  Diagnostics d;
  EXPECT_FALSE(Pool(data, Opts(Method::kMH), d));
  EXPECT_EQ(
      FormatDiagnostic(d.items().at(0)),
      "error: Mantel-Haenszel pooling needs 2x2 counts (columns ai,bi,ci,di or ai,n1i,ci,n2i)");
  Diagnostics d2;
  PoolingOptions o;
  o.level = 100;
  EXPECT_FALSE(Pool(data, o, d2));
  EXPECT_EQ(FormatDiagnostic(d2.items().at(0)),
            "error: --level must be between 0 and 100 (exclusive)");
}

TEST(PoolSubgroups, TestForSubgroupDifferences) {
  Diagnostics d;
  StudyTable t = ReadStudyCsv("g,yi,vi\na,0,1\na,0,1\nb,2,1\nb,2,1\n", "s.csv", d);
  auto s = PoolSubgroups(t, "g", {}, Opts(Method::kEE), d);
  ASSERT_TRUE(s) << (d.empty() ? "" : FormatDiagnostic(d.items()[0]));
  ASSERT_EQ(s->groups.size(), 2u);
  // Each group: estimate 0 or 2 with variance 1/2; Q = (0-1)^2 * 2 + (2-1)^2 * 2 = 4 on 1 df.
  EXPECT_DOUBLE_EQ(s->q_between, 4);
  EXPECT_EQ(s->df_between, 1);
  EXPECT_NEAR(s->pval_between, 0.04550026389635842, 1e-12);
}

TEST(Names, RoundTrip) {
  EXPECT_EQ(ParseMethod("fe"), Method::kEE);
  EXPECT_EQ(ParseMethod("Peto"), Method::kPeto);
  EXPECT_FALSE(ParseMethod("GLMM"));
  EXPECT_EQ(ParseTest("knha"), evidence::Test::kKnha);
  EXPECT_EQ(MethodName(Method::kPeto), "PETO");
  EXPECT_TRUE(IsRandomEffects(Method::kSJ));
  EXPECT_FALSE(IsRandomEffects(Method::kMH));
}

}  // namespace
}  // namespace evidoc::evidence
