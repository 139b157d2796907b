// GRADE certainty rules as pure functions over small input structs, so that
// each rule can be tested alone with hand-worked numbers. The thresholds and
// their sources are documented in docs/grade.md; this header states what each
// function decides. No I/O, no state, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "knowledge/knowledge.h"

namespace evidoc::knowledge {

// Domain names, as in DomainRating::domain and the evidence files' judgements.
inline constexpr const char* kRiskOfBias = "risk_of_bias";
inline constexpr const char* kInconsistency = "inconsistency";
inline constexpr const char* kIndirectness = "indirectness";
inline constexpr const char* kImprecision = "imprecision";
inline constexpr const char* kPublicationBias = "publication_bias";

// Thresholds (docs/grade.md gives the reasons).
inline constexpr double kI2Serious = 50;      // percent: substantial heterogeneity
inline constexpr double kI2VerySerious = 75;  // percent: considerable heterogeneity
inline constexpr int kOisEvents = 300;        // optimal information size, dichotomous
inline constexpr int kOisParticipants = 400;  // optimal information size, continuous
inline constexpr int kSmallStudyMinK = 10;    // Egger and trim-and-fill need >= 10 studies
inline constexpr double kEggerAlpha = 0.10;

// Heterogeneity on the analysis scale, where "no effect" is 0 (log scale for
// ratio measures, natural units for MD).
struct InconsistencyInput {
  int k = 0;
  std::optional<double> i2;            // percent
  std::optional<double> tau;           // between-study SD, analysis scale
  std::optional<double> tau_mid;       // the MID on the analysis scale (> 0)
  std::optional<double> pi_lb, pi_ub;  // 95% prediction interval
  double ci_lb = 0, ci_ub = 0;         // 95% CI of the pooled estimate
};

// Proposes the inconsistency downgrade. k < 2: 0 ("a single study").
// Signals: I² >= 50%; tau > MID; the prediction interval includes no effect
// while the CI excludes it. 2 levels when I² >= 75% together with another
// signal; 1 level for any signal; else 0. Missing inputs are skipped; if all
// are missing for k >= 2, 0 with the reason that it could not be assessed.
DomainRating ProposeInconsistency(const InconsistencyInput& in);

// Imprecision on the scale where the MID applies: the absolute difference
// (risk difference per 1 for dichotomous outcomes, natural units otherwise),
// "no effect" at 0.
struct ImprecisionInput {
  bool dichotomous = false;
  double estimate = 0, ci_lb = 0, ci_ub = 0;
  double mid = 0;  // > 0
  int participants = 0;
  std::optional<int> events;  // dichotomous; unknown -> judged on participants
  std::string unit;           // for the reason text ("cramps in 2 weeks"; "" for risks)
};

// Proposes the imprecision downgrade. Concerns: (a) the CI includes no effect
// (unless the whole CI lies within ±MID, a precise "little or no
// difference"); (b) the optimal information size is not met (< 300 events,
// or < 400 participants). 2 levels when the CI includes both an important
// benefit and an important harm (beyond -MID and +MID), or when (a) and (b)
// both hold; 1 level when one holds; else 0.
DomainRating ProposeImprecision(const ImprecisionInput& in);

struct PublicationBiasInput {
  int k = 0;
  std::optional<double> egger_p;
  int trimfill_k0 = 0;
  bool ci_excludes_null = false;         // the pooled CI
  bool filled_ci_excludes_null = false;  // the trim-and-fill CI
};

// Proposes the publication-bias downgrade: 1 level when k >= 10 and either
// Egger's p < 0.10 or trim-and-fill adds studies that make the CI include no
// effect; otherwise 0 (with k < 10 the tests are not informative; the
// reviewer can still rate down for known unpublished data).
DomainRating ProposePublicationBias(const PublicationBiasInput& in);

// A reviewer-only domain (risk of bias, indirectness): the judgement, or 0
// with the reason "not judged by the reviewer" when absent.
DomainRating ReviewerDomain(const std::string& domain, const content::Judgement* judgement);

// Applies a reviewer's override to a proposal: the result carries the
// reviewer's downgrade and reason, overridden = true, and keeps the proposal
// in `reason` ("Computed: …; reviewer: …"). A judgement without `overrides`
// leaves the proposal unchanged.
DomainRating ApplyOverride(DomainRating proposal, const content::Judgement* judgement);

// Start at high (randomised) or low (observational) and subtract every
// domain's downgrade; never below very low.
Certainty CombineCertainty(bool randomised, const std::vector<DomainRating>& domains);

// "high" -> kHigh, ..., "very_low" (also "very low", "very-low") -> kVeryLow.
std::optional<Certainty> ParseCertainty(const std::string& text);

// A number for a reason or statement: up to `digits` significant digits,
// trailing zeros dropped, a real minus sign avoided ("-1.3"). 2.449 -> "2.45".
std::string FormatNumber(double value, int digits = 3);

}  // namespace evidoc::knowledge
