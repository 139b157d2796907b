#include "tools/medicines_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace evidoc::tools {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

content::Content Fixture() {
  content::Content c;
  content::Article cramps;
  cramps.slug = "leg-cramps";
  cramps.title = "Leg cramps";
  c.articles.push_back(cramps);
  content::Reference garrison;
  garrison.key = "garrison2012";
  garrison.title = "Cramps and diuretics";
  c.references.push_back(garrison);
  content::Reference other;
  other.key = "other2020";
  c.references.push_back(other);

  content::MedicineClass diuretics;
  diuretics.id = "diuretics";
  diuretics.name = "Diuretics (water tablets)";
  diuretics.atc = "C03";
  diuretics.members = {{"furosemide", {"Lasix"}, "4603", "C03CA01"},
                       {"bendroflumethiazide", {"Aprinox"}, "", "C03AA01"}};
  diuretics.may_cause = {{"leg-cramps",
                          "They make you pass more urine, which can lower the salts your "
                          "muscles need.",
                          {"garrison2012"}}};
  c.medicines.push_back(diuretics);

  content::MedicineClass statins;
  statins.id = "statins";
  statins.name = "Statins";
  statins.atc = "C10AA";
  statins.members = {{"simvastatin", {"Zocor"}, "36567", "C10AA01"},
                     {"atorvastatin", {"Lipitor"}, "83367", "C10AA05"}};
  statins.may_cause = {{"leg-cramps", "They can cause muscle aches and cramps.", {"other2020"}}};
  c.medicines.push_back(statins);

  content::MedicineClass beta2;
  beta2.id = "beta2-agonists";
  beta2.name = "Reliever inhalers (beta-2 agonists)";
  beta2.atc = "R03AC";
  beta2.members = {{"salbutamol", {"Ventolin"}, "435", "R03AC02"}};
  c.medicines.push_back(beta2);  // causes nothing the content covers
  return c;
}

TEST(SplitMedicineList, SeparatorsAndTheWordAnd) {
  EXPECT_THAT(SplitMedicineList("Lasix, simvastatin\nventolin AND aspirin; a/b + c & d"),
              ElementsAre("Lasix", "simvastatin", "ventolin", "aspirin", "a", "b", "c", "d"));
  // "and" inside a word is not a separator.
  EXPECT_THAT(SplitMedicineList("Sandoz brand and candesartan"),
              ElementsAre("Sandoz brand", "candesartan"));
  EXPECT_THAT(SplitMedicineList(" , \n ,, "), IsEmpty());
}

TEST(SplitMedicineList, Limits) {
  std::string many;
  for (int i = 0; i < 50; ++i) many += "drug" + std::to_string(i) + ",";
  bool truncated = false;
  auto items = SplitMedicineList(many, &truncated);
  EXPECT_EQ(items.size(), kMaxMedicineItems);
  EXPECT_EQ(items.back(), "drug39");
  EXPECT_TRUE(truncated);

  std::string long_item(200, 'x');
  items = SplitMedicineList(long_item, &truncated);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].size(), kMaxMedicineItemChars);
  EXPECT_TRUE(truncated);

  // Cutting never splits a UTF-8 character: 79 'x' then a 2-byte 'é'.
  items = SplitMedicineList(std::string(79, 'x') + "\xC3\xA9", &truncated);
  EXPECT_EQ(items[0], std::string(79, 'x'));

  SplitMedicineList("simvastatin", &truncated);
  EXPECT_FALSE(truncated);
}

TEST(EditDistance, KnownValues) {
  struct Case {
    const char* a;
    const char* b;
    int want;
  } cases[] = {
      {"", "", 0},
      {"", "abc", 3},
      {"kitten", "sitting", 3},
      {"ca", "ac", 1},
      {"ca", "abc", 3},  // OSA, not unrestricted Damerau (2)
      {"furosemid", "furosemide", 1},
      {"simvastatine", "simvastatin", 1},
      {"salbutamole", "salbutamol", 1},
      {"furosmeide", "furosemide", 1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EditDistance(c.a, c.b), c.want) << c.a << " / " << c.b;
    EXPECT_EQ(EditDistance(c.b, c.a), c.want) << c.b << " / " << c.a;
  }
}

TEST(NormaliseMedicineName, DropsDoseWordsAndCase) {
  EXPECT_EQ(NormaliseMedicineName("Simvastatin 40 mg tablets"), "simvastatin");
  EXPECT_EQ(NormaliseMedicineName("  FUROSEMIDE 20mg once daily "), "furosemide");
  EXPECT_EQ(NormaliseMedicineName("Ipratropium-Bromide"), "ipratropium bromide");
  EXPECT_EQ(NormaliseMedicineName("40mg"), "");
}

