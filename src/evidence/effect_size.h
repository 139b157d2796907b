// Effect sizes per study, as metafor's escalc() computes them.
//
// Columns are named as in escalc: ai,bi,ci,di or ai,n1i,ci,n2i (2x2 counts,
// group 1 = treatment), m1i,sd1i,n1i,m2i,sd2i,n2i (means), yi with vi or sei
// (generic). An optional `study` column labels rows (else "Study N"); an
// optional `design` column marks crossover/paired rows (warning).
// Pure functions, no I/O, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "evidence/study_table.h"

namespace evidoc::evidence {

enum class Measure { kRR, kOR, kRD, kMD, kSMD, kROM, kGEN };

// "RR", "OR", ... ("GEN" for generic). Parse is case-insensitive.
std::string_view MeasureName(Measure m);
std::optional<Measure> ParseMeasure(std::string_view name);
// RR, OR, ROM: estimates are on the log scale; `transformed` is exp().
bool IsRatioMeasure(Measure m);
bool IsDichotomous(Measure m);  // RR, OR, RD

// Which studies get the continuity correction (escalc's `to`).
enum class AddTo { kOnly0, kAll, kIf0All, kNone };
std::string_view AddToName(AddTo t);
std::optional<AddTo> ParseAddTo(std::string_view name);

struct EffectSizeOptions {
  // Default: inferred from the columns present (2x2 -> RR, means -> MD,
  // yi -> GEN); set it to choose OR, RD, SMD, ROM.
  std::optional<Measure> measure;
  double add = 0.5;          // escalc's add
  AddTo to = AddTo::kOnly0;  // escalc's to
  // Drop studies with zero events in both arms (or all events in both arms)
  // before computing yi. Default false, as rma.uni; MH/Peto always drop them
  // for the per-study yi used in heterogeneity (as rma.mh / rma.peto do).
  bool drop00 = false;
  // Column giving the study label; missing column -> "Study N".
  std::string label_column = "study";
};

// Raw 2x2 counts of a study (uncorrected), kept for Mantel-Haenszel and Peto.
struct TwoByTwo {
  double ai = 0, bi = 0, ci = 0, di = 0;  // treatment events/non-events, control events/non-events
};

struct Study {
  std::string label;
  int line = 0;                    // CSV line of the row (0 unknown)
  double yi = 0;                   // effect (log scale for ratio measures)
  double vi = 0;                   // sampling variance, > 0
  std::optional<TwoByTwo> counts;  // dichotomous input only
  // false when yi/vi are undefined (double-zero study dropped by drop00, or
  // a 2x2 study whose yi cannot be computed without correction): the study
  // is kept for MH/Peto but left out of inverse-variance fits.
  bool has_yi = true;
  size_t row = 0;  // index into StudyTable::rows
};

struct EffectData {
  Measure measure = Measure::kGEN;
  double add = 0.5;  // the continuity correction used (MH/Peto recompute per-study yi)
  AddTo to = AddTo::kOnly0;
  std::vector<Study> studies;  // input order
};

// Computes yi/vi for every row. Every problem in every row is reported at
// once with its cell location: missing columns, non-numbers, negative counts,
// events above the total, SD <= 0, n < 2 (SMD/ROM/MD), vi <= 0, duplicate
// study labels; warnings for rows whose `design` is crossover or paired.
// Returns nullopt when any error was added (the data must not be pooled).
std::optional<EffectData> ComputeEffectSizes(const StudyTable& table,
                                             const EffectSizeOptions& options, Diagnostics& diags);
// The same on a view of the rows (Study::row indexes the view's rows).
std::optional<EffectData> ComputeEffectSizes(const StudyRowsView& table,
                                             const EffectSizeOptions& options, Diagnostics& diags);

// metafor's exact small-sample bias correction for Hedges' g:
// exp(lgamma(m/2) - log(sqrt(m/2)) - lgamma((m-1)/2)).  REQUIRES: m > 1.
double HedgesCorrection(double m);

}  // namespace evidoc::evidence
