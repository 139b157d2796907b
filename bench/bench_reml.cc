// One random-effects fit (REML, as rma(yi, vi)) at k = 10, 100 and 10,000
// studies: tau2 by Fisher scoring, estimate, CI, Q, I2, the Q-profile CI
// and the prediction interval; no Egger, trim-and-fill or leave-one-out.
#include <benchmark/benchmark.h>

#include <random>

#include "evidence/meta_analysis.h"

namespace {

void BM_RemlFit(benchmark::State& state) {
  const size_t k = static_cast<size_t>(state.range(0));
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> var(0.01, 0.3);
  std::normal_distribution<double> norm(0, 1);
  std::vector<double> yi(k), vi(k);
  for (size_t i = 0; i < k; ++i) {
    vi[i] = var(rng);
    yi[i] = 0.3 + norm(rng) * std::sqrt(vi[i] + 0.1);
  }
  evidoc::evidence::PoolingOptions o;
  o.method = evidoc::evidence::Method::kREML;
  o.egger = o.trimfill = o.leave1out = false;
  for (auto _ : state) {
    auto r = evidoc::evidence::PoolGeneric(yi, vi, o);
    benchmark::DoNotOptimize(r.tau2);
  }
  state.SetComplexityN(static_cast<int64_t>(k));
}

}  // namespace

BENCHMARK(BM_RemlFit)->Arg(10)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);
