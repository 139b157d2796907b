#include "text/tokenize.h"

#include <gtest/gtest.h>

namespace evidoc::text {
namespace {

using Views = std::vector<std::string_view>;
using Strings = std::vector<std::string>;

TEST(SplitSentences, EndMarksAndAbbreviations) {
  EXPECT_EQ(SplitSentences("Cramps hurt. They pass! Why? Nobody knows"),
            (Views{"Cramps hurt.", "They pass!", "Why?", "Nobody knows"}));
  EXPECT_EQ(SplitSentences("Take 3.5 mg, e.g. at night. Dr. Smith agrees."),
            (Views{"Take 3.5 mg, e.g. at night.", "Dr. Smith agrees."}));
  EXPECT_EQ(SplitSentences("He said \"stop.\" Then he left..."),
            (Views{"He said \"stop.\"", "Then he left..."}));
  EXPECT_EQ(SplitSentences("See J. Smith (2010). It helps."),
            (Views{"See J. Smith (2010).", "It helps."}));
  EXPECT_EQ(SplitSentences("Visit evidoc.org now."), (Views{"Visit evidoc.org now."}));
  EXPECT_EQ(SplitSentences("It ends.\u201d Next one."), (Views{"It ends.\u201d", "Next one."}));
}

TEST(SplitSentences, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences("  ... !!! 42. ").empty());
}

TEST(SplitWords, LettersApostrophesHyphens) {
  EXPECT_EQ(SplitWords("Don't worry—it's a well-known cramp (charley horse)."),
            (Strings{"Don't", "worry", "it's", "a", "well-known", "cramp", "charley", "horse"}));
  EXPECT_EQ(SplitWords("Baker\u2019s cyst in 2024: 3.5 mg, B12 – Müller"),
            (Strings{"Baker's", "cyst", "in", "mg", "B12", "Müller"}));
  EXPECT_EQ(SplitWords("-- 'quoted' --"), (Strings{"quoted"}));
  EXPECT_TRUE(SplitWords(std::string("\xff\xc3", 2)).empty());
}

}  // namespace
}  // namespace evidoc::text
