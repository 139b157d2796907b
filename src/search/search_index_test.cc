#include "search/search_index.h"

#include <gtest/gtest.h>

#include "search/test_fixture.h"

namespace evidoc::search {
namespace {

class SearchIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    knowledge_ = evidoc::testing::MakeFixtureKnowledge();
    auto built = SearchIndex::Build(*knowledge_);
    ASSERT_TRUE(built) << built.error();
    index_ = std::move(*built).release();
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
    knowledge_.reset();
  }
  static std::string First(std::string_view q) {
    auto r = index_->Search(q);
    return r.hits.empty() ? std::string("(none)") : r.hits[0].id;
  }
  static inline std::shared_ptr<const knowledge::Knowledge> knowledge_;
  static inline SearchIndex* index_ = nullptr;
};

TEST_F(SearchIndexTest, IndexesArticlesTreatmentsAndGlossary) {
  EXPECT_EQ(index_->document_count(), 3u + 1u + 2u);
}

// The lay queries of issue #7: the page the reader means comes first.
TEST_F(SearchIndexTest, LayQueriesRankTheIntendedPageFirst) {
  struct Case {
    const char* query;
    const char* first;
  } cases[] = {
      {"charley horse", "leg-cramps"},
      {"calf cramp at night", "leg-cramps"},
      {"cramps from statins", "leg-cramps"},
      {"swollen painful calf", "deep-vein-thrombosis"},
      {"lipitor", "leg-cramps"},
      {"lump behind the knee", "bakers-cyst"},
  };
  for (const auto& c : cases) EXPECT_EQ(First(c.query), c.first) << "query: " << c.query;
}

TEST_F(SearchIndexTest, StemsEnglish) {
  EXPECT_EQ(First("cramping"), "leg-cramps");
  EXPECT_EQ(First("clots"), "deep-vein-thrombosis");
}

TEST_F(SearchIndexTest, GlossaryAliasIsASynonym) {
  // "dummy pill" appears only as an alias of placebo.
  auto r = index_->Search("dummy pill");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "placebo");
  EXPECT_EQ(r.hits[0].kind, DocKind::kGlossary);
  EXPECT_EQ(r.hits[0].url, "/glossary/#placebo");
}

TEST_F(SearchIndexTest, SpellingCorrectionWhenNothingMatches) {
  auto r = index_->Search("charly hrose");
  EXPECT_EQ(r.corrected, "charley horse");
  EXPECT_TRUE(r.used_corrected);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "leg-cramps");
  // Stemming already makes "thrombosys" match "thrombosis" (both stem to
  // "thrombosi"), so the hits are the query's own while a correction is offered.
  auto t = index_->Search("thrombosys");
  EXPECT_EQ(t.corrected, "thrombosis");
  EXPECT_FALSE(t.used_corrected);
  ASSERT_FALSE(t.hits.empty());
  EXPECT_EQ(t.hits[0].id, "deep-vein-thrombosis");
}

TEST_F(SearchIndexTest, NoCorrectionForAGoodQuery) {
  auto r = index_->Search("cramps");
  EXPECT_EQ(r.corrected, "");
  EXPECT_FALSE(r.used_corrected);
}

TEST_F(SearchIndexTest, NothingFoundIsEmpty) {
  auto r = index_->Search("xylophone");
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(r.total, 0u);
}

TEST_F(SearchIndexTest, SnippetMarksMatchesAndEscapesText) {
  auto r = index_->Search("hormone tablets");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "deep-vein-thrombosis");
  const std::string& s = r.hits[0].snippet_html;
  EXPECT_NE(s.find("&lt;<mark>hormone</mark>&gt; <mark>tablets</mark> &amp;"), std::string::npos)
      << s;
  EXPECT_EQ(s.find("<hormone>"), std::string::npos) << s;
}

TEST_F(SearchIndexTest, ResultsCarryUrlTitleAndSummary) {
  auto r = index_->Search("charley horse");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].url, "/leg-cramps/");
  EXPECT_EQ(r.hits[0].title, "Leg cramps");
  EXPECT_EQ(r.hits[0].summary,
            "Sudden, painful tightening of a muscle in the leg, often at night.");
}

TEST_F(SearchIndexTest, EmptyAndHostileQueries) {
  EXPECT_TRUE(index_->Search("").hits.empty());
  EXPECT_TRUE(index_->Search("   ").hits.empty());
  std::string huge(100000, 'a');
  auto r = index_->Search(huge);
  EXPECT_EQ(r.query.size(), kMaxQueryBytes);
  // Query syntax characters must not break parsing.
  EXPECT_NO_FATAL_FAILURE(index_->Search("\"unbalanced AND ( OR -+ NEAR/ *"));
}

