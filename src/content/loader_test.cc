// Loader unit tests on an in-memory file system: every check, with whole
// diagnostic texts, and hostile input (sizes, depths, bytes) that must be
// reported, never crash or hang.
#include "content/loader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/file_system.h"
#include "content/limits.h"

namespace evidoc::content {
namespace {

constexpr const char* kSite = "title: Test\nbase_url: https://example.org\n";

std::string ArticleFile(const std::string& front, const std::string& body) {
  return "---\n" + front + "---\n" + body;
}

constexpr const char* kFront = "title: T\nsummary: S.\nlast_reviewed: 2026-01-01\n";

class LoaderTest : public ::testing::Test {
 protected:
  LoaderTest() { fs_.AddFile("c/site.yaml", kSite); }

  LoadResult Run(std::optional<Date> today = std::nullopt) {
    LoadOptions o;
    o.today = today;
    return Load(fs_, "c", o);
  }

  // All diagnostics, one formatted line each.
  std::vector<std::string> Messages(std::optional<Date> today = std::nullopt) {
    LoadResult r = Run(today);
    std::vector<std::string> out;
    for (const Diagnostic& d : r.diagnostics.items()) out.push_back(FormatDiagnostic(d));
    return out;
  }

  MemoryFileSystem fs_;
};

using Lines = std::vector<std::string>;

TEST_F(LoaderTest, MissingFolderAndSite) {
  MemoryFileSystem empty;
  LoadResult r = Load(empty, "nowhere");
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(r.diagnostics.items()[0]), "nowhere: error: content folder not found");
  MemoryFileSystem no_site;
  no_site.AddFile("c/articles/a.md", ArticleFile(kFront, "Hi."));
  r = Load(no_site, "c");
  EXPECT_EQ(FormatDiagnostic(r.diagnostics.items()[0]),
            "c/site.yaml: error: missing site.yaml (site title and base URL)");
  EXPECT_EQ(r.content, nullptr);
}

TEST_F(LoaderTest, MinimalArticleLoads) {
  fs_.AddFile("c/articles/a.md", ArticleFile(kFront, "Hi there.\n"));
  LoadResult r = Run();
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_NE(r.content, nullptr);
  ASSERT_EQ(r.content->articles.size(), 1u);
  const Article& a = r.content->articles[0];
  EXPECT_EQ(a.slug, "a");
  EXPECT_EQ(a.next_review, (Date{2029, 1, 1}));  // default review period: 36 months
  EXPECT_EQ(a.location, (Location{"c/articles/a.md", 1, 1}));
  EXPECT_EQ(r.files_read, 2);
}

TEST_F(LoaderTest, SiteSettingsValidated) {
  fs_.AddFile("c/site.yaml",
              "title: T\nbase_url: example.org/\nreading_grade_target: hard\nreview_period: 3\n");
  EXPECT_EQ(
      Messages(),
      (Lines{"c/site.yaml:2:11: error: base_url must be an absolute http(s) URL without a trailing "
             "'/', "
             "not 'example.org/'",
             "c/site.yaml:3:23: error: field 'reading_grade_target' must be a number, not 'hard'",
             "c/site.yaml:4:1: error: unknown field 'review_period' in site.yaml (did you mean "
             "'review_period_months'?)"}));
}

TEST_F(LoaderTest, MalformedYamlIsReportedAtItsPlaceInTheFile) {
  // The YAML error is on the 3rd line of the front matter = line 4 of the file.
  fs_.AddFile("c/articles/a.md", ArticleFile("title: T\nsummary: S\nlast_reviewed: [2026\n", "x"));
  Lines got = Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].rfind("c/articles/a.md:", 0), 0u);
  EXPECT_NE(got[0].find(": error: malformed YAML: "), std::string::npos) << got[0];
  int line = std::stoi(got[0].substr(std::string("c/articles/a.md:").size()));
  EXPECT_GE(line, 4);  // never a front-matter-relative line (1..3)
}

