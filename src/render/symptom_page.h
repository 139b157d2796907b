// The symptom check pages: an index of the content's checkers, each
// checker's yes/no GET form and, with the reader's answers, the result (the
// most urgent matching advice and every reason, tools::CheckSymptoms).
// Pure; thread-safe; no logging.
//
// Query format (what the form sends and `evidoc serve` passes in): one
// parameter per question, named by the question id, value "yes" or "no";
// any other value, a missing question or an unknown name counts as no.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "knowledge/knowledge.h"

namespace evidoc::render {

// /symptom-check/: the list of checkers.
std::string RenderSymptomCheckIndex(const knowledge::Knowledge& knowledge);

// /symptom-check/{id}/ with the empty form (what the static build writes),
// or nullopt when there is no checker with that id.
std::optional<std::string> RenderSymptomCheckPage(const knowledge::Knowledge& knowledge,
                                                  std::string_view checker_id);

// The ids answered "yes" in decoded query pairs (see the query format).
std::set<std::string> YesAnswers(const std::vector<std::pair<std::string, std::string>>& query);

// /symptom-check/{id}/?q1=yes&q2=no... : the form with the reader's answers
// kept, and the result: urgency heading, advice, all reasons, red flags
// answered. nullopt when there is no such checker (serve answers 404).
std::optional<std::string> RenderSymptomCheckResult(const knowledge::Knowledge& knowledge,
                                                    std::string_view checker_id,
                                                    const std::set<std::string>& yes);

}  // namespace evidoc::render
