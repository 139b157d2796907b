// The BMJ patient treatment category of a treatment from the certainty and
// size of its main benefit and harm outcomes (rules in docs/grade.md).
// Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knowledge/knowledge.h"

namespace evidoc::knowledge {

struct CategoryDecision {
  Category category = Category::kNeedFurtherStudy;
  std::string reason;
  bool overridden = false;
};

// True when the result points in the direction the outcome calls better
// (`better: lower` and a reduction, or `better: higher` and an increase).
// REQUIRES: r.outcome != nullptr.
bool IsFavourable(const OutcomeResult& r);

// Decides the category from the outcomes (their `outcome` pointers must be
// set: `main`, `kind` and `better` are read from them). Outcomes marked
// `main: true` decide; when no benefit outcome is marked main, every benefit
// outcome with evidence counts. Never fails: too little evidence gives
// "treatments-that-need-further-study" with the reason.
CategoryDecision DecideCategory(const std::vector<OutcomeResult>& outcomes);

// Applies a treatment's `category:` override ({code, reason}); the computed
// decision stays visible in the reason. Unknown codes leave the decision
// unchanged (the loader rejects them).
CategoryDecision ApplyCategoryOverride(CategoryDecision computed,
                                       const std::optional<std::string>& code,
                                       const std::string& reason);

std::optional<Category> ParseCategory(const std::string& code);

}  // namespace evidoc::knowledge