TEST_F(LoaderTest, CrlfLineEndings) {
  fs_.AddFile("c/articles/a.md",
              "---\r\ntitle: T\r\nsummary: S.\r\nlast_reviewed: 2026-01-01\r\nsumary: x\r\n---\r\n"
              "Body [@nokey].\r\n");
  EXPECT_EQ(Messages(), (Lines{"c/articles/a.md:5:1: error: unknown field 'sumary' in article "
                               "front matter (did you mean "
                               "'summary'?)",
                               "c/articles/a.md:7:7: error: unknown citation key 'nokey'"}));
}

TEST_F(LoaderTest, FrontMatterMissingOrUnclosed) {
  fs_.AddFile("c/articles/a.md", "# No front matter\n");
  fs_.AddFile("c/articles/b.md", "---\ntitle: T\n");
  fs_.AddFile("c/articles/c.md", "---\n---\nBody\n");
  EXPECT_EQ(
      Messages(),
      (Lines{
          "c/articles/a.md:1:1: error: missing front matter: an article must start with a line "
          "'---', then YAML fields, then '---'",
          "c/articles/b.md:1:1: error: front matter is not closed: add a line '---' after its "
          "fields",
          "c/articles/c.md:1:1: error: empty front matter: 'title', 'summary' and 'last_reviewed' "
          "are required"}));
}

TEST_F(LoaderTest, WrongTypesAndEmptyValues) {
  fs_.AddFile("c/articles/a.md",
              ArticleFile("title: [a, b]\nsummary:\nlast_reviewed: 2026-01-01\nsynonyms: cramp\n"
                          "red_flags:\n  - sign: x\n    urgency: soon\n    advice: y\n",
                          "x"));
  EXPECT_EQ(
      Messages(),
      (Lines{"c/articles/a.md:2:8: error: field 'title' must be text",
             "c/articles/a.md:3:1: error: field 'summary' is empty",
             "c/articles/a.md:5:11: error: field 'synonyms' must be a list",
             "c/articles/a.md:8:14: error: unknown urgency 'soon' (expected emergency, same_day, "
             "see_doctor or self_care)"}));
}

TEST_F(LoaderTest, Citations) {
  fs_.AddFile("c/references.json",
              R"([{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"},
{"id": "unused", "title": "U"}])");
  fs_.AddFile("c/articles/x.md",
              ArticleFile(kFront,
                          "One [@b]. Two [@a; @b, p. 3]. Three [-@c]. Not [a link] or a@b.\n"
                          "Mail me@example.org. Unknown [see @zzz].\n"));
  LoadResult r = Run();
  Lines got;
  for (const Diagnostic& d : r.diagnostics.items()) got.push_back(FormatDiagnostic(d));
  EXPECT_EQ(got, (Lines{"c/articles/x.md:7:35: error: unknown citation key 'zzz'",
                        "c/references.json:2:2: warning: reference 'unused' is never cited"}));
  // Load again without the bad key to inspect the model.
  fs_.AddFile("c/articles/x.md",
              ArticleFile(kFront, "One [@b]. Two [@a; @b, p. 3]. Three [-@c]. [@unused]\n"));
  r = Run();
  ASSERT_NE(r.content, nullptr);
  const Article& a = r.content->articles[0];
  EXPECT_EQ(a.cited_keys, (std::vector<std::string>{"b", "a", "c", "unused"}));
  const Node& p = a.body.children[0];
  std::vector<const Node*> cites;
  for (const Node& n : p.children) {
    if (n.kind == NodeKind::kCitation) cites.push_back(&n);
  }
  ASSERT_EQ(cites.size(), 4u);
  EXPECT_EQ(cites[1]->detail().citation_keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(cites[1]->detail().suppress_author);
  EXPECT_TRUE(cites[2]->detail().suppress_author);
  EXPECT_EQ(cites[1]->location, (LineColumn{6, 15}));
  EXPECT_EQ(p.children[0].text, "One ");
  EXPECT_EQ(p.children[2].text, ". Two ");
}

