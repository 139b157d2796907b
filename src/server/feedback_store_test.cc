// The same tests against both stores: SQLite always; PostgreSQL when
// EVIDOC_TEST_POSTGRES names a database (scripts/start-postgres sets it).
#include "server/feedback_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
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

std::map<std::string, int64_t> Counts(FeedbackStore& store) {
  std::map<std::string, int64_t> out;
  auto missed = store.MissedSearches();
  EXPECT_TRUE(missed) << missed.error();
  if (missed) {
    for (const MissedSearch& m : *missed) out[m.query] = m.count;
  }
  return out;
}

TEST_P(StoreTest, StoresABatchOfMissedSearchesWhole) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->AddMissedSearches({}));
  // 1,200 rows: more than one PostgreSQL statement (1,000 rows each); quotes,
  // SQL and non-ASCII text must arrive as sent.
  std::vector<std::string> batch;
  std::map<std::string, int64_t> expected;
  for (int i = 0; i < 1200; ++i) {
    std::string q = i % 3 == 0   ? "it's \"odd\"; drop table missed_search;--"
                    : i % 3 == 1 ? "crampe nocturne é " + std::to_string(i % 7)
                                 : "q" + std::to_string(i);
    batch.push_back(q);
    ++expected[q];
  }
  ASSERT_TRUE(store->AddMissedSearches(batch));
  EXPECT_EQ(expected.size(), 1u + 7u + 400u);
  EXPECT_EQ(Counts(*store), expected);
}

// A trigger that refuses the query "poison", so that the second row of a
// batch fails inside the transaction.
void InstallPoisonTrigger(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db,
                          "CREATE TRIGGER poison BEFORE INSERT ON missed_search "
                          "WHEN NEW.query = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END",
                          nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  } else {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec(
        "CREATE OR REPLACE FUNCTION evidoc_test_poison() RETURNS trigger AS $$ BEGIN "
        "IF NEW.query = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END "
        "$$ LANGUAGE plpgsql");
    w.exec(
        "CREATE TRIGGER poison BEFORE INSERT ON missed_search FOR EACH ROW "
        "EXECUTE FUNCTION evidoc_test_poison()");
    w.commit();
  }
}

TEST_P(StoreTest, AFailedBatchStoresNoneOfItsRows) {
  auto store = Open();  // creates the tables
  ASSERT_NE(store, nullptr);
  InstallPoisonTrigger(url_);
  ASSERT_TRUE(store->AddMissedSearch("before"));
  const std::vector<std::string> bad = {"a", "poison", "b"};
  auto r = store->AddMissedSearches(bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("poisoned"), std::string::npos) << r.error();
  EXPECT_EQ(Counts(*store), (std::map<std::string, int64_t>{{"before", 1}}));
  // Rolled back: the connection takes the next batch.
  const std::vector<std::string> good = {"after", "a"};
  ASSERT_TRUE(store->AddMissedSearches(good));
  EXPECT_EQ(Counts(*store),
            (std::map<std::string, int64_t>{{"a", 1}, {"after", 1}, {"before", 1}}));
}

// Whatever a reader types, the normalised query is stored: one junk query
// must not fail a whole batch (PostgreSQL refuses invalid UTF-8).
TEST_P(StoreTest, EveryNormalisedQueryIsAccepted) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::vector<std::string> batch;
  for (std::string raw : {std::string("\xff\xfe"), std::string("a\0b", 3),
                          std::string("\xed\xa0\x80"), std::string("\xc0\xaf"),
                          std::string("\xf4\x90\x80\x80"), std::string("caf\xc3\xa9 \xe2\x82")}) {
    batch.push_back(NormaliseSearchQuery(raw));
  }
  ASSERT_TRUE(store->AddMissedSearches(batch));
  std::map<std::string, int64_t> expected;
  for (const std::string& q : batch) ++expected[q];
  EXPECT_EQ(Counts(*store), expected);
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
  // Well-formed sequences only (Unicode Table 3-7), as PostgreSQL requires:
  // a surrogate (U+D800), an overlong "/" and a code point past U+10FFFF.
  for (const char* bad : {"a\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80"}) {
    EXPECT_EQ(ValidateFeedback("/x/", "yes", bad).error(), "comment is not valid UTF-8") << bad;
    EXPECT_EQ(ValidateFeedback(std::string("/x/") + bad, "yes", "").error(),
              "page must be a path of this site, such as /leg-cramps/")
        << bad;
  }
  EXPECT_EQ(ValidateFeedback("/x/", "yes", std::string("a\0b", 3)).error(),
            "comment has control characters");
  EXPECT_EQ(ValidateFeedback("/x/", "yes", "a\x1b[31m").error(), "comment has control characters");
  EXPECT_EQ(ValidateFeedback("/x/", "yes", "Line one.\r\nLine\ttwo.")->comment,
            "Line one.\r\nLine\ttwo.");
}

TEST(NormaliseSearchQueryTest, FoldsCaseAndSpaces) {
  EXPECT_EQ(NormaliseSearchQuery("  Charley   HORSE \t"), "charley horse");
  EXPECT_EQ(NormaliseSearchQuery(std::string(1000, 'a')).size(), 256u);
}

TEST(NormaliseSearchQueryTest, ControlCharactersAreSpaces) {
  EXPECT_EQ(NormaliseSearchQuery(std::string("a\0b", 3)), "a b");
  EXPECT_EQ(NormaliseSearchQuery("\x01Leg\x7f\x1f Cramp\r\n"), "leg cramp");
  EXPECT_EQ(NormaliseSearchQuery(std::string("\0\0", 2)), "");
}

TEST(NormaliseSearchQueryTest, KeepsValidUtf8AndReplacesTheRest) {
  const std::string r = "\xef\xbf\xbd";  // U+FFFD
  // Valid: kept (only ASCII is case-folded).
  EXPECT_EQ(NormaliseSearchQuery("CAF\xc3\x89"), "caf\xc3\x89");
  EXPECT_EQ(NormaliseSearchQuery("\xf0\x9f\x98\x80 ok"), "\xf0\x9f\x98\x80 ok");
  EXPECT_EQ(NormaliseSearchQuery("\xe4\xb8\xad\xe6\x96\x87"), "\xe4\xb8\xad\xe6\x96\x87");
  // Invalid: one U+FFFD per byte that cannot start a well-formed sequence.
  EXPECT_EQ(NormaliseSearchQuery("\xff"), r);
  EXPECT_EQ(NormaliseSearchQuery("a\xc0\xaf"
                                 "b"),
            "a" + r + r + "b");                                        // overlong '/'
  EXPECT_EQ(NormaliseSearchQuery("\xed\xa0\x80"), r + r + r);          // surrogate D800
  EXPECT_EQ(NormaliseSearchQuery("\xf4\x90\x80\x80"), r + r + r + r);  // U+110000
  EXPECT_EQ(NormaliseSearchQuery("x \xe2\x82"), "x " + r + r);         // cut short
}

TEST(NormaliseSearchQueryTest, TheCutNeverSplitsACharacter) {
  const std::string e = "\xc3\xa9";  // é, two bytes
  EXPECT_EQ(NormaliseSearchQuery(std::string(254, 'a') + e), std::string(254, 'a') + e);
  EXPECT_EQ(NormaliseSearchQuery(std::string(255, 'a') + e), std::string(255, 'a'));
  EXPECT_EQ(NormaliseSearchQuery(std::string(255, 'a') + " b"), std::string(255, 'a'));
  EXPECT_EQ(NormaliseSearchQuery(std::string(254, 'a') + "\xff"), std::string(254, 'a'));
}

}  // namespace
}  // namespace evidoc::server
