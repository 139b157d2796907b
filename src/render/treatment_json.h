// The treatments API: api/v1/treatments.json (every treatment) and
// api/v1/treatments/{id}.json (one), with the field names of issue #4:
// id, name, condition, population, category, category_reason, outcomes
// [{name, kind, certainty, certainty_reasons, statement, relative {measure,
// estimate, ci_lb, ci_ub}, absolute, k, participants, source}], plus a few
// documented extras (docs/grade.md). Pure, thread-safe.
#pragma once

#include <string>

#include "knowledge/knowledge.h"

namespace evidoc::render {

// One treatment as a JSON object (pretty-printed, keys in a fixed order).
std::string TreatmentJson(const knowledge::TreatmentResult& t);

// {"treatments": [<TreatmentJson of each>, ...]} in content order.
std::string TreatmentsJson(const knowledge::Knowledge& k);

}  // namespace evidoc::render