TEST_F(LoaderTest, ReferencesJson) {
  fs_.AddFile("c/references.json",
              "[\n  {\"id\": \"a\", \"title\": \"A\", \"PMID\": \"12x\", \"issued\": "
              "{\"date-parts\": [[99]]}},\n  {\"id\": \"a\", \"title\": \"again\"},\n  "
              "{\"title\": \"no id\"},\n  \"text\"\n]");
  fs_.AddFile("c/articles/x.md", ArticleFile(kFront, "[@a]\n"));
  EXPECT_EQ(
      Messages(),
      (Lines{"c/references.json:1:1: error: reference 3 has no \"id\"",
             "c/references.json:1:1: error: reference 4 is not a JSON object",
             "c/references.json:2:4: error: reference 'a': PMID must be digits only, not '12x'",
             "c/references.json:2:4: error: reference 'a': invalid year '99' in \"issued\"",
             "c/references.json:2:4: note: 'a' first defined here",
             "c/references.json:3:4: error: duplicate reference id 'a'"}));
}

TEST_F(LoaderTest, MalformedJsonAtItsPosition) {
  fs_.AddFile("c/references.json", "[\n  {\"id\": \"a\",, }\n]");
  Lines got = Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].rfind("c/references.json:2:14: error: malformed JSON: syntax error", 0), 0u)
      << got[0];
}

TEST_F(LoaderTest, CrossLinks) {
  fs_.AddFile("c/articles/leg-cramps.md", ArticleFile(kFront, "x\n"));
  fs_.AddFile("c/articles/dvt.md", ArticleFile(std::string(kFront) + "slug: blood-clot\n", "y\n"));
  fs_.AddFile("c/articles/links.md",
              ArticleFile(kFront,
                          "[a](dvt.md) [b](../articles/leg-cramps.md#cause) [c](/blood-clot/) "
                          "[d](leg-cramps) [e](https://nhs.uk/x) [f](#top) [g](/glossary/) "
                          "[h](mailto:a@b.c)\n\n[bad](/blood-clots/) [bad2](cramps.md)\n"));
  LoadResult r = Run();
  Lines got;
  for (const Diagnostic& d : r.diagnostics.items()) got.push_back(FormatDiagnostic(d));
  EXPECT_EQ(
      got,
      (Lines{
          "c/articles/links.md:8:7: error: dangling cross-link '/blood-clots/': no article has the "
          "slug 'blood-clots' (did you mean 'blood-clot'?)",
          "c/articles/links.md:8:29: error: dangling cross-link 'cramps.md': no article file "
          "'cramps.md'"}));
  fs_.AddFile("c/articles/links.md",
              ArticleFile(kFront,
                          "[a](dvt.md) [b](../articles/leg-cramps.md#cause) [c](/blood-clot/) "
                          "[d](leg-cramps) [e](https://nhs.uk/x) [f](#top) [g](/glossary/)\n"));
  r = Run();
  ASSERT_NE(r.content, nullptr);
  const Article* a = r.content->FindArticle("links");
  ASSERT_NE(a, nullptr);
  std::vector<std::pair<std::string, std::string>> links;
  for (const Node& n : a->body.children[0].children) {
    if (n.kind == NodeKind::kLink) links.emplace_back(n.detail().href, n.detail().link_slug);
  }
  EXPECT_EQ(links,
            (std::vector<std::pair<std::string, std::string>>{{"/blood-clot/", "blood-clot"},
                                                              {"/leg-cramps/#cause", "leg-cramps"},
                                                              {"/blood-clot/", "blood-clot"},
                                                              {"/leg-cramps/", "leg-cramps"},
                                                              {"https://nhs.uk/x", ""},
                                                              {"#top", ""},
                                                              {"/glossary/", ""}}));
}

