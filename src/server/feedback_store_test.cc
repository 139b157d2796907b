// The same tests against both stores: SQLite always; PostgreSQL when
// EVIDOC_TEST_POSTGRES names a database (scripts/start-postgres sets it).
#include "server/feedback_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

namespace evidoc::server {
namespace {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("EVIDOC_TEST_POSTGRES");
      if (url == nullptr || *url == '\0') GTEST_SKIP() << "EVIDOC_TEST_POSTGRES is not set";
      url_ = url;
      pqxx::connection c(url_);
      pqxx::work w(c);
      w.exec("DROP TABLE IF EXISTS feedback");
      w.exec("DROP TABLE IF EXISTS missed_search");
      w.commit();
    } else {
      dir_ = std::filesystem::temp_directory_path() /
             ("evidoc-store-test-" + std::to_string(getpid()));
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "feedback.db").string();
    }
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<FeedbackStore> Open() {
    auto s = OpenFeedbackStore(url_);
    EXPECT_TRUE(s) << s.error();
    return s ? std::move(*s) : nullptr;
  }
  std::string url_;
  std::filesystem::path dir_;
};

TEST_P(StoreTest, StoresFeedbackAndReportsItByPage) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->AddFeedback({"/leg-cramps/", true, ""}));
  ASSERT_TRUE(store->AddFeedback({"/leg-cramps/", false, "Too long"}));
  ASSERT_TRUE(store->AddFeedback({"/leg-cramps/", true, "Clear, thanks"}));
  ASSERT_TRUE(store->AddFeedback({"/bakers-cyst/", false, "It's \"odd\"; DROP TABLE feedback;--"}));
  auto pages = store->FeedbackByPage();
  ASSERT_TRUE(pages) << pages.error();
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ((*pages)[0].page, "/leg-cramps/");
  EXPECT_EQ((*pages)[0].yes, 2);
  EXPECT_EQ((*pages)[0].no, 1);
  EXPECT_EQ((*pages)[0].comments, (std::vector<std::string>{"Clear, thanks", "Too long"}));
  EXPECT_EQ((*pages)[1].page, "/bakers-cyst/");
  EXPECT_EQ((*pages)[1].comments,
            (std::vector<std::string>{"It's \"odd\"; DROP TABLE feedback;--"}));
}

TEST_P(StoreTest, RowsAreDurableAcrossReopening) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->AddFeedback({"/a/", true, "é ü 中文"}));
    ASSERT_TRUE(store->AddMissedSearch("xylophone"));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto pages = store->FeedbackByPage();
  ASSERT_TRUE(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].comments, std::vector<std::string>{"é ü 中文"});
}

TEST_P(StoreTest, CountsMissedSearches) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  for (const char* q : {"restless legs", "xylophone", "restless legs", "restless legs"}) {
    ASSERT_TRUE(store->AddMissedSearch(q));
  }
  auto missed = store->MissedSearches();
  ASSERT_TRUE(missed) << missed.error();
  ASSERT_EQ(missed->size(), 2u);
  EXPECT_EQ((*missed)[0].query, "restless legs");
  EXPECT_EQ((*missed)[0].count, 3);
  EXPECT_EQ((*missed)[0].last_seen.size(), 19u);  // "YYYY-MM-DD HH:MM:SS"
  EXPECT_EQ((*missed)[1].query, "xylophone");
  EXPECT_EQ((*missed)[1].count, 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest, ::testing::Values("sqlite", "postgresql"));

TEST(OpenFeedbackStoreTest, RefusesUnknownUrlsWithAMessage) {
  auto s = OpenFeedbackStore("mysql://x");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), "unknown database URL 'mysql://x' (use sqlite:PATH or postgresql://...)");
  auto bad = OpenFeedbackStore("sqlite:/nonexistent-dir/x/y.db");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().rfind("cannot open sqlite:/nonexistent-dir/x/y.db: ", 0), 0u)
      << bad.error();
  auto pg = OpenFeedbackStore("postgresql://nobody:secret@127.0.0.1:1/none");
  ASSERT_FALSE(pg);
  EXPECT_EQ(pg.error().rfind("cannot open postgresql://nobody@127.0.0.1:1/none: ", 0), 0u)
      << pg.error();
  EXPECT_EQ(pg.error().find("secret"), std::string::npos);
}

TEST(ValidateFeedbackTest, AcceptsAndNormalises) {
  auto f = ValidateFeedback("/leg-cramps/?q=private#top", "yes", "  Helpful.  ");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->page, "/leg-cramps/");
  EXPECT_TRUE(f->helpful);
  EXPECT_EQ(f->comment, "Helpful.");
  EXPECT_FALSE(ValidateFeedback("/x/", "no", "")->helpful);
}

TEST(ValidateFeedbackTest, Refuses) {
  EXPECT_EQ(ValidateFeedback("", "yes", "").error(),
            "page must be a path of this site, such as /leg-cramps/");
  EXPECT_EQ(ValidateFeedback("https://evil.example/", "yes", "").error(),
            "page must be a path of this site, such as /leg-cramps/");
  EXPECT_EQ(ValidateFeedback("//evil.example/", "yes", "").error(),
            "page must be a path of this site, such as /leg-cramps/");
  EXPECT_EQ(ValidateFeedback("/x/", "maybe", "").error(), "helpful must be yes or no");
  // 1000 characters (not bytes) are fine; 1001 are not.
  std::string ok;
  for (int i = 0; i < 1000; ++i) ok += "\xC3\xA9";
  EXPECT_TRUE(ValidateFeedback("/x/", "yes", ok));
  EXPECT_EQ(ValidateFeedback("/x/", "yes", ok + "a").error(),
            "comment is longer than 1000 characters");
  EXPECT_EQ(ValidateFeedback("/x/", "yes", "\xff").error(), "comment is not valid UTF-8");
}

TEST(NormaliseSearchQueryTest, FoldsCaseAndSpaces) {
  EXPECT_EQ(NormaliseSearchQuery("  Charley   HORSE \t"), "charley horse");
  EXPECT_EQ(NormaliseSearchQuery(std::string(1000, 'a')).size(), 256u);
}

}  // namespace
}  // namespace evidoc::server
