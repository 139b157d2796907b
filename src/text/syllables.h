// Counting the syllables of an English word, for the readability formulas
// (Flesch–Kincaid grade, SMOG) in readability.h.
#pragma once

#include <string_view>

namespace evidoc::text {

// The number of spoken syllables in one English word (letters, optionally with
// apostrophes or hyphens: "don't", "well-known"), estimated by rules.
// Returns 0 for a word with no letters, at least 1 otherwise. Never fails;
// non-ASCII bytes are treated as letters that are not vowels, except the
// Latin-1 accented vowels (é, ï, ...), which count as vowels.
//
// It is an estimate: English spelling does not fix pronunciation. It counts
// the dictionary syllables of ordinary and common medical words (see the
// table in syllables_test.cc) and matches the counting in the published
// Flesch–Kincaid worked example ("Australian" = 3, "reptilian" = 3).
int CountSyllables(std::string_view word);

}  // namespace evidoc::text