TEST_F(LoaderTest, DatesAndReviews) {
  fs_.AddFile("c/articles/a.md",
              ArticleFile("title: T\nsummary: S\nlast_reviewed: 2026-13-01\n", "x"));
  fs_.AddFile(
      "c/articles/b.md",
      ArticleFile("title: T\nsummary: S\nlast_reviewed: 2024-01-01\nnext_review: 2023-12-31\n",
                  "x"));
  fs_.AddFile(
      "c/articles/c.md",
      ArticleFile("title: T\nsummary: S\nlast_reviewed: 2020-01-01\nnext_review: 2026-11-28\n",
                  "x"));
  fs_.AddFile("c/articles/d.md",
              ArticleFile("title: T\nsummary: S\nlast_reviewed: 2023-11-29\n", "x"));  // due today
  fs_.AddFile("c/articles/e.md",
              ArticleFile("title: T\nsummary: S\nlast_reviewed: 2022-01-01\n", "x"));
  Date today{2026, 11, 29};
  EXPECT_EQ(
      Messages(today),
      (Lines{
          "c/articles/a.md:4:16: error: invalid date '2026-13-01' in 'last_reviewed' (expected a "
          "real date as YYYY-MM-DD)",
          "c/articles/b.md:5:14: error: next_review 2023-12-31 is before last_reviewed 2024-01-01",
          "c/articles/c.md:5:14: warning: next review was due on 2026-11-28 (today is 2026-11-29)",
          "c/articles/e.md:4:1: warning: next review was due on 2025-01-01 (today is "
          "2026-11-29)"}));
  // Without a clock there is no "in the past" warning.
  EXPECT_EQ(Messages().size(), 2u);
}

TEST_F(LoaderTest, ReadingGradeWarningGivesBothGrades) {
  const std::string kPlatypus =
      "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature. ";
  // Wikipedia's worked example sentence four times (short texts are not
  // graded): per sentence 13 words, 24 syllables: FK 11.3; polysyllables
  // Australian, platypus, seemingly, reptilian = 4 a sentence:
  // SMOG = 1.043 * sqrt(16 * 30 / 4) + 3.1291 = 14.55.
  fs_.AddFile(
      "c/articles/a.md",
      ArticleFile(kFront, "## A heading with extraordinarily complicated vocabulary\n\n" +
                              kPlatypus + kPlatypus + kPlatypus + kPlatypus +
                              "[@ignored].\n\n```\nunmeasured pathophysiological code\n```\n"));
  fs_.AddFile("c/references.json", R"([{"id": "ignored", "title": "I"}])");
  EXPECT_EQ(Messages(), (Lines{"c/articles/a.md:1:1: warning: reading grade 11.3 "
                               "(Flesch–Kincaid) and 14.6 (SMOG) is above the target 8"}));
  fs_.AddFile("c/site.yaml", std::string(kSite) + "reading_grade_target: 15\n");
  EXPECT_TRUE(Messages().empty());
}

TEST_F(LoaderTest, Images) {
  fs_.AddFile("c/images/a.svg",
              R"(<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30px"/>)");
  fs_.AddFile("c/images/blob.gif", "GIF89a");
  fs_.AddFile("c/articles/a.md",
              ArticleFile(std::string(kFront) + "hero: {src: images/a.svg, alt: \"\"}\n",
                          "![A](images/a.svg) ![ ](../images/a.svg) ![B](images/blob.gif)\n"
                          "![C](https://example.org/x.png) ![D](../../etc/passwd)\n"));
  EXPECT_EQ(
      Messages(),
      (Lines{
          "c/articles/a.md:5:13: error: missing alt text for image 'images/a.svg'",
          "c/articles/a.md:7:25: error: missing alt text for image '../images/a.svg'",
          "c/articles/a.md:7:47: error: cannot read the size of image 'images/blob.gif' (PNG or "
          "SVG "
          "with width/height or viewBox); give width and height",
          "c/articles/a.md:8:6: error: image 'https://example.org/x.png' must be a file in the "
          "content folder, not a URL",
          "c/articles/a.md:8:38: error: image path '../../etc/passwd' must stay inside the content "
          "folder"}));
}

TEST_F(LoaderTest, DuplicateSlugErrorAtTheSecondNoteAtTheFirst) {
  fs_.AddFile("c/articles/a.md", ArticleFile(std::string(kFront) + "slug: same\n", "x"));
  fs_.AddFile("c/articles/b.md", ArticleFile(std::string(kFront) + "slug: same\n", "x"));
  fs_.AddFile("c/articles/Bad Name.md", ArticleFile(kFront, "x"));
  EXPECT_EQ(
      Messages(),
      (Lines{"c/articles/Bad Name.md:1:1: error: the file name makes an invalid slug 'Bad Name'; "
             "rename the file or give a 'slug'",
             "c/articles/a.md:5:7: note: 'same' first used here",
             "c/articles/b.md:5:7: error: duplicate slug 'same' (also used by articles/a.md)"}));
}

