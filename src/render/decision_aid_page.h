// The decision aid page for one condition (IPDAS; MAGIC's layered aids):
// a plain HTML GET form to choose the options to compare (doing nothing
// included), the chosen options side by side with the same denominator (out
// of 100 people) and time frame and the certainty of each number, practical
// issues, "what matters most to you" questions, and a printable one-page
// summary (print CSS). JavaScript (assets/tools.js) only enhances: it hides
// unchosen options without a round trip and adds a print button.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "knowledge/knowledge.h"

namespace evidoc::render {

// The GET parameter that carries each chosen option id (repeated).
inline constexpr std::string_view kDecisionAidOptionParam = "option";

// The whole HTML document for /decision-aid/{condition}/ showing the options
// in `chosen` (empty: all). What `evidoc serve` answers for
// "GET /decision-aid/leg-cramps/?option=quinine&option=doing-nothing"; the
// static build renders it with no choice. Returns nullopt when the
// condition has no decision aid (serve answers 404).
std::optional<std::string> RenderDecisionAidPage(const knowledge::Knowledge& knowledge,
                                                 std::string_view condition,
                                                 const std::set<std::string>& chosen = {});

}  // namespace evidoc::render
