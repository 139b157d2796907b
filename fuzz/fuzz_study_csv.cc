// Fuzzes the study-table CSV reader and everything after it: effect sizes
// for the measure the columns imply (and OR for 2x2 tables), pooling by a
// random-effects and a common-effect method, and the forest plot. Any crash,
// sanitizer report, or a non-finite number in a result is a bug.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "evidence/forest_plot.h"
#include "evidence/meta_analysis.h"

namespace {

void CheckFinite(double v) {
  if (!std::isfinite(v)) __builtin_trap();
}

void CheckResult(const evidoc::evidence::MetaAnalysisResult& r) {
  for (double v :
       {r.estimate, r.se, r.statistic, r.pval, r.ci_lb, r.ci_ub, r.tau2, r.i2, r.h2, r.q, r.q_pval})
    CheckFinite(v);
  for (const auto& o : {r.pi_lb, r.pi_ub, r.tau2_ci_lb, r.tau2_ci_ub, r.i2_ci_lb, r.i2_ci_ub})
    if (o) CheckFinite(*o);
  for (const auto& s : r.studies) CheckFinite(s.weight);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace evidoc::evidence;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  evidoc::Diagnostics diags;
  StudyTable table = ReadStudyCsv(text, "fuzz.csv", diags);
  if (table.rows.size() > 200) return 0;  // keep each run fast; size limits are tested elsewhere
  for (auto measure : {std::optional<Measure>{}, std::optional<Measure>{Measure::kOR}}) {
    EffectSizeOptions es;
    es.measure = measure;
    evidoc::Diagnostics d;
    auto effects = ComputeEffectSizes(table, es, d);
    if (!effects) continue;
    for (Method m : {Method::kREML, Method::kPM, Method::kMH}) {
      PoolingOptions po;
      po.method = m;
      auto r = Pool(*effects, po, d);
      if (!r) continue;
      CheckResult(*r);
      std::string svg = RenderForestSvg(*r);
      // Coordinates must be numbers (labels may contain "nan", so look only
      // at attribute values).
      for (const char* bad : {"=\"nan", "=\"-nan", "=\"inf", "=\"-inf"}) {
        if (svg.find(bad) != std::string::npos) __builtin_trap();
      }
    }
  }
  return 0;
}
