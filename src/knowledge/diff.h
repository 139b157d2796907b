// What moved between two weighings of the evidence (`evidoc diff OLD NEW`):
// which estimates, certainties, statements and categories changed, and why
// (studies added, removed or corrected; judgements, comparators or MIDs
// edited) — the "what's changed" of a living evidence summary. Pure.
#pragma once

#include <string>
#include <vector>

#include "knowledge/knowledge.h"

namespace evidoc::knowledge {

struct Change {
  std::string treatment;  // treatment id
  std::string outcome;    // outcome id; "" for treatment-level changes
  // "treatment added" | "treatment removed" | "outcome added" | "outcome removed"
  // | "studies" | "judgement" | "comparator" | "mid" | "estimate" | "participants"
  // | "certainty" | "statement" | "category"
  std::string what;
  std::string before, after;  // "" when not applicable
  std::string why;            // the reason shown beside it ("" when self-evident)
};

// Compares by treatment id and outcome id, in NEW's order (removed items
// after). Estimates count as changed when they differ at the 2 decimals
// shown. Empty when nothing a reader sees has moved.
std::vector<Change> DiffKnowledge(const Knowledge& before, const Knowledge& after);

// Human-readable report: one block per treatment, indented per outcome.
std::string FormatChangesText(const std::vector<Change>& changes);

// {"changes": [{"treatment", "outcome", "what", "before", "after", "why"}]}
std::string FormatChangesJson(const std::vector<Change>& changes);

}  // namespace evidoc::knowledge
