#include "render/glossary_linker.h"

#include <gtest/gtest.h>

namespace evidoc::render {
namespace {

std::vector<content::GlossaryTerm> Terms() {
  content::GlossaryTerm a;
  a.id = "placebo";
  a.term = "placebo";
  a.aliases = {"placebos", "dummy pill"};
  content::GlossaryTerm b;
  b.id = "dummy";
  b.term = "dummy";
  content::GlossaryTerm c;
  c.id = "bakers-cyst";
  c.term = "Baker's cyst";
  return {a, b, c};
}

std::string Show(std::string_view text, const std::vector<GlossaryLinker::Match>& ms) {
  std::string s;
  for (const auto& m : ms) s += "[" + std::string(text.substr(m.begin, m.end - m.begin)) + "]";
  return s;
}

TEST(GlossaryLinker, MatchesOnWordBoundariesCaseInsensitivelyOncePerTerm) {
  const auto terms = Terms();
  const GlossaryLinker linker(terms);
  auto used = linker.NewUsedSet();
  const std::string t1 = "Placeboes are not PLACEBOS; a Dummy Pill is. A placebo. A baker's cyst.";
  // "Placeboes" is not a word-boundary match; "PLACEBOS" is (alias); then
  // the placebo term is used up; "Dummy Pill" belongs to placebo (used), so
  // "Dummy" alone matches the "dummy" term.
  EXPECT_EQ(Show(t1, linker.FindFirstUses(t1, used)), "[PLACEBOS][Dummy][baker's cyst]");
  const std::string t2 = "dummy placebo";
  EXPECT_EQ(Show(t2, linker.FindFirstUses(t2, used)), "");
}

TEST(GlossaryLinker, PrefersTheLongestFormAtAPlace) {
  const auto terms = Terms();
  const GlossaryLinker linker(terms);
  auto used = linker.NewUsedSet();
  const std::string t = "a dummy pill and a dummy";
  const auto ms = linker.FindFirstUses(t, used);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(Show(t, ms), "[dummy pill][dummy]");
  EXPECT_EQ(ms[0].term_index, 0u);
  EXPECT_EQ(ms[1].term_index, 1u);
}

TEST(GlossaryLinker, NonAsciiLettersAreWordCharacters) {
  std::vector<content::GlossaryTerm> terms(1);
  terms[0].id = "cafe";
  terms[0].term = "caf";
  const GlossaryLinker linker(terms);
  auto used = linker.NewUsedSet();
  const std::string t = "caf\xC3\xA9 caf.";
  EXPECT_EQ(Show(t, linker.FindFirstUses(t, used)), "[caf]");
  EXPECT_EQ(linker.FindFirstUses("", used).size(), 0u);
}

// Words as long as the longest first words (31 bytes and more share one
// length bucket of the linker's quick filter) and words of the same first
// letter and length as a term are still told apart by their text.
TEST(GlossaryLinker, LongWordsAndLookAlikesAreComparedWhole) {
  std::vector<content::GlossaryTerm> terms(2);
  terms[0].id = "long";
  terms[0].term = "Pneumonoultramicroscopicsilicovolcanoconiosis";  // 45 letters
  terms[1].id = "statin";
  terms[1].term = "statin";
  const GlossaryLinker linker(terms);
  auto used = linker.NewUsedSet();
  const std::string t =
      "Pneumonoultramicroscopicsilicovolcanoconiosiz, stating, "
      "pneumonoultramicroscopicsilicovolcanoconiosis and STATIN.";
  EXPECT_EQ(Show(t, linker.FindFirstUses(t, used)),
            "[pneumonoultramicroscopicsilicovolcanoconiosis][STATIN]");
}

}  // namespace
}  // namespace evidoc::render