TEST(CheckMedicines, MisspellingsMatch) {
  const auto c = Fixture();
  auto r = CheckMedicines(c, "simvastatine\nfurosemid\nsalbutamole");
  ASSERT_EQ(r.matches.size(), 3u);
  EXPECT_THAT(r.unmatched, IsEmpty());
  EXPECT_EQ(r.matches[0].input, "simvastatine");
  EXPECT_EQ(r.matches[0].member->generic, "simvastatin");
  EXPECT_EQ(r.matches[0].medicine_class->id, "statins");
  EXPECT_FALSE(r.matches[0].exact);
  EXPECT_EQ(r.matches[1].member->generic, "furosemide");
  EXPECT_EQ(r.matches[1].medicine_class->atc, "C03");
  EXPECT_EQ(r.matches[2].member->generic, "salbutamol");
  EXPECT_THAT(r.matches[2].may_cause, IsEmpty());
  EXPECT_EQ(r.safety_advice, kMedicinesSafetyAdvice);
}

TEST(CheckMedicines, BrandsMapToGenericWithExplanationAndCitation) {
  const auto c = Fixture();
  auto r = CheckMedicines(c, "LASIX");
  ASSERT_EQ(r.matches.size(), 1u);
  const auto& m = r.matches[0];
  EXPECT_TRUE(m.via_brand);
  EXPECT_TRUE(m.exact);
  EXPECT_EQ(m.matched_name, "Lasix");
  EXPECT_EQ(m.member->generic, "furosemide");
  ASSERT_EQ(m.may_cause.size(), 1u);
  EXPECT_EQ(m.may_cause[0].condition, "leg-cramps");
  EXPECT_EQ(m.may_cause[0].condition_title, "Leg cramps");
  EXPECT_EQ(m.may_cause[0].explanation,
            "They make you pass more urine, which can lower the salts your muscles need.");
  ASSERT_EQ(m.may_cause[0].citations.size(), 1u);
  EXPECT_EQ(m.may_cause[0].citations[0]->key, "garrison2012");

  // A misspelt brand: "Lipitr" (6 letters, 1 edit) -> atorvastatin.
  r = CheckMedicines(c, "lipitr");
  ASSERT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.matches[0].member->generic, "atorvastatin");
  EXPECT_TRUE(r.matches[0].via_brand);
}

TEST(CheckMedicines, SeveralAtOnceInOrderAndDeduplicated) {
  const auto c = Fixture();
  auto r = CheckMedicines(
      c, "Zocor and furosemide 40mg, Ventolin inhaler, Lasix, my water tablet aprinox");
  std::vector<std::string> got;
  for (const auto& m : r.matches) got.push_back(m.input + " -> " + m.member->generic);
  // "Lasix" is furosemide again: shown once, under what the reader typed first.
  EXPECT_THAT(got, ElementsAre("Zocor -> simvastatin", "furosemide 40mg -> furosemide",
                               "Ventolin inhaler -> salbutamol",
                               "my water tablet aprinox -> bendroflumethiazide"));
  EXPECT_THAT(r.unmatched, IsEmpty());
}

TEST(CheckMedicines, NonsenseIsUnmatchedWithHonestSuggestions) {
  const auto c = Fixture();
  auto r = CheckMedicines(c, "xyzzy, simva, atorvastatinn, qqqqqqqqqqqq");
  ASSERT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.matches[0].member->generic, "atorvastatin");
  ASSERT_EQ(r.unmatched.size(), 3u);
  EXPECT_EQ(r.unmatched[0].input, "xyzzy");
  EXPECT_THAT(r.unmatched[0].suggestions, IsEmpty());
  EXPECT_EQ(r.unmatched[1].input, "simva");
  EXPECT_THAT(r.unmatched[1].suggestions, ElementsAre("simvastatin"));
  EXPECT_THAT(r.unmatched[2].suggestions, IsEmpty());
  EXPECT_EQ(r.safety_advice, kMedicinesSafetyAdvice);
}

TEST(CheckMedicines, ShortNamesGetNoSpellingSlack) {
  content::Content c;
  content::MedicineClass cls;
  cls.id = "x";
  cls.members = {{"ace", {}, "", ""}};
  c.medicines.push_back(cls);
  EXPECT_EQ(CheckMedicines(c, "ace").matches.size(), 1u);
  EXPECT_THAT(CheckMedicines(c, "acu").matches, IsEmpty());
}

TEST(CheckMedicines, AmbiguousCorrectionBecomesAQuestion) {
  content::Content c;
  content::MedicineClass cls;
  cls.id = "x";
  cls.members = {{"abcdefgh", {}, "", ""}, {"abcdefgk", {}, "", ""}};
  c.medicines.push_back(cls);
  auto r = CheckMedicines(c, "abcdefgx");
  EXPECT_THAT(r.matches, IsEmpty());
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_THAT(r.unmatched[0].suggestions, ElementsAre("abcdefgh", "abcdefgk"));
}

TEST(CheckMedicines, EmptyAndHugeInputStillCarryTheAdvice) {
  const auto c = Fixture();
  auto r = CheckMedicines(c, "");
  EXPECT_THAT(r.matches, IsEmpty());
  EXPECT_THAT(r.unmatched, IsEmpty());
  EXPECT_EQ(r.safety_advice, kMedicinesSafetyAdvice);

  std::string huge(100000, 'a');
  r = CheckMedicines(c, huge);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.safety_advice, kMedicinesSafetyAdvice);
}

}  // namespace
}  // namespace evidoc::tools
