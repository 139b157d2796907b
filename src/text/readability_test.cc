#include "text/readability.h"

#include <gtest/gtest.h>

#include <cmath>

namespace evidoc::text {
namespace {

// Wikipedia's worked example: 13 words, 24 syllables, one sentence -> 11.3.
TEST(MeasureReadability, FleschKincaidWorkedExample) {
  Readability r = MeasureReadability(
      {"The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."});
  EXPECT_EQ(r.sentences, 1);
  EXPECT_EQ(r.words, 13);
  EXPECT_EQ(r.syllables, 24);
  EXPECT_NEAR(r.flesch_kincaid_grade, 0.39 * 13 + 11.8 * 24 / 13 - 15.59, 1e-12);
  EXPECT_NEAR(r.flesch_kincaid_grade, 11.3, 0.05);
}

// Hand-worked: "The cat sat on the mat." 6 words, 6 syllables, 1 sentence:
// FK = 0.39*6 + 11.8*1 - 15.59 = -1.45; no polysyllables, SMOG = 3.1291.
TEST(MeasureReadability, OneSyllableWords) {
  Readability r = MeasureReadability({"The cat sat on the mat."});
  EXPECT_EQ(r.words, 6);
  EXPECT_EQ(r.syllables, 6);
  EXPECT_NEAR(r.flesch_kincaid_grade, -1.45, 1e-12);
  EXPECT_NEAR(r.smog_grade, 3.1291, 1e-12);
}

// Hand-worked SMOG: 3 sentences, polysyllables "medicine" (3), "thrombosis" (3),
// "idiopathic" (5): 1.0430 * sqrt(3 * 30 / 3) + 3.1291 = 1.043*5.4772 + 3.1291.
// Words 4+4+3 = 11; syllables (1+3+1+1)+(1+1+1+3)+(5+2+1)... counted below.
TEST(MeasureReadability, SmogHandWorked) {
  Readability r = MeasureReadability(
      {"Take the medicine daily.", "A clot means thrombosis.", "Idiopathic cramps happen"});
  EXPECT_EQ(r.sentences, 3);  // the last block ends a sentence without a stop
  EXPECT_EQ(r.words, 11);
  EXPECT_EQ(r.polysyllables, 3);
  // take1 the1 medicine3 daily2 | a1 clot1 means1 thrombosis3 | idiopathic5 cramps1 happen2
  EXPECT_EQ(r.syllables, 21);
  EXPECT_NEAR(r.smog_grade, 1.0430 * std::sqrt(30.0) + 3.1291, 1e-12);
  EXPECT_NEAR(r.flesch_kincaid_grade, 0.39 * 11 / 3 + 11.8 * 21 / 11 - 15.59, 1e-12);
}

TEST(MeasureReadability, NothingToMeasure) {
  Readability r = MeasureReadability({"", "42.", "  "});
  EXPECT_EQ(r.words, 0);
  EXPECT_EQ(r.sentences, 0);
  EXPECT_EQ(r.flesch_kincaid_grade, 0);
  EXPECT_EQ(r.smog_grade, 0);
}

}  // namespace
}  // namespace evidoc::text
