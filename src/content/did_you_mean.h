// "did you mean 'xyz'?" suggestions for misspelt field names, slugs and keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evidoc::content {

// Levenshtein distance (insertions, deletions, substitutions; bytes).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible
// typo (distance <= max(2, length/3) and less than the word's length, or one
// is a prefix of the other, at least 4 letters long); ties go to the earlier
// candidate.
// Returns "" when none is close. Compares case-insensitively.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'xyz'?)" or "" — to append to a message.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace evidoc::content
