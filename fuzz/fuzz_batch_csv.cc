// Fuzzes the `--each` batch reader (evidence/batch.h) with the statistics
// behind it: the input is a CSV whose `analysis` column names the analyses.
// Any crash or sanitizer report is a bug, and so is output or a report that
// depends on the number of threads (RunBatch promises the same bytes).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evidence/batch.h"

namespace {

// Everything RunBatch hands on, as one text: reports and output in order.
std::string Run(std::string_view csv, unsigned threads) {
  using namespace evidoc::evidence;
  BatchOptions options;
  options.column = "analysis";
  options.threads = threads;
  std::string seen;
  BatchCallbacks callbacks;
  callbacks.format = [](std::string_view name, const MetaAnalysisResult& r, std::string& out) {
    if (!std::isfinite(r.estimate) || !std::isfinite(r.se)) __builtin_trap();
    out.append(name).push_back(' ');
    out += std::to_string(r.k) + " " + std::to_string(r.estimate) + "\n";
  };
  callbacks.report = [&](const BatchAnalysis& a) {
    seen.append("report ").append(a.name).append(a.ok ? " ok " : " failed ");
    if (a.diagnostics != nullptr) {
      for (const auto& d : a.diagnostics->items()) seen += evidoc::FormatDiagnostic(d) + ";";
    }
    seen.push_back('\n');
  };
  callbacks.write = [&](std::string_view bytes) { seen.append(bytes); };
  evidoc::Diagnostics diags;
  const auto summary = RunBatch(csv, "fuzz.csv", options, callbacks, diags);
  if (!summary && !seen.empty()) __builtin_trap();  // nothing reported when the CSV is malformed
  for (const auto& d : diags.items()) seen += evidoc::FormatDiagnostic(d) + "\n";
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 20000) return 0;  // keep each run fast; size limits are tested elsewhere
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  if (Run(csv, 1) != Run(csv, 3)) __builtin_trap();
  return 0;
}
