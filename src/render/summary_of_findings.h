// The summary-of-findings table of one treatment in the GRADE layout
// (outcome; participants and studies; certainty; relative effect; risk with
// the comparator; difference; statement), as JSON and as an HTML fragment,
// plus the cell texts, which `evidoc diff` and the API reuse. Pure functions
// of the Knowledge, thread-safe.
#pragma once

#include <string>

#include "knowledge/knowledge.h"
#include "render/html.h"

namespace evidoc::render {

// "RR 1.42 (1.09 to 1.86)", "MD 1.80 (-1.32 to 4.92)"; "" without a result.
std::string RelativeEffectText(const knowledge::OutcomeResult& r);
// "38 (1 study)", "952 (13 studies)".
std::string ParticipantsText(const knowledge::OutcomeResult& r);
// "605 per 1,000" or "7.7 cramps in 2 weeks"; "" without a comparator.
std::string ComparatorText(const knowledge::OutcomeResult& r);
// "861 per 1,000 (657 to 1,000)" or "9.5 cramps in 2 weeks (6.38 to 12.6)".
std::string InterventionText(const knowledge::OutcomeResult& r);
// "256 more per 1,000 (52 more to 395 more)", "1.8 more cramps in 2 weeks
// (1.32 fewer to 4.92 more)"; "" without absolute effects.
std::string DifferenceText(const knowledge::OutcomeResult& r);
// "Low" + the domains rated down: "Low (imprecision -2)".
std::string CertaintyText(const knowledge::OutcomeResult& r);
std::string CertaintyLabel(knowledge::Certainty c);  // "High", "Moderate", "Low", "Very low"

// {"treatment": id, "name", "population", "comparison", "rows": [...]}, one row
// per outcome in file order (field names in docs/grade.md).
std::string SummaryOfFindingsJson(const knowledge::TreatmentResult& t);

// <table class="sof">…</table> with a caption, column headers with scope,
// every text escaped by HtmlWriter.
Html SummaryOfFindingsHtml(const knowledge::TreatmentResult& t);

}  // namespace evidoc::render
