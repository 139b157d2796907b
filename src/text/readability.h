// Readability grades of patient-facing prose: Flesch–Kincaid grade level and
// SMOG grade, the two the check reports against the site's reading-grade
// target (formulas in ../shared/reference/standards.md section 6).
#pragma once

#include <string>
#include <vector>

namespace evidoc::text {

struct Readability {
  int sentences = 0;
  int words = 0;
  int syllables = 0;
  int polysyllables = 0;  // words of three or more syllables (SMOG)
  // 0.39 * words/sentences + 11.8 * syllables/words - 15.59 (Kincaid et al. 1975).
  double flesch_kincaid_grade = 0;
  // 1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291 (McLaughlin 1969).
  double smog_grade = 0;
};

// Measures `blocks` of prose: each block (a paragraph, a list item, a table
// cell) ends a sentence even without a full stop, because a list item or a
// cell is read as one. Blocks must already be prose only: no headings,
// citations, code or markup (content/prose.h extracts them from an article).
// With no words at all, every count and both grades are 0.
Readability MeasureReadability(const std::vector<std::string>& blocks);

}  // namespace evidoc::text
