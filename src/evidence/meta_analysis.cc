#include "evidence/meta_analysis.h"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/tools/minima.hpp>
#include <cfloat>
#include <cmath>
#include <map>
#include <numeric>
#include <span>

namespace evidoc::evidence {

namespace {

namespace bm = boost::math;
// Distribution functions never throw (user data reach them); promote_double
// is off because double precision already agrees with R's nmath to ~1e-15.
using Pol = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                 bm::policies::overflow_error<bm::policies::ignore_error>,
                                 bm::policies::evaluation_error<bm::policies::ignore_error>,
                                 bm::policies::pole_error<bm::policies::ignore_error>,
                                 bm::policies::promote_double<false>>;

// Quantiles are costly (an inverse incomplete gamma or beta) and a batch asks
// for the same few (df, level) pairs again and again, so they are memoised
// per thread; the cache is small and bounded.
template <class F>
double Memo(int kind, double df, double p, F compute) {
  struct Entry {
    int kind;
    double df, p, value;
  };
  thread_local std::vector<Entry> cache;
  for (const Entry& e : cache)
    if (e.kind == kind && e.df == df && e.p == p) return e.value;
  double value = compute();
  if (cache.size() >= 512) cache.clear();
  cache.push_back({kind, df, p, value});
  return value;
}

double QnormUpper(double p) {
  return Memo(0, 0, p, [&] {
    return bm::quantile(bm::complement(bm::normal_distribution<double, Pol>(), p));
  });
}
double PnormUpper(double z) {
  return bm::cdf(bm::complement(bm::normal_distribution<double, Pol>(), z));
}
double QtUpper(double p, double df) {
  return Memo(1, df, p, [&] {
    return bm::quantile(bm::complement(bm::students_t_distribution<double, Pol>(df), p));
  });
}
double PtUpper(double t, double df) {
  return bm::cdf(bm::complement(bm::students_t_distribution<double, Pol>(df), t));
}
double PchisqUpper(double x, double df) {
  if (x <= 0) return 1;
  return bm::cdf(bm::complement(bm::chi_squared_distribution<double, Pol>(df), x));
}
double QchisqUpper(double p, double df) {
  return Memo(2, df, p, [&] {
    return bm::quantile(bm::complement(bm::chi_squared_distribution<double, Pol>(df), p));
  });
}
double QchisqLower(double p, double df) {
  return Memo(3, df, p,
              [&] { return bm::quantile(bm::chi_squared_distribution<double, Pol>(df), p); });
}

// R's uniroot() default tolerance, used by metafor for PM and the Q-profile.
const double kUnirootTol = std::pow(DBL_EPSILON, 0.25);

struct Root {
  double x = 0;
  bool converged = false;
};

// Brent's zero finder in the form of Forsythe, Malcolm and Moler (1977),
// "zeroin": bisection safeguarded by linear or inverse quadratic
// interpolation. metafor finds PM and Q-profile roots with R's uniroot(),
// which runs this algorithm with a loose tolerance (about 1.2e-4), so the
// root it reports depends on the exact sequence of steps; running the same
// algorithm with the same tolerance gives the same digits.
// REQUIRES: fa = f(a), fb = f(b) of opposite signs (or one zero).
template <class F>
Root Zeroin(F&& f, double a, double b, double fa, double fb, double tol, int max_iter) {
  if (fa == 0) return {a, true};
  if (fb == 0) return {b, true};
  double c = a, fc = fa;
  for (int it = 0; it <= max_iter; ++it) {
    double prev_step = b - a;
    if (std::fabs(fc) < std::fabs(fb)) {  // b must be the best guess
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    double tol_act = 2 * DBL_EPSILON * std::fabs(b) + tol / 2;
    double new_step = (c - b) / 2;
    if (std::fabs(new_step) <= tol_act || fb == 0) return {b, true};
    if (std::fabs(prev_step) >= tol_act && std::fabs(fa) > std::fabs(fb)) {
      double p, q;
      double cb = c - b;
      if (a == c) {  // two points: secant
        double t1 = fb / fa;
        p = cb * t1;
        q = 1.0 - t1;
      } else {  // three points: inverse quadratic interpolation
        double qq = fa / fc, t1 = fb / fc, t2 = fb / fa;
        p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1.0));
        q = (qq - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0) {
        q = -q;
      } else {
        p = -p;
      }
      if (p < (0.75 * cb * q - std::fabs(tol_act * q) / 2) && p < std::fabs(prev_step * q / 2))
        new_step = p / q;
    }
    if (std::fabs(new_step) < tol_act) new_step = new_step > 0 ? tol_act : -tol_act;
    a = b;
    fa = fb;
    b += new_step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return {b, false};
}

double Median(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  size_t n = x.size();
  if (n == 0) return 0;
  return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

// R's mad(): 1.4826 * median(|x - median(x)|).
double Mad(const std::vector<double>& x) {
  double m = Median(x);
  std::vector<double> d(x.size());
  for (size_t i = 0; i < x.size(); ++i) d[i] = std::fabs(x[i] - m);
  return 1.4826 * Median(d);
}

// Small matrices (p <= 2 columns: intercept, and a moderator for Egger's
// test and trim-and-fill's side) live on the stack.
using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, 2, 2>;
using Vec = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, 2, 1>;

// A meta-regression design: yi, vi and an optional moderator column.
struct Design {
  std::span<const double> y, v;
  std::span<const double> x;  // empty: intercept only
  size_t k() const { return y.size(); }
  int p() const { return x.empty() ? 1 : 2; }
  double X(size_t i, int j) const { return j == 0 ? 1.0 : x[i]; }
};

// Weighted least squares with weights w, and the traces of the projection
// P = W - W X (X'WX)^-1 X'W that the tau2 estimators need. Everything is
// O(k p^2): P itself (k x k) is never formed.
struct Wls {
  Vec b;
  Mat A;             // (X'WX)^-1
  double rss = 0;    // Y'PY = sum w e^2
  double ypp_y = 0;  // Y'PPY = sum w^2 e^2
  double sum_w = 0, sum_w2 = 0;
  double tr_p = 0, tr_pp = 0;
};

template <class WeightFn>
Wls ComputeWls(const Design& d, WeightFn weight) {
  const int p = d.p();
  const size_t k = d.k();
  if (p == 1) {
    // Intercept only (almost every fit): plain sums, no matrices.
    Wls out;
    double swy = 0, sw3 = 0;
    for (size_t i = 0; i < k; ++i) {
      double w = weight(i);
      out.sum_w += w;
      out.sum_w2 += w * w;
      sw3 += w * w * w;
      swy += w * d.y[i];
    }
    double b = swy / out.sum_w;
    for (size_t i = 0; i < k; ++i) {
      double w = weight(i);
      double e = d.y[i] - b;
      out.rss += w * e * e;
      out.ypp_y += w * w * e * e;
    }
    out.b = Vec::Constant(1, b);
    out.A = Mat::Constant(1, 1, 1 / out.sum_w);
    double r2 = out.sum_w2 / out.sum_w;
    out.tr_p = out.sum_w - r2;
    out.tr_pp = out.sum_w2 - 2 * sw3 / out.sum_w + r2 * r2;
    return out;
  }
  Mat M = Mat::Zero(p, p), G2 = Mat::Zero(p, p), G3 = Mat::Zero(p, p);
  Vec r = Vec::Zero(p);
  Wls out;
  for (size_t i = 0; i < k; ++i) {
    double w = weight(i);
    out.sum_w += w;
    out.sum_w2 += w * w;
    for (int a = 0; a < p; ++a) {
      r(a) += w * d.X(i, a) * d.y[i];
      for (int c = 0; c < p; ++c) {
        double xx = d.X(i, a) * d.X(i, c);
        M(a, c) += w * xx;
        G2(a, c) += w * w * xx;
        G3(a, c) += w * w * w * xx;
      }
    }
  }
  out.A = M.inverse();
  out.b = out.A * r;
  for (size_t i = 0; i < k; ++i) {
    double w = weight(i);
    double fit = out.b(0) + (p == 2 ? out.b(1) * d.x[i] : 0.0);
    double e = d.y[i] - fit;
    out.rss += w * e * e;
    out.ypp_y += w * w * e * e;
  }
  Mat AG2 = out.A * G2;
  out.tr_p = out.sum_w - AG2.trace();
  out.tr_pp = out.sum_w2 - 2 * (out.A * G3).trace() + (AG2 * AG2).trace();
  return out;
}

double Rss(const Design& d, double tau2) {
  return ComputeWls(d, [&](size_t i) { return 1 / (d.v[i] + tau2); }).rss;
}

// Log-likelihood (ML) or restricted log-likelihood (REML) at tau2, as metafor
// (without the constant REMLf term, which does not move the maximum).
double LogLik(const Design& d, double tau2, bool reml) {
  Wls f = ComputeWls(d, [&](size_t i) { return 1 / (d.v[i] + tau2); });
  double k = static_cast<double>(d.k());
  double sum_log = 0;
  for (double v : d.v) sum_log += std::log(v + tau2);
  if (!reml) return -0.5 * k * std::log(2 * M_PI) - 0.5 * sum_log - 0.5 * f.rss;
  double logdet = -std::log(f.A.determinant());  // log det(X'WX)
  return -0.5 * (k - d.p()) * std::log(2 * M_PI) - 0.5 * sum_log - 0.5 * logdet - 0.5 * f.rss;
}

// Upper end of metafor's search interval for tau2: max(100, 10 * mad(yi)^2).
double Tau2Max(const Design& d) {
  std::vector<double> y(d.y.begin(), d.y.end());
  double m = Mad(y);
  return std::max(100.0, 10 * m * m);
}

// The root of RSS(tau2) = target (Paule-Mandel, and EB's fallback), as
// metafor: 0 if RSS(0) < target, else uniroot on [0, tau2.max]. Where metafor
// gives up (RSS(tau2.max) still above target) we widen the bracket, since
// RSS decreases to 0 as tau2 grows.
double SolveRss(const Design& d, double target, std::vector<std::string>& notes) {
  auto f = [&](double t) { return Rss(d, t) - target; };
  double f0 = f(0);
  if (f0 < 0) return 0;
  double hi = Tau2Max(d);
  double fhi = f(hi);
  for (int i = 0; fhi > 0 && i < 200; ++i) {
    hi *= 2;
    fhi = f(hi);
    if (i == 0) notes.push_back("tau2 search widened beyond metafor's tau2.max");
  }
  return Zeroin(f, 0.0, hi, f0, fhi, kUnirootTol, 100).x;
}

// Maximises the (restricted) likelihood over tau2 >= 0 by a log-spaced grid
// and Brent's method in the best bracket: the fallback when Fisher scoring
// fails, and the check that it did not stop at a boundary or local maximum.
double MaximiseLogLik(const Design& d, bool reml, double hint) {
  double upper = std::max({Tau2Max(d), 10 * hint, 1.0});
  std::vector<double> grid = {0.0};
  for (int j = 40; j >= 0; --j) grid.push_back(upper * std::pow(10.0, -j / 4.0));
  size_t best = 0;
  double best_ll = -INFINITY;
  std::vector<double> ll(grid.size());
  for (size_t j = 0; j < grid.size(); ++j) {
    ll[j] = LogLik(d, grid[j], reml);
    if (ll[j] > best_ll) {
      best_ll = ll[j];
      best = j;
    }
  }
  double lo = grid[best == 0 ? 0 : best - 1];
  double hi = grid[std::min(best + 1, grid.size() - 1)];
  if (lo == hi) return grid[best];
  auto neg = [&](double t) { return -LogLik(d, t, reml); };
  boost::uintmax_t iters = 200;
  auto [t, fneg] = bm::tools::brent_find_minima(neg, lo, hi, 50, iters);
  return -fneg >= best_ll ? t : grid[best];
}

struct Tau2Estimate {
  double tau2 = 0;
  std::vector<std::string> notes;
};

// tau2 by the chosen estimator, step for step as metafor's rma.uni().
Tau2Estimate EstimateTau2(const Design& d, Method method, const PoolingOptions& o) {
  Tau2Estimate out;
  const double k = static_cast<double>(d.k());
  const double p = d.p();
  double tau2 = 0;
  switch (method) {
    case Method::kDL: {
      Wls f = ComputeWls(d, [&](size_t i) { return 1 / d.v[i]; });
      tau2 = (f.rss - (k - p)) / f.tr_p;
      break;
    }
    case Method::kHS: {
      Wls f = ComputeWls(d, [&](size_t i) { return 1 / d.v[i]; });
      tau2 = (f.rss - k) / f.sum_w;
      break;
    }
    case Method::kSJ: {
      double mean = std::accumulate(d.y.begin(), d.y.end(), 0.0) / k;
      double ss = 0;
      for (double y : d.y) ss += (y - mean) * (y - mean);
      double tau0 = ss / k;  // var(yi) * (k - 1) / k
      Wls f = ComputeWls(d, [&](size_t i) { return 1 / (d.v[i] + tau0); });
      tau2 = tau0 * f.rss / (k - p);
      break;
    }
    case Method::kPM:
      tau2 = SolveRss(d, k - p, out.notes);
      break;
    case Method::kHE:
    case Method::kML:
    case Method::kREML:
    case Method::kEB: {
      // Hedges' estimator from ordinary least squares; also the start of
      // Fisher scoring.
      Wls ols = ComputeWls(d, [](size_t) { return 1.0; });
      Mat XVX = Mat::Zero(d.p(), d.p());
      double sum_v = 0;
      for (size_t i = 0; i < d.k(); ++i) {
        sum_v += d.v[i];
        for (int a = 0; a < d.p(); ++a)
          for (int c = 0; c < d.p(); ++c) XVX(a, c) += d.v[i] * d.X(i, a) * d.X(i, c);
      }
      double tr_pv = sum_v - (ols.A * XVX).trace();
      tau2 = (ols.rss - tr_pv) / (k - p);
      if (method == Method::kHE) break;

      tau2 = std::max(0.0, tau2);
      bool converged = false;
      double change = o.threshold + 1;
      int iter = 0;
      while (change > o.threshold) {
        ++iter;
        double old = tau2;
        Wls f = ComputeWls(d, [&](size_t i) { return 1 / (d.v[i] + tau2); });
        double adj;
        if (method == Method::kML) {
          adj = (f.ypp_y - f.sum_w) / f.sum_w2;
        } else if (method == Method::kREML) {
          adj = (f.ypp_y - f.tr_p) / f.tr_pp;
        } else {
          adj = (f.rss * k / (k - p) - k) / f.sum_w;
        }
        if (!std::isfinite(adj)) adj = 0;
        // Step halving keeps tau2 >= 0 (metafor halves until it fits; from
        // tau2 = 0 a negative step halves to -0 and the iteration stops).
        if (tau2 == 0 && adj < 0) adj = 0;
        while (tau2 + adj < 0) adj /= 2;
        tau2 += adj;
        change = std::fabs(old - tau2);
        if (iter > o.max_iter) break;
      }
      converged = change <= o.threshold;
      if (method == Method::kEB) {
        if (!converged) {
          out.notes.push_back(
              "EB iteration did not converge; solved its estimating equation by root finding");
          tau2 = SolveRss(d, k - p, out.notes);
        }
        break;
      }
      bool reml = method == Method::kREML;
      if (!converged) {
        out.notes.push_back(
            "Fisher scoring did not converge (metafor stops here); tau2 found by bracketed "
            "likelihood "
            "maximisation");
        tau2 = MaximiseLogLik(d, reml, tau2);
        break;
      }
      // metafor's ll0check: prefer tau2 = 0 if its likelihood is higher.
      if (LogLik(d, 0, reml) - LogLik(d, tau2, reml) > kUnirootTol && tau2 > o.threshold) tau2 = 0;
      // A likelihood can be highest in the interior although its slope at
      // tau2 = 0 is negative, so Fisher scoring (and metafor) stops at 0.
      // Only then do we search the whole range: an interior answer keeps
      // metafor's digits, stopping rule and all, and stays cheap.
      if (tau2 == 0) {
        double ll0 = LogLik(d, 0, reml);
        double t = MaximiseLogLik(d, reml, 0);
        if (t > 0 && LogLik(d, t, reml) > ll0 + 1e-8 * (1 + std::fabs(ll0))) {
          out.notes.push_back(
              "the likelihood falls away from tau2 = 0 but peaks further on (metafor stops at 0); "
              "tau2 is "
              "the global maximum");
          tau2 = t;
        }
      }
      break;
    }
    default:
      break;
  }
  out.tau2 = std::max(0.0, tau2);
  return out;
}

// One rma.uni() fit: tau2, coefficients and heterogeneity statistics.
struct UniFit {
  double tau2 = 0;
  Vec b;
  Mat vb;
  Test test = Test::kZ;
  int ddf = 0;
  double crit = 0;
  double qe = 0, qe_p = 1, i2 = 0, h2 = 1, vt = 0;
  std::vector<std::string> notes;

  double Se(int j) const { return std::sqrt(std::max(0.0, vb(j, j))); }
  double Stat(int j) const {
    double se = Se(j);
    return se > 0 ? b(j) / se : 0.0;
  }
  double Pval(int j) const {
    double z = std::fabs(Stat(j));
    if (test == Test::kKnha) return ddf > 0 ? 2 * PtUpper(z, ddf) : 1.0;
    return 2 * PnormUpper(z);
  }
};

UniFit FitUni(const Design& d, Method method, Test test, double level, const PoolingOptions& o) {
  UniFit fit;
  const size_t k = d.k();
  const int p = d.p();
  if (k == 1) test = Test::kZ;  // as metafor: "Setting argument test="z" since k=1"
  fit.test = test;
  if (IsRandomEffects(method) && k > 1) {
    Tau2Estimate est = EstimateTau2(d, method, o);
    fit.tau2 = est.tau2;
    fit.notes = std::move(est.notes);
  }
  Wls f = ComputeWls(d, [&](size_t i) { return 1 / (d.v[i] + fit.tau2); });
  fit.b = f.b;
  fit.vb = f.A;
  if (test == Test::kKnha) {
    double s2w = f.rss <= DBL_EPSILON ? 0.0 : f.rss / static_cast<double>(k - p);
    fit.vb *= s2w;
    fit.ddf = static_cast<int>(k) - p;
  }
  double alpha = (100 - level) / 100;
  fit.crit = test == Test::kKnha ? (fit.ddf > 0 ? QtUpper(alpha / 2, fit.ddf) : 0.0)
                                 : QnormUpper(alpha / 2);

  if (static_cast<int>(k) > p) {
    Wls fe = ComputeWls(d, [&](size_t i) { return 1 / d.v[i]; });
    fit.qe = std::max(0.0, fe.rss);
    double df = static_cast<double>(k) - p;
    fit.qe_p = PchisqUpper(fit.qe, df);
    fit.vt = df / fe.tr_p;
    if (!IsRandomEffects(method)) {
      fit.i2 = fit.qe > 0 ? std::max(0.0, 100 * (fit.qe - df) / fit.qe) : 0.0;
      fit.h2 = fit.qe / df;
    } else {
      fit.i2 = 100 * fit.tau2 / (fit.vt + fit.tau2);
      fit.h2 = fit.tau2 / fit.vt + 1;
    }
  }
  return fit;
}

struct Interval {
  double lb = 0, ub = 0;
  std::vector<std::string> notes;
};

// Q-profile confidence interval for tau2, as confint.rma.uni (type "QP").
// REQUIRES: k >= 2, random-effects fit.
Interval QProfile(const Design& d, double tau2_hat, double level) {
  Interval out;
  const double df = static_cast<double>(d.k()) - d.p();
  const double alpha = (100 - level) / 100;
  const double tmin = std::min(0.0, tau2_hat);
  const double tmax = std::max({100.0, tau2_hat * 10, tmin * 10});
  const double crit_u = QchisqUpper(alpha / 2, df);
  const double crit_l = QchisqLower(alpha / 2, df);
  const double q_max = Rss(d, tmax), q_min = Rss(d, tmin);
  auto solve = [&](double objective) {
    auto f = [&](double t) { return Rss(d, t) - objective; };
    return Zeroin(f, tmin, tmax, q_min - objective, q_max - objective, kUnirootTol, 1000).x;
  };
  if (q_min < crit_l) {
    out.lb = out.ub = tmin;
  } else if (q_max > crit_l) {
    out.ub = tmax;
    out.notes.push_back("upper bound of the tau2 confidence interval is above the search limit");
  } else {
    out.ub = solve(crit_l);
  }
  if (q_max > crit_u) {
    out.lb = out.ub = tmax;
    out.notes.push_back("tau2 confidence interval lies above the search limit");
  } else if (q_min < crit_u) {
    out.lb = tmin;
  } else {
    out.lb = solve(crit_u);
  }
  return out;
}

// Fills the model part of a result from an intercept-only fit.
void FillFromFit(const Design& d, const UniFit& fit, Method method, double level,
                 MetaAnalysisResult& r) {
  r.k = static_cast<int>(d.k());
  r.test = fit.test;
  r.estimate = fit.b(0);
  r.se = fit.Se(0);
  r.statistic = fit.Stat(0);
  r.pval = fit.Pval(0);
  r.df = fit.test == Test::kKnha ? std::optional<double>(fit.ddf) : std::nullopt;
  r.ci_lb = r.estimate - fit.crit * r.se;
  r.ci_ub = r.estimate + fit.crit * r.se;
  r.tau2 = fit.tau2;
  r.tau = std::sqrt(fit.tau2);
  r.i2 = fit.i2;
  r.h2 = fit.h2;
  r.q = fit.qe;
  r.q_df = std::max(0, r.k - 1);
  r.q_pval = fit.qe_p;
  r.notes.insert(r.notes.end(), fit.notes.begin(), fit.notes.end());
  if (IsRandomEffects(method)) {
    // predict.rma(): the same critical value as the CI, widened by tau2.
    double s = std::sqrt(r.se * r.se + fit.tau2);
    r.pi_lb = r.estimate - fit.crit * s;
    r.pi_ub = r.estimate + fit.crit * s;
    if (d.k() >= 2) {
      Interval ci = QProfile(d, fit.tau2, level);
      r.tau2_ci_lb = ci.lb;
      r.tau2_ci_ub = ci.ub;
      r.tau_ci_lb = std::sqrt(std::max(0.0, ci.lb));
      r.tau_ci_ub = std::sqrt(std::max(0.0, ci.ub));
      if (fit.vt > 0) {
        r.i2_ci_lb = 100 * ci.lb / (fit.vt + ci.lb);
        r.i2_ci_ub = 100 * ci.ub / (fit.vt + ci.ub);
        r.h2_ci_lb = ci.lb / fit.vt + 1;
        r.h2_ci_ub = ci.ub / fit.vt + 1;
      }
      r.notes.insert(r.notes.end(), ci.notes.begin(), ci.notes.end());
    }
  }
}

std::optional<EggerTest> Egger(const std::vector<double>& y, const std::vector<double>& v,
                               Method method, Test test, double level, const PoolingOptions& o) {
  if (y.size() < 3) return std::nullopt;
  std::vector<double> sei(v.size());
  for (size_t i = 0; i < v.size(); ++i) sei[i] = std::sqrt(v[i]);
  // The moderator must vary, else the model is not of full rank.
  if (std::all_of(sei.begin(), sei.end(), [&](double s) { return s == sei[0]; }))
    return std::nullopt;
  Design d{y, v, sei};
  UniFit fit = FitUni(d, method, test, level, o);
  EggerTest e;
  e.statistic = fit.Stat(1);
  e.pval = fit.Pval(1);
  if (fit.test == Test::kKnha) e.df = fit.ddf;
  e.limit_estimate = fit.b(0);
  return e;
}

std::optional<TrimFill> TrimAndFill(const std::vector<double>& y, const std::vector<double>& v,
                                    Method method, Test test, double level,
                                    const PoolingOptions& o) {
  const size_t k = y.size();
  if (k < 3) return std::nullopt;
  TrimFill tf;
  // Side: where the missing studies are, from the sign of the slope of yi on
  // sqrt(vi) (metafor: a positive slope means studies are missing on the left).
  std::vector<double> sei(k);
  for (size_t i = 0; i < k; ++i) sei[i] = std::sqrt(v[i]);
  bool right = false;
  if (!std::all_of(sei.begin(), sei.end(), [&](double s) { return s == sei[0]; })) {
    UniFit side = FitUni(Design{y, v, sei}, method, Test::kZ, level, o);
    right = side.b(1) < 0;
  }
  tf.side = right ? "right" : "left";
  std::vector<size_t> ix(k);
  std::iota(ix.begin(), ix.end(), 0);
  std::vector<double> ys(k);
  for (size_t i = 0; i < k; ++i) ys[i] = right ? -y[i] : y[i];
  std::stable_sort(ix.begin(), ix.end(), [&](size_t a, size_t b) { return ys[a] < ys[b]; });
  std::vector<double> yy(k), vv(k);
  for (size_t i = 0; i < k; ++i) {
    yy[i] = ys[ix[i]];
    vv[i] = v[ix[i]];
  }
  int k0 = 0, k0_prev = -1, iter = 0;
  double beta = 0;
  std::vector<double> yc(k);
  while (k0 != k0_prev) {
    k0_prev = k0;
    if (++iter > 100) break;
    size_t kt = k - static_cast<size_t>(k0);
    std::span<const double> yt(yy.data(), kt), vt(vv.data(), kt);
    beta = FitUni(Design{yt, vt, {}}, method, Test::kZ, level, o).b(0);
    for (size_t i = 0; i < k; ++i) yc[i] = yy[i] - beta;
    // Ranks of |yc|, ties by first occurrence (rank(ties.method = "first")).
    std::vector<size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return std::fabs(yc[a]) < std::fabs(yc[b]); });
    double sr = 0;
    for (size_t r = 0; r < k; ++r) {
      if (yc[order[r]] > 0) sr += static_cast<double>(r + 1);
    }
    double kd = static_cast<double>(k);
    double l0 = (4 * sr - kd * (kd + 1)) / (2 * kd - 1);
    k0 = std::max(0, static_cast<int>(std::nearbyint(l0)));  // R's round(): half to even
    k0 = std::min(k0, static_cast<int>(k) - 1);
  }
  tf.k0 = k0;
  std::vector<double> yf(y), vf(v);
  for (size_t i = k - static_cast<size_t>(k0); i < k; ++i) {
    // Reflect the k0 most extreme studies about the trimmed estimate.
    double filled = right ? -(2 * beta - yy[i]) : 2 * beta - yy[i];
    tf.filled_yi.push_back(filled);
    tf.filled_vi.push_back(vv[i]);
    yf.push_back(filled);
    vf.push_back(vv[i]);
  }
  // With nothing filled metafor returns the original fit (its test); a
  // refit on the filled data uses the default z test.
  UniFit fit =
      FitUni(Design{yf, vf, {}}, method, k0 == 0 ? test : Test::kZ, k0 == 0 ? level : 95.0, o);
  tf.estimate = fit.b(0);
  tf.se = fit.Se(0);
  tf.ci_lb = tf.estimate - fit.crit * tf.se;
  tf.ci_ub = tf.estimate + fit.crit * tf.se;
  tf.tau2 = fit.tau2;
  return tf;
}

// ---- Mantel-Haenszel and Peto (rma.mh, rma.peto) ----

struct CountFit {
  double estimate = 0, se = 0;
  std::optional<double> cmh, cmh_p;
  std::vector<double> weights;  // per table, unnormalised
};

std::optional<CountFit> MantelHaenszel(Measure m, const std::vector<TwoByTwo>& t) {
  CountFit out;
  out.weights.resize(t.size());
  if (m == Measure::kOR) {
    double R = 0, S = 0, PR = 0, PSQR = 0, QS = 0;
    double sum_xt = 0, sum_yt = 0, o_e = 0, var_mh = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const TwoByTwo& c = t[i];
      double N = c.ai + c.bi + c.ci + c.di;
      double Pi = c.ai / N + c.di / N, Qi = c.bi / N + c.ci / N;
      double Ri = (c.ai / N) * c.di, Si = (c.bi / N) * c.ci;
      R += Ri;
      S += Si;
      PR += Pi * Ri;
      PSQR += Pi * Si + Qi * Ri;
      QS += Qi * Si;
      out.weights[i] = Si;
      double n1 = c.ai + c.bi, n2 = c.ci + c.di, xt = c.ai + c.ci, yt = c.bi + c.di;
      sum_xt += xt;
      sum_yt += yt;
      o_e += c.ai - (n1 / N) * xt;
      var_mh += (n1 / N) * (n2 / N) * (xt * (yt / (N - 1)));
    }
    if (R == 0 || S == 0) return std::nullopt;
    out.estimate = std::log(R / S);
    out.se = std::sqrt(0.5 * (PR / (R * R) + PSQR / (R * S) + QS / (S * S)));
    if (sum_xt > 0 && sum_yt > 0) {
      double num = std::fabs(o_e) - 0.5;  // continuity-corrected CMH test, as metafor's default
      out.cmh = num * num / var_mh;
      out.cmh_p = PchisqUpper(*out.cmh, 1);
    }
  } else if (m == Measure::kRR) {
    double R = 0, S = 0, V = 0, sum_a = 0, sum_c = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const TwoByTwo& c = t[i];
      double n1 = c.ai + c.bi, n2 = c.ci + c.di, N = n1 + n2;
      R += c.ai * (n2 / N);
      S += c.ci * (n1 / N);
      V += (n1 / N) * (n2 / N) * (c.ai + c.ci) - (c.ai / N) * c.ci;
      sum_a += c.ai;
      sum_c += c.ci;
      out.weights[i] = (c.ci / N) * n1;
    }
    if (sum_a == 0 || sum_c == 0) return std::nullopt;
    out.estimate = std::log(R / S);
    out.se = std::sqrt(V / (R * S));
  } else {  // RD
    double num = 0, den = 0, s1 = 0, s2 = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const TwoByTwo& c = t[i];
      double n1 = c.ai + c.bi, n2 = c.ci + c.di, N = n1 + n2;
      num += c.ai * (n2 / N) - c.ci * (n1 / N);
      den += n1 * (n2 / N);
      out.weights[i] = (n1 / N) * n2;
    }
    double beta = num / den;
    for (const TwoByTwo& c : t) {
      double n1 = c.ai + c.bi, n2 = c.ci + c.di, N = n1 + n2;
      s1 += c.ci * (n1 / N) * (n1 / N) - c.ai * (n2 / N) * (n2 / N) +
            (n1 / N) * (n2 / N) * (n2 - n1) / 2;
      s2 += c.ai * (n2 - c.ci) / N + c.ci * (n1 - c.ai) / N;
    }
    out.estimate = beta;
    out.se = std::sqrt((beta * s1 + s2 / 2) / (den * den));
  }
  return out;
}

