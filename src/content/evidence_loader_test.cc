#include "content/evidence_loader.h"

#include <gtest/gtest.h>

namespace evidoc::content {
namespace {

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(FormatDiagnostic(x));
  return out;
}

const char* kGood = R"(name: Magnesium
condition: leg-cramps
population: pregnant women
comparison: placebo
description: A mineral.
category: {code: treatments-that-need-further-study, reason: Too few trials.}
outcomes:
  - id: frequency
    name: how many cramps women have
    kind: benefit
    type: continuous
    better: lower
    unit: cramps in 2 weeks
    words: {less: fewer, more: more}
    mid: 1
    comparator: {mean: 7.7, source: nygaard2008}
    data: freq.csv
    main: true
    judgements:
      risk_of_bias: {downgrade: 0, reason: Low risk.}
      imprecision: {downgrade: 1, override: true, reason: The review said one level.}
  - id: never
    name: how many women have no cramps
    kind: benefit
    type: dichotomous
    better: higher
    unit: women
    mid: 0.05
    comparator: {risk: 0.057, source: luo2020}
    published: {measure: RR, estimate: 5.66, ci: [1.35, 23.68], k: 1, participants: 69, certainty: low, citation: luo2020}
)";

TEST(EvidenceLoader, LoadsTreatmentOutcomesStudiesAndPublishedResults) {
  MemoryFileSystem fs;
  fs.AddFile("c/evidence/magnesium.yaml", kGood);
  fs.AddFile("c/evidence/freq.csv",
             "study,citation,design,m1i,sd1i,n1i,m2i,sd2i,n2i\nNygaard "
             "2008,nygaard2008,parallel,9.5,5.1,21,7.7,4.7,17\n");
  Content content;
  Diagnostics diags;
  LoadEvidence(fs, "c", content, diags);
  EXPECT_TRUE(diags.empty()) << ::testing::PrintToString(Messages(diags));
  ASSERT_EQ(content.treatments.size(), 1u);
  const Treatment& t = content.treatments[0];
  EXPECT_EQ(t.id, "magnesium");
  EXPECT_EQ(t.name, "Magnesium");
  EXPECT_EQ(t.category_override, "treatments-that-need-further-study");
  EXPECT_EQ(t.category_override_reason, "Too few trials.");
  ASSERT_EQ(t.outcomes.size(), 2u);
  const Outcome& f = t.outcomes[0];
  EXPECT_EQ(f.data_path, "evidence/freq.csv");
  ASSERT_EQ(f.studies.size(), 1u);
  EXPECT_EQ(f.studies[0].line, 2);
  EXPECT_EQ(f.studies[0].cells.at("m1i"), "9.5");
  EXPECT_EQ(f.comparator_mean, 7.7);
  EXPECT_TRUE(f.main);
  EXPECT_EQ(f.judgements.at("imprecision").downgrade, 1);
  EXPECT_TRUE(f.judgements.at("imprecision").overrides);
  EXPECT_EQ(f.location, (Location{"c/evidence/magnesium.yaml", 8, 5}));
  const Outcome& n = t.outcomes[1];
  ASSERT_TRUE(n.published.has_value());
  EXPECT_EQ(n.published->estimate, 5.66);
  EXPECT_EQ(n.published->ci_ub, 23.68);
  EXPECT_EQ(n.published->participants, 69);
  EXPECT_EQ(n.published->certainty, "low");
  EXPECT_EQ(n.comparator_risk, 0.057);
}

TEST(EvidenceLoader, ReportsEveryProblemWithItsLocation) {
  MemoryFileSystem fs;
  fs.AddFile("c/evidence/bad.yaml", R"(name: X
condition: leg-cramps
population: p
comparison: placebo
description: d
colour: red
outcomes:
  - id: a
    name: a thing
    kind: benefit
    type: dichotomous
    better: up
    unit: people
    mid: 0
    comparator: {risk: 60.5, source: s}
    data: rows.csv
    judgements:
      inconsistency: {downgrade: 1, reason: I think so.}
  - id: b
    name: b thing
    kind: harm
    type: continuous
    better: lower
    unit: points
    mid: 1
)");
  fs.AddFile("c/evidence/rows.csv",
             "study,citation,design,ai,n1i,ci,n2i\nA 2000,a2000,randomized,5,x,3,20\n");
  Content content;
  Diagnostics diags;
  LoadEvidence(fs, "c", content, diags);
  EXPECT_EQ(
      Messages(diags),
      (std::vector<std::string>{
          "c/evidence/bad.yaml:6:1: error: unknown field 'colour' in an evidence file",
          "c/evidence/bad.yaml:12:13: error: field 'better' must be lower or higher, not 'up'",
          "c/evidence/bad.yaml:14:10: error: field 'mid' must be greater than 0",
          "c/evidence/bad.yaml:15:24: error: comparator 'risk' must be between 0 and 1 (per 1, not "
          "per 1,000)",
          "c/evidence/rows.csv:2:3: error: design must be parallel, crossover, paired, cluster or "
          "observational, "
          "not 'randomized'",
          "c/evidence/rows.csv:2:5: error: 'x' in column 'n1i' is not a finite number",
          "c/evidence/bad.yaml:18:22: error: 'inconsistency' is computed from the numbers: to "
          "replace the "
          "proposal, add 'override: true' with the reason",
          "c/evidence/bad.yaml:19:5: warning: outcome 'b' has no 'comparator': only the relative "
          "effect can be "
          "shown",
          "c/evidence/bad.yaml:19:5: error: outcome 'b' needs 'data' (study rows) or 'published' "
          "(a review's "
          "result), or 'no_studies: true'",
          "c/evidence/bad.yaml:8:3: warning: no outcome is marked 'main: true' with kind "
          "'benefit': the "
          "category uses every benefit outcome",
      }));
}

