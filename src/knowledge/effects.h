// Absolute effects, effect size classes and GRADE informative statements:
// pure functions, documented in docs/grade.md. Thread-safe, no I/O.
#pragma once

#include <optional>
#include <string>

#include "knowledge/knowledge.h"

namespace evidoc::knowledge {

// A dichotomous result and the assumed comparator risk.
struct DichotomousEffectInput {
  std::string measure;                        // "RR", "OR" or "RD"
  double estimate = 0, ci_lb = 0, ci_ub = 0;  // natural scale (RR 1.42), RD per 1
  double comparator_risk = 0;                 // per 1, 0 < risk < 1
  bool higher_is_better = false;              // the outcome's `better: higher`
  std::string unit = "people";                // who is counted ("women")
};

// Risk with the treatment from the comparator risk p0: RR x p0; for OR,
// OR p0 / (1 - p0 + OR p0); for RD, p0 + RD; bounded to [0, 1] (as GRADEpro
// shows "1000" for a bound above it). All per-1,000 values are unrounded.
// NNT/NNH = ceil(1 / |risk difference|) when the difference's CI excludes 0.
// REQUIRES: measure is RR, OR or RD; 0 < comparator_risk < 1.
AbsoluteEffect AbsoluteDichotomous(const DichotomousEffectInput& in);

struct ContinuousEffectInput {
  double md = 0, ci_lb = 0, ci_ub = 0;  // mean difference, natural units
  double comparator_mean = 0;
  bool higher_is_better = false;
  std::string unit;  // "cramps in 2 weeks"
  std::string less_word = "fewer", more_word = "more";
};

// Mean with the treatment = comparator mean + MD (and its interval).
AbsoluteEffect AbsoluteContinuous(const ContinuousEffectInput& in);

// A number as people read it after "about": >= 2 rounded to a whole number,
// 0.1 to 2 with one decimal, smaller with 2 significant digits.
std::string FriendlyNumber(double value);

// Size classes compared with the thresholds (absolute effect, same units as
// the MID): trivial below `small`, then small, moderate, large.
struct SizeThresholds {
  double small = 0, moderate = 0, large = 0;
};
// Defaults from the MID: small = MID, moderate = 2 x MID, large = 3 x MID;
// each overridable from the evidence file.
SizeThresholds ThresholdsFor(const content::Outcome& outcome);
std::string ClassifySize(double absolute_effect,
                         const SizeThresholds& t);  // "trivial" | "small" | ...

struct StatementInput {
  Certainty certainty = Certainty::kVeryLow;
  std::string size;     // trivial | small | moderate | large
  int direction = 0;    // -1 reduces, +1 increases (ignored for trivial)
  std::string subject;  // "Magnesium"
  std::string outcome;  // "how many cramps women have"
  // A trivial estimate whose CI still includes an important effect: the
  // statement then says so, so that "no evidence of an effect" is never
  // read as "evidence of no effect".
  bool important_not_excluded = false;
};

// The GRADE informative statement (Santesso 2020; standards.md section 3):
// high states, moderate "probably", low "may", very low "The evidence is very
// uncertain about the effect of … on …". Ends with a full stop.
std::string Statement(const StatementInput& in);

// "No studies measured how bad cramps feel."
std::string NoStudiesStatement(const std::string& outcome);

}  // namespace evidoc::knowledge