struct PetoFit {
  double estimate = 0, se = 0, q = 0;
  int k_pos = 0;
  std::vector<double> weights;
};

std::optional<PetoFit> Peto(const std::vector<TwoByTwo>& t) {
  PetoFit out;
  double sum_v = 0, sum_oe = 0, sum_oe2v = 0;
  for (const TwoByTwo& c : t) {
    double n1 = c.ai + c.bi, n2 = c.ci + c.di, N = n1 + n2, xt = c.ai + c.ci, yt = c.bi + c.di;
    double E = xt * n1 / N;
    double V = xt * yt * (n1 / N) * (n2 / N) / (N - 1);
    if (!std::isfinite(V)) V = 0;  // a table of one participant
    out.weights.push_back(V);
    sum_v += V;
    sum_oe += c.ai - E;
    if (V > 0) {
      sum_oe2v += (c.ai - E) * (c.ai - E) / V;
      ++out.k_pos;
    }
  }
  if (sum_v == 0) return std::nullopt;
  out.estimate = sum_oe / sum_v;
  out.se = std::sqrt(1 / sum_v);
  out.q = std::max(0.0, sum_oe2v - sum_oe * sum_oe / sum_v);
  return out;
}

// Per-study yi/vi for MH and Peto fits, as rma.mh / rma.peto get them from
// escalc(): with the continuity correction and drop00 = TRUE.
bool CountEffect(Measure m, bool peto, TwoByTwo t, double add, AddTo to, bool any_zero, double& yi,
                 double& vi) {
  bool double_zero = (t.ai == 0 && t.ci == 0) || (t.bi == 0 && t.di == 0);
  if (double_zero) return false;
  bool zero = t.ai == 0 || t.bi == 0 || t.ci == 0 || t.di == 0;
  if (to == AddTo::kAll || (to == AddTo::kOnly0 && zero) || (to == AddTo::kIf0All && any_zero)) {
    t.ai += add;
    t.bi += add;
    t.ci += add;
    t.di += add;
  }
  double n1 = t.ai + t.bi, n2 = t.ci + t.di, N = n1 + n2, p1 = t.ai / n1, p2 = t.ci / n2;
  if (peto) {
    double xt = t.ai + t.ci, yt = t.bi + t.di;
    double E = xt * n1 / N, V = xt * yt * (n1 / N) * (n2 / N) / (N - 1);
    yi = (t.ai - E) / V;
    vi = 1 / V;
  } else if (m == Measure::kRR) {
    yi = std::log(p1) - std::log(p2);
    vi = 1 / t.ai - 1 / n1 + 1 / t.ci - 1 / n2;
  } else if (m == Measure::kOR) {
    yi = std::log(p1 / (1 - p1)) - std::log(p2 / (1 - p2));
    vi = 1 / t.ai + 1 / t.bi + 1 / t.ci + 1 / t.di;
  } else {
    yi = p1 - p2;
    vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
  }
  return std::isfinite(yi) && std::isfinite(vi) && vi > 0;
}

