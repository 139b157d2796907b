// Forest plot of a meta-analysis as a standalone SVG document, Cochrane
// style: one row per study (label, square sized by weight, confidence
// interval, weight and estimate as text), the pooled diamond, the prediction
// interval, a log axis for ratio measures, "favours ..." labels under the
// axis and the heterogeneity and overall-effect lines.
//
// All text is real SVG <text> (screen readers and search read it); the
// document has a <title> and a <desc> summarising the result, and
// role="img" with aria-labelledby. Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "evidence/meta_analysis.h"

namespace evidoc::evidence {

struct ForestOptions {
  std::string title;                               // default: "Forest plot: <measure>, <method>"
  std::string favours_left = "Favours treatment";  // label under the left half of the axis
  std::string favours_right = "Favours control";   // label under the right half
  int width = 860;                                 // pixels (the height follows from the rows)
  // Prefix of the ids of <title> and <desc>: give each plot on one page its
  // own, since aria-labelledby needs ids that are unique in the document.
  std::string id = "forest";
};

// Renders the plot. Never fails: values outside the axis are drawn as
// arrows at its edge. Ratio measures are plotted on the natural scale with a
// log axis; the text columns show natural-scale values too.
std::string RenderForestSvg(const MetaAnalysisResult& result, const ForestOptions& options = {});

// Escapes text for SVG/XML character data and attribute values (& < > " ').
// Invalid control characters (not allowed in XML 1.0) are dropped.
std::string EscapeSvg(std::string_view text);

}  // namespace evidoc::evidence
