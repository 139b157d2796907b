// The medicines check: the reader types the medicines they take (generic or
// brand names, misspelt, several at once) and learns which of them may cause
// a condition the content covers, with a plain explanation and citations.
//
// Pure functions over a validated Content: no I/O, no clock and, on purpose,
// no logging: nothing the reader types is stored or written anywhere. The
// result borrows pointers into the Content; it must not outlive it.
// Thread-safe: the functions keep no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"

namespace evidoc::tools {

// Limits on what the reader may type. They exist because matching is
// O(items x names x length^2) and a public form must not be a way to burn CPU:
// 4,000 characters is a long repeat-prescription list; 40 items is more
// medicines than any one person takes; 80 characters is longer than any
// generic or brand name in use (the longest INNs are about 30 letters).
inline constexpr std::size_t kMaxMedicinesInputBytes = 4000;
inline constexpr std::size_t kMaxMedicineItems = 40;
inline constexpr std::size_t kMaxMedicineItemChars = 80;

// Always shown with every result, whatever matched.
inline constexpr std::string_view kMedicinesSafetyAdvice =
    "Do not stop taking a medicine, or change how you take it, without talking to your "
    "doctor or pharmacist first. Stopping some medicines suddenly can be dangerous.";

// One condition a matched medicine may cause.
struct MedicineLink {
  std::string condition;                             // article slug
  std::string condition_title;                       // the article's title (the slug if not found)
  std::string explanation;                           // plain words from the content
  std::vector<const content::Reference*> citations;  // resolved, in content order
};

struct MedicineMatch {
  std::string input;         // the reader's words for this item, trimmed
  std::string matched_name;  // the name it matched, as the content spells it
  bool via_brand = false;    // matched a brand name (the generic is member->generic)
  bool exact = false;        // matched without any spelling correction
  const content::MedicineClass* medicine_class = nullptr;
  const content::MedicineMember* member = nullptr;
  std::vector<MedicineLink> may_cause;  // empty when the class causes nothing covered
};

struct UnmatchedMedicine {
  std::string input;                     // the reader's words, trimmed
  std::vector<std::string> suggestions;  // "did you mean", best first, at most 3
};

struct MedicinesCheckResult {
  std::vector<MedicineMatch> matches;  // in the order the reader typed them
  std::vector<UnmatchedMedicine> unmatched;
  bool truncated = false;  // input was cut at one of the limits above
  std::string_view safety_advice = kMedicinesSafetyAdvice;  // never empty
};

// Splits what the reader typed into items: commas, semicolons, slashes, plus
// signs, new lines and the word "and" separate them. Trims, drops empty items.
// Applies kMaxMedicinesInputBytes / kMaxMedicineItems / kMaxMedicineItemChars;
// sets *truncated (if given) when it had to cut.
std::vector<std::string> SplitMedicineList(std::string_view text, bool* truncated = nullptr);

// Case-folds and keeps the words of a name that can identify a medicine:
// drops dose words ("40mg", "tablets", "twice daily"). "Simvastatin 40 mg
// tablets" -> "simvastatin". Returns "" when nothing is left.
std::string NormaliseMedicineName(std::string_view text);

// Optimal-string-alignment distance (Damerau-Levenshtein where each substring
// is edited once): insertions, deletions, substitutions, adjacent swaps.
int EditDistance(std::string_view a, std::string_view b);

// The largest edit distance accepted for a typed name of `length` letters:
// 0 up to 3 letters, 1 up to 5, 2 up to 8, 3 beyond. Short names get no
// slack because "ace" must not become "acei".
int AllowedDistance(std::size_t length);

// Runs the check. Every item becomes either one or more matches (a name can
// belong to several classes) or one unmatched entry. Never fails.
MedicinesCheckResult CheckMedicines(const content::Content& content, std::string_view text);

}  // namespace evidoc::tools