// Pools a subset of studies (all of `studies` that `use` selects); the
// heart of Pool(), also run for each leave-one-out fit.
std::optional<MetaAnalysisResult> PoolStudies(const EffectData& data,
                                              const std::vector<const Study*>& studies,
                                              const PoolingOptions& o, Diagnostics& diags,
                                              bool extras) {
  MetaAnalysisResult r;
  r.measure = data.measure;
  r.method = o.method;
  r.test = o.test;
  r.level = o.level;
  const double z = QnormUpper((100 - o.level) / 200);

  if (o.method == Method::kMH || o.method == Method::kPeto) {
    const bool peto = o.method == Method::kPeto;
    if (peto) r.measure = Measure::kOR;
    r.test = Test::kZ;
    std::vector<TwoByTwo> tables;
    bool any_zero = false;
    for (const Study* s : studies) {
      if (!s->counts) {
        diags.Error({"", 0, 0},
                    std::string(peto ? "Peto" : "Mantel-Haenszel") +
                        " pooling needs 2x2 counts (columns ai,bi,ci,di or ai,n1i,ci,n2i)");
        return std::nullopt;
      }
      tables.push_back(*s->counts);
      const TwoByTwo& t = *s->counts;
      if (t.ai == 0 || t.bi == 0 || t.ci == 0 || t.di == 0) any_zero = true;
    }
    std::vector<double> yi, vi;
    r.studies.resize(studies.size());
    for (size_t i = 0; i < studies.size(); ++i) {
      StudyResult& sr = r.studies[i];
      sr.study = studies[i]->label;
      double y = 0, v = 0;
      sr.included = CountEffect(r.measure, peto, tables[i], data.add, data.to, any_zero, y, v);
      if (sr.included) {
        sr.yi = y;
        sr.vi = v;
        sr.ci_lb = y - z * std::sqrt(v);
        sr.ci_ub = y + z * std::sqrt(v);
        yi.push_back(y);
        vi.push_back(v);
      }
    }
    std::vector<double> weights;
    r.k = static_cast<int>(tables.size());
    const int k_yi = static_cast<int>(yi.size());
    if (peto) {
      std::optional<PetoFit> f = Peto(tables);
      if (!f) {
        diags.Error({"", 0, 0},
                    "Peto's method is undefined: no events (or no non-events) in any study");
        return std::nullopt;
      }
      r.estimate = f->estimate;
      r.se = f->se;
      weights = f->weights;
      r.q = f->q;
      r.q_df = std::max(0, k_yi - 1);
      if (f->k_pos > 1 && k_yi > 1) {
        r.q_pval = PchisqUpper(r.q, k_yi - 1);
        r.i2 = r.q > 0 ? std::max(0.0, 100 * (r.q - (k_yi - 1)) / r.q) : 0.0;
        r.h2 = r.q / (k_yi - 1);
      } else {
        r.q = 0;
      }
    } else {
      if (!IsDichotomous(data.measure)) {
        diags.Error({"", 0, 0}, "Mantel-Haenszel pooling needs measure RR, OR or RD");
        return std::nullopt;
      }
      std::optional<CountFit> f = MantelHaenszel(data.measure, tables);
      if (!f) {
        diags.Error({"", 0, 0},
                    "the Mantel-Haenszel estimate is undefined: no events in one of the arms "
                    "across all studies");
        return std::nullopt;
      }
      r.estimate = f->estimate;
      r.se = f->se;
      r.mh_cmh = f->cmh;
      r.mh_cmh_pval = f->cmh_p;
      weights = f->weights;
      if (k_yi > 1) {
        double q = 0;
        for (int i = 0; i < k_yi; ++i) q += (yi[i] - r.estimate) * (yi[i] - r.estimate) / vi[i];
        r.q = std::max(0.0, q);
        r.q_df = k_yi - 1;
        r.q_pval = PchisqUpper(r.q, k_yi - 1);
        r.i2 = r.q > 0 ? std::max(0.0, 100 * (r.q - (k_yi - 1)) / r.q) : 0.0;
        r.h2 = r.q / (k_yi - 1);
      }
    }
    r.statistic = r.se > 0 ? r.estimate / r.se : 0.0;
    r.pval = 2 * PnormUpper(std::fabs(r.statistic));
    r.ci_lb = r.estimate - z * r.se;
    r.ci_ub = r.estimate + z * r.se;
    double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (size_t i = 0; i < r.studies.size(); ++i)
      r.studies[i].weight = total > 0 ? 100 * weights[i] / total : 0;
    if (extras && o.leave1out && studies.size() >= 2) {
      for (size_t i = 0; i < studies.size(); ++i) {
        std::vector<const Study*> rest;
        for (size_t j = 0; j < studies.size(); ++j)
          if (j != i) rest.push_back(studies[j]);
        Diagnostics ignored;
        std::optional<MetaAnalysisResult> l = PoolStudies(data, rest, o, ignored, false);
        if (!l) continue;
        r.leave1out.push_back({studies[i]->label, l->estimate, l->se, l->ci_lb, l->ci_ub, l->pval,
                               l->q, l->q_pval, 0.0, l->i2});
      }
    }
    return r;
  }

  // Inverse-variance fits (EE and random effects).
  std::vector<double> yi, vi;
  std::vector<const Study*> used;
  for (const Study* s : studies) {
    if (!s->has_yi) continue;
    yi.push_back(s->yi);
    vi.push_back(s->vi);
    used.push_back(s);
  }
  if (yi.empty()) {
    diags.Error({"", 0, 0}, "no study has a usable effect size (all double-zero or undefined)");
    return std::nullopt;
  }
  if (used.size() < studies.size()) {
    r.notes.push_back(std::to_string(studies.size() - used.size()) +
                      " study(ies) without a defined effect size left out of the fit");
  }
  Design d{yi, vi, {}};
  UniFit fit = FitUni(d, o.method, o.test, o.level, o);
  if (o.test == Test::kKnha && yi.size() == 1) {
    r.notes.push_back(
        "with one study the Hartung-Knapp test is undefined; the z test is used (as metafor)");
  }
  FillFromFit(d, fit, o.method, o.level, r);
  double total = 0;
  for (double v : vi) total += 1 / (v + fit.tau2);
  for (const Study* s : studies) {
    StudyResult sr;
    sr.study = s->label;
    sr.included = s->has_yi;
    if (s->has_yi) {
      sr.yi = s->yi;
      sr.vi = s->vi;
      sr.weight = 100 * (1 / (s->vi + fit.tau2)) / total;
      sr.ci_lb = s->yi - z * std::sqrt(s->vi);
      sr.ci_ub = s->yi + z * std::sqrt(s->vi);
    }
    r.studies.push_back(sr);
  }
  if (!extras) return r;
  if (o.egger) r.egger = Egger(yi, vi, o.method, fit.test, o.level, o);
  if (o.trimfill) r.trimfill = TrimAndFill(yi, vi, o.method, fit.test, o.level, o);
  if (o.leave1out && yi.size() >= 2) {
    std::vector<double> y2, v2;
    for (size_t i = 0; i < yi.size(); ++i) {
      y2.clear();
      v2.clear();
      for (size_t j = 0; j < yi.size(); ++j) {
        if (j == i) continue;
        y2.push_back(yi[j]);
        v2.push_back(vi[j]);
      }
      Design dl{y2, v2, {}};
      UniFit f = FitUni(dl, o.method, o.test, o.level, o);
      LeaveOneOut l;
      l.omitted = used[i]->label;
      l.estimate = f.b(0);
      l.se = f.Se(0);
      l.ci_lb = l.estimate - f.crit * l.se;
      l.ci_ub = l.estimate + f.crit * l.se;
      l.pval = f.Pval(0);
      l.q = f.qe;
      l.q_pval = f.qe_p;
      l.tau2 = f.tau2;
      l.i2 = f.i2;
      r.leave1out.push_back(l);
    }
  }
  return r;
}

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kEE:
      return "EE";
    case Method::kMH:
      return "MH";
    case Method::kPeto:
      return "PETO";
    case Method::kDL:
      return "DL";
    case Method::kREML:
      return "REML";
    case Method::kML:
      return "ML";
    case Method::kPM:
      return "PM";
    case Method::kHS:
      return "HS";
    case Method::kSJ:
      return "SJ";
    case Method::kHE:
      return "HE";
    case Method::kEB:
      return "EB";
  }
  return "EE";
}

