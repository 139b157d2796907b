// `evidoc diff` explains a change made to a fixture: the updated folder
// corrects Supakatisant 2015's control events (26 -> 30 of 43) and adds a
// (fictional) large trial to the cramp-frequency outcome.
#include "knowledge/diff.h"

#include <gtest/gtest.h>

#include "content/evidence_loader.h"

namespace evidoc::knowledge {
namespace {

std::shared_ptr<const Knowledge> WeighFolder(const std::string& name) {
  RealFileSystem fs;
  auto content = std::make_shared<content::Content>();
  content->root = std::string(EVIDOC_SOURCE_DIR) + "/tests/fixtures/evidence/" + name;
  Diagnostics diags;
  content::LoadEvidence(fs, content->root, *content, diags);
  EXPECT_FALSE(diags.has_errors());
  return Weigh(content);
}

TEST(Diff, SameFolderHasNoChanges) {
  auto a = WeighFolder("magnesium-pregnancy");
  auto b = WeighFolder("magnesium-pregnancy");
  EXPECT_TRUE(DiffKnowledge(*a, *b).empty());
  EXPECT_EQ(FormatChangesText({}),
            "No changes in estimates, certainty, statements or categories.\n");
}

TEST(Diff, ExplainsACorrectedCountAndAnAddedTrial) {
  auto a = WeighFolder("magnesium-pregnancy");
  auto b = WeighFolder("magnesium-pregnancy-updated");
  std::vector<Change> changes = DiffKnowledge(*a, *b);
  std::string text = FormatChangesText(changes);
  SCOPED_TRACE(text);
  // Supakatisant corrected: RR 37/43 / 30/43 = 1.233, SE of log RR
  // sqrt(1/37 - 1/43 + 1/30 - 1/43) = 0.1177, CI 0.979 to 1.553 (by hand); at 605
  // per 1,000 the difference runs from -12.5 (shown -13) to 335. The CI
  // now includes no effect: imprecision 1 -> 2, certainty low -> very low.
  const std::string halved =
      "  outcome halved\n"
      "    studies: study corrected: Supakatisant 2015: ci 26 -> 30\n"
      "    estimate: RR 1.42 (1.09 to 1.86) -> RR 1.23 (0.98 to 1.55)\n"
      "    certainty: low -> very low\n"
      "      because: imprecision 1 -> 2: Very serious imprecision (2 levels): the 95% CI (-13 to "
      "335 per 1,000) "
      "includes no effect; 67 events, fewer than the 300 of the optimal information size.\n"
      "    statement: Magnesium may result in a large increase in how many women have their cramps "
      "halved. -> The "
      "evidence is very uncertain about the effect of magnesium on how many women have their "
      "cramps halved.\n";
  EXPECT_NE(text.find(halved), std::string::npos);
  const std::string frequency_head =
      "magnesium-pregnancy\n"
      "  outcome frequency\n"
      "    studies: study added: Example 2026 (example2026)\n"
      "    estimate: MD 1.80 (-1.32 to 4.92) -> MD ";
  EXPECT_EQ(text.rfind(frequency_head, 0), 0u);
  EXPECT_NE(text.find("    participants: 38 (1 study) -> 453 (2 studies)\n"), std::string::npos);
  // Only the two edited outcomes moved.
  for (const Change& c : changes) {
    EXPECT_TRUE(c.outcome == "frequency" || c.outcome == "halved" || c.what == "category")
        << c.what;
  }
  std::string json = FormatChangesJson(changes);
  EXPECT_NE(json.find("{\"treatment\": \"magnesium-pregnancy\", \"outcome\": \"halved\", \"what\": "
                      "\"estimate\", "
                      "\"before\": \"RR 1.42 (1.09 to 1.86)\", \"after\": \"RR 1.23 (0.98 to "
                      "1.55)\", \"why\": \"\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace evidoc::knowledge
