#include "text/readability.h"

#include <cmath>

#include "text/syllables.h"
#include "text/tokenize.h"

namespace evidoc::text {

Readability MeasureReadability(const std::vector<std::string>& blocks) {
  Readability r;
  for (const std::string& block : blocks) {
    for (std::string_view sentence : SplitSentences(block)) {
      int words = 0;
      ForEachWord(sentence, [&](std::string_view w) {
        const int s = CountSyllables(w);
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
