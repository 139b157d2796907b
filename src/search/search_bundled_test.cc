// Ranking on the bundled content (content/): the lay queries of issue #7 must
// find the page the reader means first. Loads and weighs the real folder, as
// `evidoc serve` does.
#include <gtest/gtest.h>

#include "common/file_system.h"
#include "content/loader.h"
#include "search/lay_queries.h"
#include "search/search_index.h"

namespace evidoc::search {
namespace {

class BundledSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RealFileSystem fs;
    auto loaded = content::Load(fs, std::string(EVIDOC_SOURCE_DIR) + "/content");
    ASSERT_NE(loaded.content, nullptr) << "the bundled content has errors";
    knowledge_ = knowledge::Weigh(loaded.content);
    auto built = SearchIndex::Build(*knowledge_);
    ASSERT_TRUE(built) << built.error();
    index_ = std::move(*built).release();
  }
  static void TearDownTestSuite() {
    delete index_;
    knowledge_.reset();
  }
  static std::string Ranking(std::string_view q) {
    std::string out;
    for (const auto& h : index_->Search(q, 0, 5).hits) {
      out += h.id + "(" + std::to_string(h.score) + ") ";
    }
    return out;
  }
  static inline std::shared_ptr<const knowledge::Knowledge> knowledge_;
  static inline SearchIndex* index_ = nullptr;
};

TEST_F(BundledSearchTest, LayQueriesFindTheIntendedPageFirst) {
  struct Case {
    const char* query;
    const char* first;
  } cases[] = {
      {"charley horse", "leg-cramps"},         {"calf cramp at night", "leg-cramps"},
      {"cramps from statins", "leg-cramps"},   {"swollen painful calf", "deep-vein-thrombosis"},
      {"lump behind the knee", "bakers-cyst"}, {"blood clot in the lung", "pulmonary-embolism"},
  };
  for (const auto& c : cases) {
    auto r = index_->Search(c.query);
    ASSERT_FALSE(r.hits.empty()) << c.query;
    EXPECT_EQ(r.hits[0].id, c.first) << "query: " << c.query << "\nranking: " << Ranking(c.query);
  }
}

TEST_F(BundledSearchTest, MisspellingsAreCorrected) {
  auto r = index_->Search("cramsp");
  EXPECT_EQ(r.corrected, "cramps");
}

// Xapian's corrector also offers a more frequent neighbour of a word the
// index knows ("charley horse" → "charley worse"): no "did you mean" then,
// only for a word the index does not know, even when other words matched.
TEST_F(BundledSearchTest, CorrectionOnlyForAWordTheIndexDoesNotKnow) {
  for (const char* q : {"charley horse", "calf cramp at night", "cramp worse"}) {
    auto r = index_->Search(q);
    EXPECT_EQ(r.corrected, "") << q;
    EXPECT_FALSE(r.used_corrected) << q;
    ASSERT_FALSE(r.hits.empty()) << q;
  }
  EXPECT_EQ(index_->Search("charley horse").hits[0].id, "leg-cramps");
  auto typo = index_->Search("leg cramsp");
  EXPECT_EQ(typo.corrected, "leg cramps");
  EXPECT_FALSE(typo.used_corrected);  // "leg" found pages: they are shown
  EXPECT_FALSE(typo.hits.empty());
}

// The shortcuts of search_index.cc (a table of stems, the spelling corrector
// only when it may change the answer) give the plain way's answers, whole,
// for the 780 lay queries of bench/search_queries.lua (pairs of 40 words:
// words the site has and words it does not, queries that find nothing)
// and for misspellings, phrases and operators.
TEST_F(BundledSearchTest, ShortcutsGiveTheReferenceAnswers) {
  auto reference = SearchIndex::Build(*knowledge_, nullptr, BuildOptions{.reference = true});
  ASSERT_TRUE(reference) << reference.error();
  std::vector<std::string> queries = LayQueryPairs();
  for (const char* q : {"cramsp", "leg cramsp", "charley horse", "charley worse", "bakers cyst",
                        "baker's cyst", "\"leg cramps\"", "cramp -night", "+calf pain",
                        "the of and", "xyzzy plugh", "DVT", "shortness of breath", "statins"}) {
    queries.push_back(q);
  }
  auto describe = [](const SearchResults& r) {
    std::string out = "[" + r.query + "] corrected [" + r.corrected + "] used " +
                      std::to_string(r.used_corrected) + " total " + std::to_string(r.total) + "\n";
    for (const auto& h : r.hits) {
      out += h.id + " " + h.url + " " + std::to_string(h.score) + " " + h.snippet_html + "\n";
    }
    return out;
  };
  for (const auto& q : queries) {
    EXPECT_EQ(describe(index_->Search(q)), describe((*reference)->Search(q))) << q;
  }
  // Every word known and pages found, yet a correction: Xapian's "baker's"
  // is two words to Words(), so it counts as changing an unknown one. The
  // shortcut must see this coming (NearAnOddSpelling).
  EXPECT_EQ(index_->Search("bakers cyst").corrected, "baker's cyst");
}

}  // namespace
}  // namespace evidoc::search
