// Meta-analysis: pooling, heterogeneity, prediction interval, small-study
// tests and sensitivity analyses, computing what R's metafor computes
// (rma.uni, rma.mh, rma.peto, confint, predict, regtest, trimfill,
// leave1out) to the same digits.
//
// Typical use:
//   Diagnostics diags;
//   StudyTable t = ReadStudyCsv(text, "trials.csv", diags);
//   auto data = ComputeEffectSizes(t, {.measure = Measure::kRR}, diags);
//   if (!data) { /* print diags */ }
//   auto result = Pool(*data, {.method = Method::kREML}, diags);
//
// Every number in a result is finite: a quantity that metafor reports as NA
// (a prediction interval for a common-effect model, tau2 CI with k = 1, ...)
// is an empty std::optional here. Pure functions, no I/O, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "evidence/effect_size.h"

namespace evidoc::evidence {

// EE = common (equal) effect by inverse variance; "FE" parses to EE.
enum class Method { kEE, kMH, kPeto, kDL, kREML, kML, kPM, kHS, kSJ, kHE, kEB };
std::string_view MethodName(Method m);                // "EE", "MH", "PETO", "DL", ...
std::optional<Method> ParseMethod(std::string_view);  // case-insensitive; "FE" -> kEE
bool IsRandomEffects(Method m);                       // DL, REML, ML, PM, HS, SJ, HE, EB

enum class Test { kZ, kKnha };  // knha: Hartung-Knapp(-Sidik-Jonkman), t with k-p df
std::string_view TestName(Test t);
std::optional<Test> ParseTest(std::string_view);

struct PoolingOptions {
  Method method = Method::kREML;  // default as rma()
  Test test = Test::kZ;
  double level = 95;  // confidence level in percent, 0 < level < 100
  // Fisher scoring (REML, ML, EB) stops, as metafor's, when tau2 changes by
  // less than `threshold`, after at most `max_iter` steps; the defaults are
  // metafor's, so results agree with its to the last digit. Where metafor's
  // algorithm fails (no convergence, a likelihood maximum it misses) we
  // fall back to a bracketed search of the likelihood instead of failing.
  int max_iter = 100;
  double threshold = 1e-5;
  bool egger = true;      // compute Egger's test when k >= 3 (not for MH/Peto)
  bool trimfill = true;   // compute trim-and-fill when k >= 3 (not for MH/Peto)
  bool leave1out = true;  // compute leave-one-out when k >= 2
};

struct StudyResult {
  std::string study;
  double yi = 0, vi = 0;
  double weight = 0;            // percent of the total weight, as weights(res)
  double ci_lb = 0, ci_ub = 0;  // yi -/+ z * sqrt(vi) (normal, as metafor's forest)
  bool included = true;         // false: no yi (double zero with drop00), MH/Peto only
};

struct EggerTest {       // regtest(res) default: model "rma", predictor "sei"
  double statistic = 0;  // z (or t with knha)
  double pval = 0;
  std::optional<double> df;   // t df with knha
  double limit_estimate = 0;  // intercept: the estimate as se -> 0
};

struct TrimFill {    // trimfill(res) default: estimator L0, side chosen as metafor
  int k0 = 0;        // number of filled studies
  std::string side;  // "left" | "right": side where studies were filled
  double estimate = 0, se = 0, ci_lb = 0, ci_ub = 0;
  double tau2 = 0;
  std::vector<double> filled_yi, filled_vi;  // the imputed studies
};

struct LeaveOneOut {
  std::string omitted;
  double estimate = 0, se = 0, ci_lb = 0, ci_ub = 0, pval = 0;
  double q = 0, q_pval = 0;
  double tau2 = 0;
  double i2 = 0;  // percent
};

struct MetaAnalysisResult {
  Measure measure = Measure::kGEN;
  Method method = Method::kREML;
  Test test = Test::kZ;
  double level = 95;
  int k = 0;  // studies in the fit

  double estimate = 0;  // log scale for ratio measures
  double se = 0;
  double statistic = 0;      // z, or t with knha
  std::optional<double> df;  // t df with knha (k - 1)
  double pval = 0;
  double ci_lb = 0, ci_ub = 0;
  std::optional<double> pi_lb, pi_ub;  // predict(): only for random-effects models (k >= 1)

  double tau2 = 0, tau = 0;
  std::optional<double> tau2_ci_lb, tau2_ci_ub;  // Q-profile (confint), random effects, k >= 2
  std::optional<double> tau_ci_lb, tau_ci_ub;
  double i2 = 0;  // percent
  std::optional<double> i2_ci_lb, i2_ci_ub;
  double h2 = 1;
  std::optional<double> h2_ci_lb, h2_ci_ub;
  double q = 0;
  int q_df = 0;
  double q_pval = 1;  // 1 when q_df == 0
  std::optional<double> mh_cmh,
      mh_cmh_pval;  // MH with OR: Cochran-Mantel-Haenszel test (may be absent)

  std::vector<StudyResult> studies;  // input order

  std::optional<EggerTest> egger;
  std::optional<TrimFill> trimfill;
  std::vector<LeaveOneOut> leave1out;
  std::vector<std::string> notes;  // e.g. "tau2 estimate truncated at zero"
};

// Pools the studies. Errors (reported to `diags`, returns nullopt): no study
// with a usable yi, a method that does not fit the measure (MH needs RR, OR or
// RD from 2x2 counts; Peto needs 2x2 counts and reports the Peto log odds
// ratio), level outside (0,100). With k = 1, random-effects methods give
// tau2 = 0 and no tau2 CI, as metafor.
std::optional<MetaAnalysisResult> Pool(const EffectData& data, const PoolingOptions& options,
                                       Diagnostics& diags);

// Inverse-variance pooling of bare yi/vi (generic; studies are labelled
// "Study N"), for tests and benchmarks. REQUIRES: yi.size() == vi.size() >= 1,
// every yi finite, every vi > 0 and finite. Never fails; MH and Peto fall back
// to EE (no counts) and a level outside (0,100) to 95. Egger, trim-and-fill
// and leave-one-out are computed as the options say (by default, all).
MetaAnalysisResult PoolGeneric(const std::vector<double>& yi, const std::vector<double>& vi,
                               const PoolingOptions& options);

struct SubgroupAnalysis {
  std::string column;
  std::vector<std::pair<std::string, MetaAnalysisResult>> groups;  // first-appearance order
  // Test for subgroup differences: Q of the subgroup estimates under a common
  // effect (as rma(estimates, sei = ses, method = "EE") in metafor), df = groups - 1.
  double q_between = 0;
  int df_between = 0;
  double pval_between = 1;
};

// Pools each level of `column` separately and tests the differences. Levels
// with errors are reported to diags. nullopt if the column is missing or
// fewer than two levels could be pooled.
std::optional<SubgroupAnalysis> PoolSubgroups(const StudyTable& table, std::string_view column,
                                              const EffectSizeOptions& es_options,
                                              const PoolingOptions& options, Diagnostics& diags);

}  // namespace evidoc::evidence