TEST_F(LoaderTest, GlossaryClashesAreCaseInsensitive) {
  fs_.AddFile("c/glossary.yaml",
              "- {term: Clot, aliases: [clots], definition: A lump of blood.}\n"
              "- {term: thrombus, aliases: [CLOTS, thrombi], definition: A clot in a vessel.}\n"
              "- {term: clot, definition: again}\n"
              "- {term: x}\n");
  EXPECT_EQ(
      Messages(),
      (Lines{"c/glossary.yaml:1:10: note: 'Clot' first claimed here",
             "c/glossary.yaml:1:26: note: 'clots' first claimed here",
             "c/glossary.yaml:2:30: error: glossary word 'CLOTS' is already claimed by term 'Clot'",
             "c/glossary.yaml:3:10: error: glossary word 'clot' is already claimed by term 'Clot'",
             "c/glossary.yaml:4:3: error: missing required field 'definition'"}));
}

TEST_F(LoaderTest, SymptomCheckerSafety) {
  fs_.AddFile("c/articles/leg.md", ArticleFile(kFront, "x"));
  fs_.AddFile("c/symptoms/s.yaml",
              "id: s\ntitle: T\ncondition: leg\ndefault_advice: Rest.\nquestions:\n"
              "  - {id: a, text: A, red_flag: true}\n"
              "  - {id: b, text: B, red_flag: true}\n"
              "  - {id: c, text: C, red_flag: yes}\n"
              "rules:\n"
              "  - {id: r1, all_of: [a, b], urgency: emergency, advice: Go.}\n"
              "  - {id: r2, all_of: [b], urgency: see_doctor, advice: See.}\n"
              "  - {id: r3, all_of: [d], urgency: emergency, advice: Go.}\n");
  EXPECT_EQ(
      Messages(),
      (Lines{
          "c/symptoms/s.yaml:6:5: error: red-flag question 'a' is not covered: no rule with only "
          "this question leads to advice more urgent than self-care",
          "c/symptoms/s.yaml:8:32: error: field 'red_flag' must be true or false, not 'yes'",
          "c/symptoms/s.yaml:12:23: error: rule 'r3' refers to unknown question 'd'"}));
}

TEST_F(LoaderTest, MedicinesChecked) {
  fs_.AddFile("c/articles/leg.md", ArticleFile(kFront, "x"));
  fs_.AddFile("c/medicines.yaml",
              "- id: d\n  name: D\n  members: [{generic: f, brand: [L]}]\n  may_cause:\n"
              "    - {condition: legs, explanation: E, citations: [k]}\n");
  EXPECT_EQ(
      Messages(),
      (Lines{
          "c/medicines.yaml:3:26: error: unknown field 'brand' in a medicine (did you mean "
          "'brands'?)",
          "c/medicines.yaml:5:19: error: unknown condition 'legs': no article has that slug (did "
          "you mean 'leg'?)",
          "c/medicines.yaml:5:53: error: unknown citation key 'k'"}));
}

// --- hostile input -------------------------------------------------------

TEST_F(LoaderTest, FileTooLarge) {
  fs_.AddFile("c/articles/big.md", std::string(kMaxFileBytes + 1, 'a'));
  EXPECT_EQ(Messages(), (Lines{"c/articles/big.md: error: cannot read 'articles/big.md': file is "
                               "4194305 bytes, over the limit of 4194304 bytes"}));
}

TEST_F(LoaderTest, BinaryFile) {
  fs_.AddFile("c/articles/bin.md", std::string("---\ntitle: \x01\x00\xff\n", 15));
  EXPECT_EQ(Messages(), (Lines{"c/articles/bin.md:2:9: error: binary file (contains a NUL byte); "
                               "expected UTF-8 text"}));
}

