#include "text/syllables.h"

#include <gtest/gtest.h>

#include <string>

namespace evidoc::text {
namespace {

struct Case {
  const char* word;
  int syllables;  // dictionary count (Merriam-Webster / Cambridge hyphenation)
};

// Ordinary words, endings the rules handle, and words common in leaflets
// about leg cramps, clots and medicines.
constexpr Case kCases[] = {
    {"the", 1},        {"cat", 1},          {"a", 1},          {"make", 1},
    {"makes", 1},      {"table", 2},        {"tables", 2},     {"whole", 1},
    {"people", 2},     {"office", 2},       {"boxes", 2},      {"wishes", 2},
    {"pages", 2},      {"places", 2},       {"jumped", 1},     {"played", 1},
    {"wanted", 2},     {"needed", 2},       {"settled", 2},    {"beyond", 2},
    {"player", 2},     {"yes", 1},          {"day", 1},        {"lonely", 2},
    {"careful", 2},    {"treatment", 2},    {"painless", 2},   {"illness", 2},
    {"usually", 4},    {"quickly", 2},      {"family", 3},     {"apply", 2},
    {"only", 2},       {"radio", 3},        {"period", 3},     {"previous", 3},
    {"serious", 3},    {"nation", 2},       {"delicious", 3},  {"medium", 3},
    {"calcium", 3},    {"magnesium", 4},    {"potassium", 4},  {"media", 3},
    {"trivial", 3},    {"special", 2},      {"initial", 3},    {"video", 3},
    {"diet", 2},       {"anxiety", 4},      {"being", 2},      {"going", 2},
    {"quinine", 2},    {"cramp", 1},        {"cramps", 1},     {"muscle", 2},
    {"muscles", 2},    {"stretching", 2},   {"thrombosis", 3}, {"doctor", 2},
    {"medicine", 3},   {"medicines", 3},    {"pregnancy", 3},  {"swollen", 2},
    {"idiopathic", 5}, {"osteoporosis", 6}, {"actual", 3},     {"quality", 3},
    {"language", 2},   {"hypokalaemia", 6}, {"anaemia", 4},    {"dehydration", 4},
    {"well-known", 2}, {"don't", 1},        {"Night", 1},      {"CALF", 1},
    {"café", 2},       {"every", 3},        {"different", 3},  {"placebo", 3},
    {"evidence", 3},   {"reduces", 3},      {"tonic", 2},      {"water", 2},
    {"leg", 1},        {"legs", 1},         {"sleep", 1},      {"night", 1},
};

TEST(CountSyllables, DictionaryCounts) {
  for (const Case& c : kCases) {
    EXPECT_EQ(CountSyllables(c.word), c.syllables) << "word: " << c.word;
  }
}

// The worked example on Wikipedia's "Flesch–Kincaid readability tests" page:
// "The Australian platypus is seemingly a hybrid of a mammal and reptilian
// creature" has 24 syllables in 13 words.
TEST(CountSyllables, FleschKincaidWorkedExample) {
  int total = 0;
  for (const char* w : {"The", "Australian", "platypus", "is", "seemingly", "a", "hybrid", "of",
                        "a", "mammal", "and", "reptilian", "creature"}) {
    total += CountSyllables(w);
  }
  EXPECT_EQ(total, 24);
}

TEST(CountSyllables, NoLettersAndOddInput) {
  EXPECT_EQ(CountSyllables(""), 0);
  EXPECT_EQ(CountSyllables("-"), 0);
  EXPECT_EQ(CountSyllables("hmm"), 1);
  EXPECT_EQ(CountSyllables(std::string("\xff\xfe\xc3", 3)), 1);  // junk bytes: never crash
  EXPECT_EQ(CountSyllables(std::string(10000, 'a')), 1);         // one vowel group
}

}  // namespace
}  // namespace evidoc::text
