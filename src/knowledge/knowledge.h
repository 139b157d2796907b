// Knowledge: the output of the weigh stage and the input of render, search,
// tools and serve. Contract between subsystems: extend, never rename.
//
// `Weigh(content)` is pure: the same Content gives the same Knowledge (no
// clock, no I/O). A Knowledge is immutable once built and shared as
// `std::shared_ptr<const Knowledge>`; the server swaps whole snapshots.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "evidence/meta_analysis.h"

namespace evidoc::knowledge {

enum class Certainty { kHigh, kModerate, kLow, kVeryLow };

// BMJ Best Health patient treatment categories, in BMJ's order.
enum class Category {
  kWork,                  // treatments-that-work
  kLikelyToWork,          // treatments-that-are-likely-to-work
  kTradeOff,              // treatments-that-work-but-whose-harms-may-outweigh-benefits
  kNeedFurtherStudy,      // treatments-that-need-further-study
  kUnlikelyToWork,        // treatments-that-are-unlikely-to-work
  kIneffectiveOrHarmful,  // treatments-that-are-likely-to-be-ineffective-or-harmful
};

// One GRADE domain's verdict with its reason.
struct DomainRating {
  std::string domain;    // "risk_of_bias" | "inconsistency" | "indirectness" | "imprecision" |
                         // "publication_bias"
  int downgrade = 0;     // 0, 1, 2
  bool proposed = true;  // computed from the numbers (false: reviewer's judgement)
  bool overridden = false;
  std::string reason;
};

struct RelativeEffect {
  std::string measure;                        // RR, OR, MD, SMD, ...
  double estimate = 0, ci_lb = 0, ci_ub = 0;  // natural scale for ratio measures
};

// Absolute effects, per 1,000 for dichotomous outcomes, natural units for continuous ones.
struct AbsoluteEffect {
  bool dichotomous = true;
  double comparator = 0;    // per 1,000 (or comparator mean)
  double intervention = 0;  // per 1,000 (or comparator mean + MD)
  double difference = 0, difference_lb = 0, difference_ub = 0;
  std::optional<double> nnt;  // NNT (benefit) or NNH (harm) when the CI excludes no effect
  bool nnt_is_harm = false;
  std::string text;  // natural frequencies: "about 2 fewer cramps in 2 weeks, out of about 9"
  // Added by weigh (issue #4): the interval of `intervention` (per 1,000 or
  // comparator mean + MD bounds), per-100 values for icon arrays (rounded),
  // and whether the change is in the direction that is better for patients.
  double intervention_lb = 0, intervention_ub = 0;
  int comparator_per_100 = 0, intervention_per_100 = 0;
  bool favourable = false;
};

struct OutcomeResult {
  const content::Outcome* outcome = nullptr;  // points into the Content this Knowledge owns
  std::string name;
  std::string kind;  // benefit | harm
  Certainty certainty = Certainty::kVeryLow;
  std::vector<DomainRating> domains;
  std::string size;       // large | moderate | small | trivial
  std::string statement;  // the GRADE informative statement
  std::optional<RelativeEffect> relative;
  std::optional<AbsoluteEffect> absolute;
  int k = 0;
  int participants = 0;
  std::string source;      // studies | review | none (no study measured it)
  std::string forest_svg;  // a forest plot, when pooled from study rows
  // Added by weigh (issue #4):
  std::optional<evidence::MetaAnalysisResult> analysis;  // when pooled from study rows
  bool randomised = true;                                // GRADE starting level: high (true) or low
  int direction = 0;  // -1 the estimate reduces the outcome, +1 increases, 0 no change
  std::vector<std::string>
      study_citations;  // reference keys of the studies (or the review), in order
};

struct TreatmentResult {
  const content::Treatment* treatment = nullptr;
  Category category = Category::kNeedFurtherStudy;
  std::string category_reason;
  std::string verdict;  // one line for lists: the main benefit statement
  std::vector<OutcomeResult> outcomes;
  bool category_overridden = false;  // added by weigh: the reviewer chose the category
};

struct Knowledge {
  std::shared_ptr<const content::Content> content;
  std::vector<TreatmentResult> treatments;  // in content order
  Diagnostics diagnostics;  // warnings from weighing (never errors on valid content)

  const TreatmentResult* FindTreatment(const std::string& id) const;
};

std::string_view CategoryCode(Category c);    // "treatments-that-work", ...
std::string_view CategoryLabel(Category c);   // "Treatments that work", ...
std::string_view CertaintyCode(Certainty c);  // "high", "moderate", "low", "very_low"

// The weigh stage. REQUIRES: content loaded without errors.
std::shared_ptr<const Knowledge> Weigh(std::shared_ptr<const content::Content> content);

}  // namespace evidoc::knowledge