TEST_F(LoaderTest, InvalidUtf8HasALocation) {
  // Overlong encoding of '/', a lone continuation byte, a UTF-16 surrogate.
  fs_.AddFile("c/articles/a.md", ArticleFile(kFront, "ok \xC3\xA9\nbad \xC0\xAF\n"));
  fs_.AddFile("c/articles/b.md", ArticleFile(kFront, "\x80"));
  fs_.AddFile("c/articles/c.md", ArticleFile(kFront, "x \xED\xA0\x80"));
  EXPECT_EQ(Messages(), (Lines{"c/articles/a.md:7:5: error: invalid UTF-8 (byte 0xC0)",
                               "c/articles/b.md:6:1: error: invalid UTF-8 (byte 0x80)",
                               "c/articles/c.md:6:3: error: invalid UTF-8 (byte 0xED)"}));
}

TEST_F(LoaderTest, HugeLine) {
  fs_.AddFile("c/articles/a.md", ArticleFile(kFront, "x" + std::string(kMaxLineBytes + 10, 'y')));
  EXPECT_EQ(Messages(), (Lines{"c/articles/a.md:6:16385: error: line is longer than 16384 bytes"}));
}

TEST_F(LoaderTest, DeepYamlFlowAndBlockNesting) {
  fs_.AddFile("c/articles/a.md", ArticleFile("title: " + std::string(100000 / 8, '[') + "\n", "x"));
  std::string block = "title: T\nsummary: S\nlast_reviewed: 2026-01-01\nhero:\n";
  for (int i = 1; i < 40; ++i) block += std::string(2 * i, ' ') + "k:\n";
  fs_.AddFile("c/articles/b.md", ArticleFile(block, "x"));
  fs_.AddFile("c/glossary.yaml", std::string(5000, '-') + "\n");
  std::string dashes;
  for (int i = 0; i < 50; ++i) dashes += "- ";
  fs_.AddFile("c/medicines.yaml", dashes + "x\n");
  EXPECT_EQ(Messages(),
            (Lines{"c/articles/a.md:2:1: error: YAML nested more than 32 levels deep",
                   "c/articles/b.md:37:1: error: YAML nested more than 32 levels deep",
                   "c/glossary.yaml:1:1: error: glossary.yaml must be a list of terms",
                   "c/medicines.yaml:1:1: error: YAML nested more than 32 levels deep"}));
}

TEST_F(LoaderTest, MinifiedJsonHasNoLineLimit) {
  std::string refs = "[";
  for (int i = 0; i < 1000; ++i) {
    refs += std::string(i ? "," : "") + "{\"id\":\"r" + std::to_string(i) + "\",\"title\":\"T\"}";
  }
  fs_.AddFile("c/references.json", refs + "]");  // ~30 KB on one line
  fs_.AddFile("c/articles/a.md", ArticleFile(kFront, "[@r999]\n"));
  LoadResult r = Run();
  EXPECT_EQ(r.diagnostics.error_count(), 0);
  EXPECT_EQ(r.diagnostics.warning_count(), 999);  // r0..r998 never cited
  ASSERT_NE(r.content, nullptr);
  EXPECT_EQ(r.content->references[999].location, (Location{"c/references.json", 1, 25867}));
}

TEST_F(LoaderTest, DeepJsonNesting) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "[\n";
  fs_.AddFile("c/references.json", deep);
  EXPECT_EQ(Messages(),
            (Lines{"c/references.json:33:1: error: JSON nested more than 32 levels deep"}));
}

TEST_F(LoaderTest, DeepMarkdownIsCutAndReported) {
  std::string quotes(10000, '>');
  std::string lists;
  for (int i = 0; i < 200; ++i) lists += std::string(2 * i, ' ') + "- item\n";
  std::string emphasis = std::string(3000, '*') + "x" + std::string(3000, '*');
  fs_.AddFile("c/articles/a.md", ArticleFile(kFront, quotes + " deep\n"));
  fs_.AddFile("c/articles/b.md", ArticleFile(kFront, lists));
  fs_.AddFile("c/articles/c.md", ArticleFile(kFront, emphasis + "\n"));
  LoadResult r = Run();
  Lines got;
  for (const Diagnostic& d : r.diagnostics.items()) got.push_back(FormatDiagnostic(d));
  EXPECT_EQ(got, (Lines{"c/articles/a.md:6:1: error: Markdown nested more than 32 levels deep",
                        "c/articles/b.md:21:33: error: Markdown nested more than 32 levels deep",
                        "c/articles/c.md:6:1: error: Markdown nested more than 32 levels deep"}));
}

