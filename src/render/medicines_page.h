// The medicines check page (a GET form and, when given what the reader
// typed, the results) and the medicines A-Z page. Pure; thread-safe; no
// logging: the reader's words are only echoed back, escaped, into the page.
#pragma once

#include <string>
#include <string_view>

#include "knowledge/knowledge.h"

namespace evidoc::render {

// The GET parameter (a textarea) that carries what the reader typed.
inline constexpr std::string_view kMedicinesParam = "medicines";

// /medicines-check/ with the empty form: what the static build writes. It
// says that the check needs `evidoc serve` (a static copy cannot answer).
std::string RenderMedicinesCheckPage(const knowledge::Knowledge& knowledge);

// /medicines-check/?medicines=... : the form filled with the reader's words
// and the results (tools::CheckMedicines): each match with its class and the
// conditions it may cause (plain explanation, citations), unmatched words
// with "did you mean" suggestions, and always the advice not to stop a
// medicine without talking to a doctor or pharmacist. What `evidoc serve`
// answers for a GET with the parameter (even when empty).
std::string RenderMedicinesCheckResult(const knowledge::Knowledge& knowledge,
                                       std::string_view medicines_text);

// /medicines/: every medicine in the content, A to Z by generic name, with
// its brands, class (ATC) and the conditions it may cause.
std::string RenderMedicinesAzPage(const knowledge::Knowledge& knowledge);

}  // namespace evidoc::render
