// The treatment page, in layers (MAGIC / BMJ Best Health): the verdict and
// category first; "How can it help?" and "Can it be harmful?" with the
// statements, natural frequencies and icon arrays (100 people, the same for
// every outcome); practical issues; the summary-of-findings table; forest
// plots behind a <details>; "How good is the research?"; references.
// Pure; thread-safe.
#pragma once

#include <string>

#include "knowledge/knowledge.h"
#include "render/html.h"

namespace evidoc::render {

// The whole HTML document for /treatments/{id}/.
// REQUIRES: treatment.treatment != nullptr, knowledge.content != nullptr.
std::string RenderTreatmentPage(const knowledge::Knowledge& knowledge,
                                const knowledge::TreatmentResult& treatment);

// One outcome's block (heading, statement, numbers, icon arrays, certainty),
// shared with the decision aid. `id` is unique on the page ([a-z0-9-]).
Html RenderOutcomeBlock(const knowledge::TreatmentResult& treatment,
                        const knowledge::OutcomeResult& outcome, const std::string& id,
                        int heading_level);

}  // namespace evidoc::render
