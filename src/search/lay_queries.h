// The 780 two-word lay queries of bench/search_queries.lua (every pair of 40
// words the bundled content has or lacks, in the same order), for the search
// benchmark (bench/bench_search.cc) and the test that checks the search's
// shortcuts against the plain way (search_bundled_test.cc).
#pragma once

#include <string>
#include <vector>

namespace evidoc::search {

inline std::vector<std::string> LayQueryPairs() {
  const char* words[] = {
      "calf",      "cramp",     "night",  "leg",      "pain",    "swollen",  "knee",    "statin",
      "clot",      "lung",      "breath", "vein",     "numb",    "feet",     "stretch", "magnesium",
      "quinine",   "pregnancy", "older",  "muscle",   "tablets", "blood",    "red",     "warm",
      "lump",      "behind",    "chest",  "sudden",   "tight",   "tingling", "burning", "walking",
      "stockings", "varicose",  "nerve",  "diabetes", "water",   "heat",     "massage", "exercise"};
  std::vector<std::string> out;
  const size_t n = sizeof words / sizeof words[0];
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) out.push_back(std::string(words[i]) + " " + words[j]);
  }
  return out;
}

}  // namespace evidoc::search