// Input built to make a naive loader quadratic (each would take hours if it
// were): the test passes by finishing at all, in well under a second each.
TEST_F(LoaderTest, QuadraticTrapsFinish) {
  std::string brackets;
  for (int i = 0; i < 100; ++i) brackets += std::string(10000, '[') + " [@k\n";
  fs_.AddFile("c/articles/a.md", ArticleFile(kFront, brackets));
  std::string refs = "[";
  std::string cites;
  for (int i = 0; i < 10000; ++i) {
    refs += (i ? ",\n" : "\n") + std::string("{\"id\": \"r") + std::to_string(i) +
            "\", \"title\": \"T\"}";
    cites += "[@u" + std::to_string(i) + "] ";
    if (i % 500 == 499) cites += "\n";
  }
  fs_.AddFile("c/references.json", refs + "]");
  fs_.AddFile("c/articles/b.md", ArticleFile(kFront, cites));
  std::string checker = "id: s\ntitle: T\ncondition: a\ndefault_advice: R.\nquestions:\n";
  for (int i = 0; i < 5000; ++i) {
    checker += "  - {id: q" + std::to_string(i) + ", text: Q, red_flag: true}\n";
  }
  checker += "rules:\n";
  for (int i = 0; i < 5000; ++i) {
    checker += "  - {id: r" + std::to_string(i) + ", all_of: [q" + std::to_string(i) +
               "], urgency: emergency, advice: A}\n";
  }
  fs_.AddFile("c/symptoms/s.yaml", checker);
  LoadResult r = Run();
  // 10,000 unknown keys, 10,000 references never cited, and the grade of the
  // bracket article's 100 one-word "k" lines read as one sentence.
  EXPECT_EQ(r.diagnostics.error_count(), 10000);
  EXPECT_EQ(r.diagnostics.warning_count(), 10001);
  EXPECT_EQ(FormatDiagnostic(r.diagnostics.items()[0]),
            "c/articles/a.md:1:1: warning: reading grade 35.2 (Flesch–Kincaid) and 3.1 (SMOG) is "
            "above the target 8");
}

}  // namespace
}  // namespace evidoc::content

namespace evidoc::content {
namespace {

// Articles are loaded on several threads: the result must not depend on it.
TEST(LoaderThreads, SameDiagnosticsAndModelWhateverTheThreadCount) {
  MemoryFileSystem fs;
  fs.AddFile("c/site.yaml", kSite);
  fs.AddFile("c/images/a.svg",
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>");
  for (int i = 0; i < 60; ++i) {
    const std::string n = std::to_string(i);
    std::string front = "title: Page " + n + "\nsummary: S.\nlast_reviewed: 2026-01-01\n";
    if (i % 7 == 0) front += "colour: blue\n";                // unknown field
    if (i % 11 == 0) front += "hero: {src: images/a.svg}\n";  // missing alt text
    std::string body = "Text about page " + n + ". See [next](/p" + std::to_string(i + 1) + "/).\n";
    if (i % 5 == 0) body += "\n![Drawing](images/a.svg)\n";
    fs.AddFile("c/articles/p" + n + ".md", ArticleFile(front, body));
  }
  auto run = [&](int threads) {
    LoadOptions o;
    o.threads = threads;
    LoadResult r = Load(fs, "c", o);
    std::vector<std::string> lines;
    for (const Diagnostic& d : r.diagnostics.items()) lines.push_back(FormatDiagnostic(d));
    return std::make_pair(lines, r.files_read);
  };
  const auto one = run(1);
  // 9 unknown fields, 6 missing alt texts, 1 dangling link (p60).
  EXPECT_EQ(one.first.size(), 16u);
  EXPECT_EQ(one.first[0],
            "c/articles/p0.md:5:1: error: unknown field 'colour' in article front matter");
  EXPECT_EQ(one.second, 62);  // site.yaml, 60 articles, one image read once
  for (int threads : {2, 3, 8}) EXPECT_EQ(run(threads), one) << threads << " threads";
}

}  // namespace
}  // namespace evidoc::content
