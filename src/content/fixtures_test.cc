// The two content fixtures, loaded from disk through the real loader:
// tests/fixtures/broken-content holds one of every problem `evidoc check`
// reports, and its whole list of diagnostics must equal the golden file
// (each line checked by hand: the column of every token was counted in the
// fixture); tests/fixtures/good-content must load clean, with its model
// values as written in the files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "content/loader.h"

namespace evidoc::content {
namespace {

// Paths in diagnostics are relative to the folder as given, so load from the
// repository root with a relative path, as a user at the root would.
LoadResult LoadFixture(const std::string& name) {
  EXPECT_EQ(::chdir(EVIDOC_SOURCE_DIR), 0);
  static RealFileSystem fs;
  LoadOptions options;
  options.today = Date{2026, 11, 29};
  return Load(fs, "tests/fixtures/" + name, options);
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(BrokenContent, EveryDiagnosticMatchesTheGoldenFile) {
  LoadResult r = LoadFixture("broken-content");
  EXPECT_EQ(r.content, nullptr);
  std::vector<std::string> got;
  for (const Diagnostic& d : r.diagnostics.items()) got.push_back(FormatDiagnostic(d));
  std::vector<std::string> want =
      Lines(std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/broken-content.golden");
  ASSERT_FALSE(want.empty());
  want.pop_back();  // the summary line is the CLI's (tests/cli checks it)
  EXPECT_EQ(got, want);
  EXPECT_EQ(r.files_read, 12);
}

TEST(GoodContent, LoadsWithoutDiagnostics) {
  LoadResult r = LoadFixture("good-content");
  std::string all;
  for (const Diagnostic& d : r.diagnostics.items()) all += FormatDiagnostic(d) + "\n";
  EXPECT_EQ(all, "");
  ASSERT_NE(r.content, nullptr);
  const Content& c = *r.content;
  EXPECT_EQ(r.files_read, 9);

  EXPECT_EQ(c.site.title, "Leg health test site");
  EXPECT_EQ(c.site.base_url, "https://example.org");
  EXPECT_EQ(c.site.publisher, "Test editors");
  EXPECT_EQ(c.site.reading_grade_target, 8.0);
  EXPECT_EQ(c.site.review_period_months, 24);

  // Sorted by slug: "blood-clot" (from dvt.md's slug field), "leg-cramps".
  ASSERT_EQ(c.articles.size(), 2u);
  const Article& clot = c.articles[0];
  const Article& cramps = c.articles[1];
  EXPECT_EQ(clot.slug, "blood-clot");
  EXPECT_EQ(clot.path, "articles/dvt.md");
  EXPECT_EQ(clot.last_reviewed, (Date{2026, 3, 1}));
  EXPECT_EQ(clot.next_review, (Date{2028, 3, 1}));  // + review_period_months (24)
  EXPECT_EQ(clot.related, std::vector<std::string>{"leg-cramps"});
  EXPECT_EQ(clot.cited_keys, std::vector<std::string>{"smith2020"});

  EXPECT_EQ(cramps.slug, "leg-cramps");
  EXPECT_EQ(cramps.title, "Leg cramps");
  EXPECT_EQ(cramps.summary, "A sudden, painful tightening of a leg muscle, often at night.");
  ASSERT_EQ(cramps.codes.size(), 2u);
  EXPECT_EQ(cramps.codes[0].system, "ICD-10-CM");
  EXPECT_EQ(cramps.codes[0].code, "G47.62");
  EXPECT_EQ(cramps.codes[0].display, "Sleep related leg cramps");
  EXPECT_EQ(cramps.codes[1].system, "SNOMED CT");
  EXPECT_EQ(cramps.codes[1].code, "449918009");
  EXPECT_EQ(cramps.synonyms, (std::vector<std::string>{"charley horse", "night cramps"}));
  EXPECT_EQ(cramps.reviewers, (std::vector<std::string>{"Dr A Example", "Dr B Example"}));
  EXPECT_EQ(cramps.next_review, (Date{2028, 1, 15}));
  ASSERT_TRUE(cramps.hero.has_value());
  EXPECT_EQ(cramps.hero->src, "images/calf.svg");
  EXPECT_EQ(cramps.hero->alt, "A calf muscle that is tight");
  EXPECT_EQ(cramps.hero->width, 640);  // from the SVG's viewBox
  EXPECT_EQ(cramps.hero->height, 360);
  ASSERT_EQ(cramps.red_flags.size(), 1u);
  EXPECT_EQ(cramps.red_flags[0].urgency, Urgency::kSameDay);
  EXPECT_EQ(cramps.red_flags[0].advice, "See a doctor today.");
  EXPECT_EQ(cramps.red_flags[0].location,
            (Location{"tests/fixtures/good-content/articles/leg-cramps.md", 14, 5}));
  EXPECT_EQ(cramps.questions_to_ask,
            std::vector<std::string>{"Could one of my pills cause my cramps?"});
  EXPECT_EQ(cramps.cited_keys, (std::vector<std::string>{"naylor1994", "smith2020"}));

  // Body: heading, paragraph with citations, paragraph with links, image, list.
  const Node& body = cramps.body;
  ASSERT_EQ(body.children.size(), 5u);
  EXPECT_EQ(body.children[0].kind, NodeKind::kHeading);
  EXPECT_EQ(body.children[0].detail().anchor, "what-is-a-cramp");
  const Node& p1 = body.children[1];
  ASSERT_GE(p1.children.size(), 2u);
  EXPECT_EQ(p1.children[0].text, "A cramp is when a muscle gets tight all of a sudden ");
  EXPECT_EQ(p1.children[1].kind, NodeKind::kCitation);
  EXPECT_EQ(p1.children[1].detail().citation_keys, std::vector<std::string>{"naylor1994"});
  EXPECT_EQ(p1.children[1].location.line, 23);  // front matter lines count
  EXPECT_EQ(p1.children[1].location.column, 53);
  const Node& p2 = body.children[2];
  EXPECT_EQ(p2.children[1].kind, NodeKind::kLink);
  EXPECT_EQ(p2.children[1].detail().href, "/blood-clot/#signs");
  EXPECT_EQ(p2.children[1].detail().link_slug, "blood-clot");
  const Node* external = nullptr;
  for (const Node& n : p2.children) {
    if (n.kind == NodeKind::kLink && n.detail().link_slug.empty()) external = &n;
  }
  ASSERT_NE(external, nullptr);
  EXPECT_EQ(external->detail().href, "https://www.nhs.uk/");
  const Node& image = body.children[3].children[0];
  EXPECT_EQ(image.kind, NodeKind::kImage);
  EXPECT_EQ(image.detail().href, "images/dot.png");
  EXPECT_EQ(image.detail().alt, "A man stretches his calf");
  EXPECT_EQ(image.detail().title, "Stretch");
  EXPECT_EQ(image.detail().width, 3);  // from the PNG header
  EXPECT_EQ(image.detail().height, 2);
  EXPECT_EQ(body.children[4].kind, NodeKind::kList);
  EXPECT_EQ(c.image_files.count("images/calf.svg"), 1u);
  EXPECT_EQ(c.image_files.count("images/dot.png"), 1u);

  // References, in file order.
  ASSERT_EQ(c.references.size(), 3u);
  const Reference& naylor = c.references[0];
  EXPECT_EQ(naylor.key, "naylor1994");
  EXPECT_EQ(naylor.authors, (std::vector<std::string>{"Naylor JR", "Young JB"}));
  EXPECT_EQ(naylor.year, 1994);
  EXPECT_EQ(naylor.issue, "5");  // a JSON number, kept as text
  EXPECT_EQ(naylor.pmid, "7825490");
  EXPECT_EQ(naylor.location, (Location{"tests/fixtures/good-content/references.json", 3, 5}));
  const Reference& smith = c.references[1];
  EXPECT_EQ(smith.authors, std::vector<std::string>{"The Clot Study Group"});
  EXPECT_EQ(smith.doi, "10.1000/legs.2020.1");
  EXPECT_EQ(smith.year, 2020);

  // Glossary sorted by term, case-insensitively.
  ASSERT_EQ(c.glossary.size(), 2u);
  EXPECT_EQ(c.glossary[0].term, "Cramp");
  EXPECT_EQ(c.glossary[0].id, "cramp");
  EXPECT_EQ(c.glossary[0].aliases, std::vector<std::string>{"cramps"});
  EXPECT_EQ(c.glossary[1].term, "placebo");
  EXPECT_EQ(c.glossary[1].aliases, (std::vector<std::string>{"placebos", "dummy pill"}));

  ASSERT_EQ(c.medicines.size(), 1u);
  EXPECT_EQ(c.medicines[0].atc, "C03");
  ASSERT_EQ(c.medicines[0].members.size(), 2u);
  EXPECT_EQ(c.medicines[0].members[0].brands, std::vector<std::string>{"Lasix"});
  EXPECT_EQ(c.medicines[0].members[0].rxnorm, "4603");
  EXPECT_EQ(c.medicines[0].may_cause[0].condition, "leg-cramps");
  EXPECT_EQ(c.medicines[0].may_cause[0].citations, std::vector<std::string>{"garrison2012"});

  ASSERT_EQ(c.symptom_checkers.size(), 1u);
  const SymptomChecker& sc = c.symptom_checkers[0];
  EXPECT_EQ(sc.id, "leg-pain");
  ASSERT_EQ(sc.questions.size(), 3u);
  EXPECT_TRUE(sc.questions[1].red_flag);
  EXPECT_EQ(sc.questions[1].hint, "More than usual");
  EXPECT_FALSE(sc.questions[2].red_flag);
  ASSERT_EQ(sc.rules.size(), 3u);
  EXPECT_EQ(sc.rules[0].urgency, Urgency::kEmergency);
  EXPECT_EQ(sc.rules[0].all_of, std::vector<std::string>{"breathless"});
  EXPECT_EQ(sc.default_advice, "Your answers do not suggest a warning sign.");
}

}  // namespace
}  // namespace evidoc::content