std::optional<Method> ParseMethod(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const std::map<std::string, Method> kNames = {
      {"EE", Method::kEE}, {"FE", Method::kEE},     {"MH", Method::kMH}, {"PETO", Method::kPeto},
      {"DL", Method::kDL}, {"REML", Method::kREML}, {"ML", Method::kML}, {"PM", Method::kPM},
      {"HS", Method::kHS}, {"SJ", Method::kSJ},     {"HE", Method::kHE}, {"EB", Method::kEB}};
  auto it = kNames.find(n);
  if (it == kNames.end()) return std::nullopt;
  return it->second;
}

bool IsRandomEffects(Method m) {
  return m != Method::kEE && m != Method::kMH && m != Method::kPeto;
}

std::string_view TestName(Test t) { return t == Test::kKnha ? "knha" : "z"; }

std::optional<Test> ParseTest(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "z") return Test::kZ;
  if (n == "knha" || n == "hk" || n == "t") return Test::kKnha;
  return std::nullopt;
}

std::optional<MetaAnalysisResult> Pool(const EffectData& data, const PoolingOptions& options,
                                       Diagnostics& diags) {
  if (!(options.level > 0 && options.level < 100)) {
    diags.Error({"", 0, 0}, "--level must be between 0 and 100 (exclusive)");
    return std::nullopt;
  }
  if (data.studies.empty()) {
    diags.Error({"", 0, 0}, "no studies to pool");
    return std::nullopt;
  }
  std::vector<const Study*> all;
  for (const Study& s : data.studies) all.push_back(&s);
  return PoolStudies(data, all, options, diags, true);
}