TEST(EvidenceLoader, MissingCsvAndUnknownCitationKeys) {
  MemoryFileSystem fs;
  fs.AddFile("c/evidence/t.yaml", R"(name: X
condition: c
population: p
comparison: placebo
description: d
citations: [known, unknown1]
outcomes:
  - id: a
    name: a
    kind: benefit
    type: continuous
    better: lower
    unit: points
    mid: 1
    main: true
    comparator: {mean: 3, source: known}
    data: missing.csv
)");
  Content content;
  Reference known;
  known.key = "known";
  content.references.push_back(known);
  Diagnostics diags;
  LoadEvidence(fs, "c", content, diags);
  EXPECT_EQ(
      Messages(diags),
      (std::vector<std::string>{
          "c/evidence/t.yaml:6:20: error: unknown citation key 'unknown1'",
          "c/evidence/t.yaml:17:11: error: cannot read study rows 'missing.csv': no such file",
      }));
}

// A trial that published only the difference between its groups has no
// comparator to give: said with a reason, it is not a warning.
TEST(EvidenceLoader, ComparatorUnknownWithAReason) {
  const std::string base = R"(name: Stretching
condition: leg-cramps
population: older adults
comparison: no stretching
description: Stretching.
outcomes:
  - id: severity
    name: how painful cramps are
    kind: benefit
    type: continuous
    better: lower
    unit: cm
    mid: 1
    main: true
    published: {measure: MD, estimate: -1.3, ci: [-1.7, -0.9], k: 1, participants: 80, certainty: low, citation: hallegraeff2012}
)";
  {
    MemoryFileSystem fs;
    fs.AddFile("c/evidence/s.yaml",
               base + "    comparator: {unknown: The trial gave only the difference.}\n");
    Content content;
    Diagnostics diags;
    LoadEvidence(fs, "c", content, diags);
    EXPECT_TRUE(diags.empty()) << ::testing::PrintToString(Messages(diags));
    ASSERT_EQ(content.treatments.size(), 1u);
    EXPECT_EQ(content.treatments[0].outcomes[0].comparator_unknown,
              "The trial gave only the difference.");
    EXPECT_FALSE(content.treatments[0].outcomes[0].comparator_mean);
  }
  {
    MemoryFileSystem fs;
    fs.AddFile("c/evidence/s.yaml", base + "    comparator: {unknown: Gap., mean: 3}\n");
    Content content;
    Diagnostics diags;
    LoadEvidence(fs, "c", content, diags);
    EXPECT_EQ(Messages(diags),
              std::vector<std::string>{"c/evidence/s.yaml:16:17: error: a comparator is either "
                                       "'unknown' or has a 'risk' or 'mean'"});
  }
  {
    MemoryFileSystem fs;
    fs.AddFile("c/evidence/s.yaml", base);
    Content content;
    Diagnostics diags;
    LoadEvidence(fs, "c", content, diags);
    EXPECT_EQ(Messages(diags),
              std::vector<std::string>{"c/evidence/s.yaml:7:5: warning: outcome 'severity' has no "
                                       "'comparator': only the relative effect can be shown"});
  }
}

TEST(EvidenceLoader, MalformedYamlIsAnErrorNotACrash) {
  MemoryFileSystem fs;
  fs.AddFile("c/evidence/t.yaml", "name: [unclosed\n");
  Content content;
  Diagnostics diags;
  LoadEvidence(fs, "c", content, diags);
  EXPECT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.items()[0].location.path, "c/evidence/t.yaml");
}

TEST(EvidenceLoader, NoEvidenceFolderMeansNoTreatments) {
  MemoryFileSystem fs;
  fs.AddFile("c/site.yaml", "title: x\n");
  Content content;
  Diagnostics diags;
  LoadEvidence(fs, "c", content, diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_TRUE(content.treatments.empty());
}

}  // namespace
}  // namespace evidoc::content
