#include "text/readability.h"

#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "text/syllables.h"
#include "text/tokenize.h"

namespace evidoc::text {

namespace {

// Hashes std::string keys and std::string_view probes alike (lookups
// without building a string).
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

Readability MeasureReadability(const std::vector<std::string>& blocks) {
  Readability r;
  // Syllables of each distinct word, counted once: an article uses a few
  // hundred words a thousand times, and counting was most of the cost.
  std::unordered_map<std::string, int, WordHash, std::equal_to<>> syllables;
  for (const std::string& block : blocks) {
    for (std::string_view sentence : SplitSentences(block)) {
      int words = 0;
      ForEachWord(sentence, [&](std::string_view w) {
        auto it = syllables.find(w);
        if (it == syllables.end()) it = syllables.emplace(std::string(w), CountSyllables(w)).first;
        const int s = it->second;
        ++words;
        r.syllables += s;
        if (s >= 3) ++r.polysyllables;
      });
      if (words == 0) continue;  // no words: not a sentence
      ++r.sentences;
      r.words += words;
    }
  }
  if (r.words == 0 || r.sentences == 0) return r;
  const double asl = static_cast<double>(r.words) / r.sentences;
  const double asw = static_cast<double>(r.syllables) / r.words;
  r.flesch_kincaid_grade = 0.39 * asl + 11.8 * asw - 15.59;
  r.smog_grade = 1.0430 * std::sqrt(r.polysyllables * 30.0 / r.sentences) + 3.1291;
  return r;
}

}  // namespace evidoc::text