MetaAnalysisResult PoolGeneric(const std::vector<double>& yi, const std::vector<double>& vi,
                               const PoolingOptions& options) {
  EffectData data;
  data.studies.resize(yi.size());
  for (size_t i = 0; i < yi.size(); ++i) {
    data.studies[i].yi = yi[i];
    data.studies[i].vi = vi[i];
    data.studies[i].label = "Study " + std::to_string(i + 1);
  }
  PoolingOptions o = options;
  if (o.method == Method::kMH || o.method == Method::kPeto) o.method = Method::kEE;
  if (!(o.level > 0 && o.level < 100)) o.level = 95;
  Diagnostics ignored;
  std::vector<const Study*> all;
  for (const Study& s : data.studies) all.push_back(&s);
  return *PoolStudies(data, all, o, ignored, true);
}

std::optional<SubgroupAnalysis> PoolSubgroups(const StudyTable& table, std::string_view column,
                                              const EffectSizeOptions& es_options,
                                              const PoolingOptions& options, Diagnostics& diags) {
  auto parts = SplitTable(table, column);
  if (!parts) {
    diags.Error({table.path, 1, 0}, "no column '" + std::string(column) + "' for --by");
    return std::nullopt;
  }
  SubgroupAnalysis out;
  out.column = std::string(column);
  EffectSizeOptions es = es_options;
  if (!es.measure) {
    // Infer once from the whole table so every subgroup uses the same measure.
    Diagnostics probe;
    if (auto all = ComputeEffectSizes(table, es, probe)) es.measure = all->measure;
  }
  for (auto& [name, part] : *parts) {
    auto data = ComputeEffectSizes(part, es, diags);
    if (!data) continue;
    auto r = Pool(*data, options, diags);
    if (!r) continue;
    out.groups.emplace_back(name, std::move(*r));
  }
  if (out.groups.size() < 2) {
    diags.Error({table.path, 1, 0},
                "a test for subgroup differences needs at least two subgroups that can be pooled");
    return std::nullopt;
  }
  // Common-effect Q of the subgroup estimates.
  double sw = 0, swy = 0;
  for (const auto& [name, g] : out.groups) {
    if (!(g.se > 0)) {
      diags.Error({table.path, 1, 0},
                  "subgroup '" + name + "' has a zero standard error; no test between subgroups");
      return std::nullopt;
    }
    double w = 1 / (g.se * g.se);
    sw += w;
    swy += w * g.estimate;
  }
  double mean = swy / sw;
  for (const auto& [name, g] : out.groups)
    out.q_between += (g.estimate - mean) * (g.estimate - mean) / (g.se * g.se);
  out.df_between = static_cast<int>(out.groups.size()) - 1;
  out.pval_between = PchisqUpper(out.q_between, out.df_between);
  return out;
}

}  // namespace evidoc::evidence
