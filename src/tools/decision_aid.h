// The decision aid: for one condition, its treatments and "doing nothing"
// side by side, following IPDAS (same denominator and time frame for every
// option, the certainty of each number, practical issues, values
// clarification) and MAGIC's layered decision aids.
//
// Pure functions over a Knowledge: no I/O, no clock, no logging. The result
// borrows pointers into the Knowledge (and its Content); it must not outlive
// them. Thread-safe: no state.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/knowledge.h"

namespace evidoc::tools {

// The id of the "doing nothing" option (never a treatment id: treatment ids
// are evidence file names, which the loader keeps to [a-z0-9-] without
// this reserved word).
inline constexpr std::string_view kDoingNothingId = "doing-nothing";

// Every dichotomous number in a decision aid is "out of 100 people".
inline constexpr int kDenominator = 100;

// One number for one option: what happens to people over the outcome's time
// frame.
struct DecisionCell {
  bool dichotomous = true;
  std::optional<int> per_100;   // dichotomous: people out of 100, rounded
  std::optional<double> value;  // continuous: mean, in the outcome's unit
  std::string text;             // "about 35 out of 100 people" / "about 9 cramps in 2 weeks"
};

// One outcome of a treatment, against doing nothing (the trials' comparison
// group: placebo or no treatment) over the same time frame.
struct DecisionRow {
  std::string outcome_id;
  std::string outcome_name;  // lay name
  std::string kind;          // benefit | harm
  std::string timeframe;     // "over 2 weeks"; the same for both cells
  std::string unit;          // continuous outcomes' unit
  bool main = false;
  DecisionCell without;    // doing nothing (comparison group)
  DecisionCell with;       // with the treatment
  std::string difference;  // natural-frequency text from weigh (AbsoluteEffect::text)
  // Dichotomous only: the difference per 100 and its 95% interval, rounded.
  std::optional<int> difference_per_100, difference_per_100_lb, difference_per_100_ub;
  knowledge::Certainty certainty = knowledge::Certainty::kVeryLow;
  std::string statement;  // GRADE informative statement
};

struct DecisionOption {
  std::string id;  // treatment id, or kDoingNothingId
  std::string name;
  bool doing_nothing = false;
  const knowledge::TreatmentResult* result = nullptr;  // null for doing nothing
  std::string comparison;  // what "doing nothing" meant in the trials ("placebo")
  // Practical issues, from the evidence file (MAGIC's "practical issues").
  std::string how_taken;
  std::string side_effects;
  std::string cost;
  std::vector<DecisionRow> rows;  // empty for doing nothing (it is every row's `without`)
};

struct DecisionAid {
  std::string condition;  // article slug
  std::string condition_title;
  std::vector<DecisionOption>
      options;  // doing nothing first, then treatments in the article's order
  std::vector<std::string> values_questions;  // "what matters most to you"
};

// The conditions (article slugs, in article order) that have at least one
// weighed treatment and so get a decision aid.
std::vector<std::string> DecisionAidConditions(const knowledge::Knowledge& knowledge);

// Builds the decision aid for `condition` (an article slug). Returns nullopt
// when there is no such article or it has no weighed treatment.
std::optional<DecisionAid> BuildDecisionAid(const knowledge::Knowledge& knowledge,
                                            std::string_view condition);

// Keeps only the options whose ids are in `chosen` (unknown ids are ignored),
// in the aid's order. Doing nothing stays when chosen. An empty or entirely
// unknown choice keeps every option, so a form submitted with nothing ticked
// still shows the comparison.
DecisionAid SelectOptions(const DecisionAid& aid, const std::set<std::string>& chosen);

// Rounds a per-1,000 figure to people out of 100 (half away from zero).
int Per1000ToPer100(double per_1000);

// The people out of 100 to draw in a pair of icon arrays (without and with a
// treatment). The comparator is rounded, and the treatment arm is the
// comparator plus the rounded difference, clamped to 0..100: rounding each
// arm alone can turn 14 vs 15 per 1,000 into 1 vs 2 per 100, which looks
// like a doubling the evidence does not show.
struct IconCounts {
  int without = 0;
  int with = 0;
};
IconCounts IconCountsPer100(double comparator_per_1000, double intervention_per_1000);

}  // namespace evidoc::tools