TEST_F(SearchIndexTest, SuggestsAsYouType) {
  auto s = index_->Suggest("char");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].text, "charley horse");
  EXPECT_EQ(s[0].title, "Leg cramps");
  EXPECT_EQ(s[0].url, "/leg-cramps/");

  auto leg = index_->Suggest("leg c");
  ASSERT_FALSE(leg.empty());
  EXPECT_EQ(leg[0].text, "Leg cramps");  // titles first

  auto blood = index_->Suggest("Blood");
  ASSERT_EQ(blood.size(), 1u);
  EXPECT_EQ(blood[0].text, "blood clot in the leg");
  EXPECT_TRUE(index_->Suggest("").empty());
  EXPECT_TRUE(index_->Suggest("zzz").empty());
}

// Everything a search returns, as text, to compare two answers whole.
std::string Describe(const SearchResults& r) {
  std::string out = "query [" + r.query + "] corrected [" + r.corrected + "] used " +
                    std::to_string(r.used_corrected) + " total " + std::to_string(r.total) + "\n";
  for (const auto& h : r.hits) {
    out += std::string(DocKindName(h.kind)) + " " + h.id + " " + h.url + " " +
           std::to_string(h.score) + " [" + h.title + "] [" + h.summary + "] " + h.snippet_html +
           "\n";
  }
  return out;
}

// The shortcuts (a table of stems, the spelling corrector only when it may
// change the answer) give the same answers as searching the plain way.
TEST_F(SearchIndexTest, ShortcutsGiveTheReferenceAnswers) {
  auto reference = SearchIndex::Build(*knowledge_, nullptr, BuildOptions{.reference = true});
  ASSERT_TRUE(reference) << reference.error();
  for (const char* q : {"charley horse",
                        "charly hrose",
                        "thrombosys",
                        "cramps",
                        "leg cramsp",
                        "bakers cyst",
                        "baker's cyst",
                        "Bakers Cyst",
                        "lump behind the knee",
                        "xylophone",
                        "the of and",
                        "calf cramp at night",
                        "cramps from statins",
                        "swollen painful calf",
                        "lipitor",
                        "hormone tablets",
                        "dummy pill",
                        "\"leg cramps\"",
                        "cramp -night",
                        "+calf pain",
                        "clots",
                        "cramping",
                        "blood clot in the leg",
                        "café cramp",
                        "cramp, calf!",
                        "12 cramps",
                        "popliteal",
                        "popliteel cyst",
                        "night",
                        "nihgt cramps"}) {
    for (size_t limit : {size_t{10}, kMaxResults}) {
      EXPECT_EQ(Describe(index_->Search(q, 0, limit)), Describe((*reference)->Search(q, 0, limit)))
          << q;
    }
  }
}

// Words the index knows, and something found: no "did you mean", and the
// corrector is not even asked (see MayOfferCorrection; the answer is the
// reference's, checked above).
TEST_F(SearchIndexTest, NoCorrectionWhenEveryWordIsKnown) {
  for (const char* q : {"leg cramps", "calf cramp night", "lump behind knee", "Charley Horse"}) {
    auto r = index_->Search(q);
    EXPECT_EQ(r.corrected, "") << q;
    EXPECT_FALSE(r.hits.empty()) << q;
  }
}

TEST(PlainTextTest, JoinsBlocksWithSpaces) {
  auto body = evidoc::testing::Body({"One.", "Two."});
  EXPECT_EQ(PlainText(body), "One. Two.");
}

TEST(PlainTextTest, HeadingsAndListItemsEndTheirSentence) {
  // "## Signs\n\n- numbness\n- weak muscles.\n\nSee a doctor" as the parser makes it.
  auto node = [](content::NodeKind kind, std::vector<content::Node> children = {},
                 std::string text = "") {
    content::Node n;
    n.kind = kind;
    n.children = std::move(children);
    n.text = std::move(text);
    return n;
  };
  using K = content::NodeKind;
  auto text = [&](std::string t) { return node(K::kText, {}, std::move(t)); };
  content::Node body =
      node(K::kDocument, {node(K::kHeading, {text("Signs")}),
                          node(K::kList, {node(K::kListItem, {text("numbness")}),
                                          node(K::kListItem, {text("weak muscles.")})}),
                          node(K::kParagraph, {text("See a doctor")})});
  EXPECT_EQ(PlainText(body), "Signs. numbness; weak muscles. See a doctor.");
}

TEST(PlainTextTest, ACitationLeavesNoSpaceBeforePunctuation) {
  // "One trial found this [@smith2020]. It helped (a little [@lee2019])."
  auto text = [](std::string t) {
    content::Node n;
    n.kind = content::NodeKind::kText;
    n.text = std::move(t);
    return n;
  };
  content::Node citation;
  citation.kind = content::NodeKind::kCitation;
  citation.mutable_detail().citation_keys = {"smith2020"};
  content::Node p;
  p.kind = content::NodeKind::kParagraph;
  p.children = {text("One trial found this "), citation, text(". It helped (a little "), citation,
                text(").")};
  content::Node body;
  body.kind = content::NodeKind::kDocument;
  body.children = {p};
  EXPECT_EQ(PlainText(body), "One trial found this. It helped (a little).");
}

}  // namespace
}  // namespace evidoc::search
