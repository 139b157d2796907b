// MissedSearchWriter: queueing does not wait for the store; readers and the
// destructor see every queued query, in order; a full queue drops and counts;
// store failures are counted; what queues during one write is written as one
// batch (bounded by max_batch); rows reach a real SQLite file.
#include "server/missed_search_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace evidoc::server {
namespace {

// What the fake store saw, and a gate its AddMissedSearch waits at. Shared
// with the test so it outlives the writer (which owns the fake).
struct FakeState {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  int entered = 0;  // AddMissedSearches calls (batches) that have started
  std::vector<std::string> written;
  std::vector<size_t> batches;  // size of each batch the store was given
  std::vector<std::string> feedback_pages;
  bool fail = false;

  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu);
      open = true;
    }
    cv.notify_all();
  }
  // Waits (at most 10 s, so a broken writer fails rather than hangs) until
  // the store has been entered `n` times.
  bool WaitEntered(int n) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(10), [&] { return entered >= n; });
  }
  std::vector<std::string> Written() {
    std::lock_guard<std::mutex> lock(mu);
    return written;
  }
  std::vector<size_t> Batches() {
    std::lock_guard<std::mutex> lock(mu);
    return batches;
  }
};

class FakeStore : public FeedbackStore {
 public:
  explicit FakeStore(std::shared_ptr<FakeState> s) : s_(std::move(s)) {}
  StoreResult AddFeedback(const Feedback& f) override {
    std::lock_guard<std::mutex> lock(s_->mu);
    s_->feedback_pages.push_back(f.page);
    return {};
  }
  StoreResult AddMissedSearch(std::string_view query) override {
    const std::string one(query);
    return AddMissedSearches(std::span<const std::string>(&one, 1));
  }
  // All or nothing, like the real stores; waits at the gate.
  StoreResult AddMissedSearches(std::span<const std::string> queries) override {
    std::unique_lock<std::mutex> lock(s_->mu);
    ++s_->entered;
    s_->cv.notify_all();
    s_->cv.wait(lock, [&] { return s_->open; });
    if (s_->fail) return tl::unexpected(std::string("disk on fire"));
    s_->batches.push_back(queries.size());
    s_->written.insert(s_->written.end(), queries.begin(), queries.end());
    return {};
  }
  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override {
    std::lock_guard<std::mutex> lock(s_->mu);
    std::vector<PageFeedback> out;
    for (const std::string& p : s_->feedback_pages) out.push_back({p, 1, 0, {}});
    return out;
  }
  // One row per distinct query in order of first arrival, with its count.
  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override {
    std::lock_guard<std::mutex> lock(s_->mu);
    std::vector<MissedSearch> out;
    for (const std::string& q : s_->written) {
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& m) { return m.query == q; });
      if (it == out.end()) {
        out.push_back({q, 1, ""});
      } else {
        ++it->count;
      }
    }
    return out;
  }
  std::string Describe() const override { return "fake:store"; }

 private:
  std::shared_ptr<FakeState> s_;
};

std::unique_ptr<FeedbackStore> Fake(const std::shared_ptr<FakeState>& s) {
  return std::make_unique<FakeStore>(s);
}

TEST(MissedSearchWriter, AddReturnsWithoutWaitingForTheStore) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state));
  // The gate is closed: a synchronous AddMissedSearch would not return
  // until it opens.
  auto add = std::async(std::launch::async, [&] { return w.AddMissedSearch("leg cramp"); });
  const bool returned = add.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  if (!returned) state->Open();  // let a synchronous store finish so the test ends
  ASSERT_TRUE(returned) << "AddMissedSearch waited for the store";
  EXPECT_TRUE(add.get());
  ASSERT_TRUE(state->WaitEntered(1));  // the writer thread is stuck in the store
  EXPECT_TRUE(w.AddMissedSearch("xylophone"));
  EXPECT_TRUE(w.AddMissedSearch("leg cramp"));
  EXPECT_TRUE(state->Written().empty());
  EXPECT_EQ(w.Describe(), "fake:store");
  state->Open();
}

TEST(MissedSearchWriter, ReadersSeeEveryQueuedQueryInOrder) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state));
  for (const char* q : {"leg cramp", "xylophone", "leg cramp", "zz top", "leg cramp"}) {
    ASSERT_TRUE(w.AddMissedSearch(q));
  }
  ASSERT_TRUE(state->WaitEntered(1));
  // Release the store shortly after the reader starts waiting: the reader
  // must block until all five are written, not answer with what is there.
  std::thread opener([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    state->Open();
  });
  auto missed = w.MissedSearches();
  opener.join();
  ASSERT_TRUE(missed);
  ASSERT_EQ(missed->size(), 3u);
  EXPECT_EQ((*missed)[0].query, "leg cramp");
  EXPECT_EQ((*missed)[0].count, 3);
  EXPECT_EQ((*missed)[1].query, "xylophone");
  EXPECT_EQ((*missed)[1].count, 1);
  EXPECT_EQ((*missed)[2].query, "zz top");
  EXPECT_EQ((*missed)[2].count, 1);
  EXPECT_EQ(state->Written(), (std::vector<std::string>{"leg cramp", "xylophone", "leg cramp",
                                                        "zz top", "leg cramp"}));
  EXPECT_EQ(w.dropped(), 0u);
  EXPECT_EQ(w.failed(), 0u);
}

TEST(MissedSearchWriter, FeedbackIsWrittenBeforeAddFeedbackReturns) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state));
  // The missed-search gate is closed, but feedback does not go through it.
  ASSERT_TRUE(w.AddFeedback(Feedback{"/leg-cramps/", true, ""}));
  {
    std::lock_guard<std::mutex> lock(state->mu);
    EXPECT_EQ(state->feedback_pages, (std::vector<std::string>{"/leg-cramps/"}));
  }
  auto pages = w.FeedbackByPage();
  ASSERT_TRUE(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].page, "/leg-cramps/");
}

TEST(MissedSearchWriter, DestructorWritesEverythingQueued) {
  auto state = std::make_shared<FakeState>();
  std::thread opener;
  {
    MissedSearchWriter w(Fake(state));
    ASSERT_TRUE(w.AddMissedSearch("one"));
    ASSERT_TRUE(state->WaitEntered(1));
    ASSERT_TRUE(w.AddMissedSearch("two"));
    ASSERT_TRUE(w.AddMissedSearch("three"));
    opener = std::thread([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      state->Open();
    });
    EXPECT_TRUE(state->Written().empty());
  }  // the destructor runs while the store is still closed
  opener.join();
  EXPECT_EQ(state->Written(), (std::vector<std::string>{"one", "two", "three"}));
}

TEST(MissedSearchWriter, FullQueueDropsAndCounts) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state), 2);
  ASSERT_TRUE(w.AddMissedSearch("q1"));
  ASSERT_TRUE(state->WaitEntered(1));  // q1 left the queue; the writer is stuck on it
  EXPECT_TRUE(w.AddMissedSearch("q2"));
  EXPECT_TRUE(w.AddMissedSearch("q3"));
  auto dropped = w.AddMissedSearch("q4");
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error(), "missed-search queue is full; query dropped");
  EXPECT_FALSE(w.AddMissedSearch("q5"));
  EXPECT_EQ(w.dropped(), 2u);
  state->Open();
  w.Flush();
  EXPECT_EQ(state->Written(), (std::vector<std::string>{"q1", "q2", "q3"}));
  // Room again once written.
  EXPECT_TRUE(w.AddMissedSearch("q6"));
  w.Flush();
  EXPECT_EQ(state->Written().back(), "q6");
  EXPECT_EQ(w.dropped(), 2u);
}

TEST(MissedSearchWriter, StoreFailuresAreCountedAndTheWriterGoesOn) {
  auto state = std::make_shared<FakeState>();
  state->fail = true;
  state->open = true;
  MissedSearchWriter w(Fake(state));
  ASSERT_TRUE(w.AddMissedSearch("a"));
  ASSERT_TRUE(w.AddMissedSearch("b"));
  w.Flush();  // returns: a failed write still counts as done
  EXPECT_EQ(w.failed(), 2u);
  {
    std::lock_guard<std::mutex> lock(state->mu);
    state->fail = false;
  }
  ASSERT_TRUE(w.AddMissedSearch("c"));
  auto missed = w.MissedSearches();
  ASSERT_TRUE(missed);
  ASSERT_EQ(missed->size(), 1u);
  EXPECT_EQ((*missed)[0].query, "c");
  EXPECT_EQ(w.failed(), 2u);
}

TEST(MissedSearchWriter, WhatQueuesDuringAWriteIsTheNextBatch) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state));
  ASSERT_TRUE(w.AddMissedSearch("q1"));
  ASSERT_TRUE(state->WaitEntered(1));  // the writer is inside the store with [q1]
  for (const char* q : {"q2", "q3", "q4", "q5", "q6"}) ASSERT_TRUE(w.AddMissedSearch(q));
  state->Open();
  w.Flush();
  EXPECT_EQ(state->Batches(), (std::vector<size_t>{1, 5}));
  EXPECT_EQ(state->Written(), (std::vector<std::string>{"q1", "q2", "q3", "q4", "q5", "q6"}));
  // A lone search is written at once, alone: nothing waits to fill a batch.
  ASSERT_TRUE(w.AddMissedSearch("q7"));
  w.Flush();
  EXPECT_EQ(state->Batches(), (std::vector<size_t>{1, 5, 1}));
}

TEST(MissedSearchWriter, BatchesAreAtMostMaxBatch) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state), 100, 3);
  ASSERT_TRUE(w.AddMissedSearch("q1"));
  ASSERT_TRUE(state->WaitEntered(1));
  std::vector<std::string> expected = {"q1"};
  for (int i = 2; i <= 8; ++i) {
    expected.push_back("q" + std::to_string(i));
    ASSERT_TRUE(w.AddMissedSearch(expected.back()));
  }
  state->Open();
  w.Flush();
  EXPECT_EQ(state->Batches(), (std::vector<size_t>{1, 3, 3, 1}));
  EXPECT_EQ(state->Written(), expected);
}

TEST(MissedSearchWriter, AFailedBatchCountsEveryQueryInIt) {
  auto state = std::make_shared<FakeState>();
  state->fail = true;
  MissedSearchWriter w(Fake(state));
  ASSERT_TRUE(w.AddMissedSearch("a"));
  ASSERT_TRUE(state->WaitEntered(1));
  for (const char* q : {"b", "c", "d"}) ASSERT_TRUE(w.AddMissedSearch(q));
  state->Open();
  w.Flush();
  // [a] failed, then [b, c, d] failed as one batch: 4, not 2.
  EXPECT_EQ(w.failed(), 4u);
  {
    std::lock_guard<std::mutex> lock(state->mu);
    EXPECT_EQ(state->entered, 2);
    state->fail = false;
  }
  ASSERT_TRUE(w.AddMissedSearch("e"));
  w.Flush();
  EXPECT_EQ(state->Written(), (std::vector<std::string>{"e"}));
  EXPECT_EQ(w.failed(), 4u);
  EXPECT_EQ(w.dropped(), 0u);
}

TEST(MissedSearchWriter, AddMissedSearchesQueuesWhatFitsAndCountsTheRest) {
  auto state = std::make_shared<FakeState>();
  MissedSearchWriter w(Fake(state), 3);
  ASSERT_TRUE(w.AddMissedSearch("q1"));
  ASSERT_TRUE(state->WaitEntered(1));  // q1 has left the queue
  const std::vector<std::string> more = {"q2", "q3", "q4", "q5", "q6"};
  auto r = w.AddMissedSearches(more);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "missed-search queue is full; query dropped");
  EXPECT_EQ(w.dropped(), 2u);
  state->Open();
  w.Flush();
  EXPECT_EQ(state->Written(), (std::vector<std::string>{"q1", "q2", "q3", "q4"}));
}

// A store that implements only AddMissedSearch gets the default
// AddMissedSearches: in order, stopping at the first failure.
class RowByRowStore : public FeedbackStore {
 public:
  StoreResult AddFeedback(const Feedback&) override { return {}; }
  StoreResult AddMissedSearch(std::string_view query) override {
    if (query == "poison") return tl::unexpected(std::string("refused: poison"));
    rows.emplace_back(query);
    return {};
  }
  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override {
    return std::vector<PageFeedback>{};
  }
  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override {
    return std::vector<MissedSearch>{};
  }
  std::string Describe() const override { return "rows"; }
  std::vector<std::string> rows;
};

TEST(FeedbackStoreDefault, AddMissedSearchesLoopsAndStopsAtTheFirstFailure) {
  RowByRowStore s;
  EXPECT_TRUE(s.AddMissedSearches({}));
  const std::vector<std::string> ok = {"a", "b"};
  EXPECT_TRUE(s.AddMissedSearches(ok));
  const std::vector<std::string> bad = {"c", "poison", "d"};
  auto r = s.AddMissedSearches(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "refused: poison");
  EXPECT_EQ(s.rows, (std::vector<std::string>{"a", "b", "c"}));
}

// Forwards to a real store, holding each batch at a gate first and
// recording its size: the test can pile up a batch behind it.
class GatedStore : public FeedbackStore {
 public:
  GatedStore(std::unique_ptr<FeedbackStore> inner, std::shared_ptr<FakeState> s)
      : inner_(std::move(inner)), s_(std::move(s)) {}
  StoreResult AddFeedback(const Feedback& f) override { return inner_->AddFeedback(f); }
  StoreResult AddMissedSearch(std::string_view q) override { return inner_->AddMissedSearch(q); }
  StoreResult AddMissedSearches(std::span<const std::string> queries) override {
    {
      std::unique_lock<std::mutex> lock(s_->mu);
      ++s_->entered;
      s_->cv.notify_all();
      s_->cv.wait(lock, [&] { return s_->open; });
      s_->batches.push_back(queries.size());
    }
    return inner_->AddMissedSearches(queries);
  }
  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override {
    return inner_->FeedbackByPage();
  }
  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override {
    return inner_->MissedSearches();
  }
  std::string Describe() const override { return inner_->Describe(); }

 private:
  std::unique_ptr<FeedbackStore> inner_;
  std::shared_ptr<FakeState> s_;
};

TEST(MissedSearchWriter, ABatchReachesSqliteWhole) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("evidoc-missed-batch-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "feedback.db").string();
  auto state = std::make_shared<FakeState>();
  // 600 distinct queries behind the first: more than one default batch.
  std::map<std::string, int64_t> expected = {{"first", 1}};
  {
    auto store = OpenFeedbackStore(url);
    ASSERT_TRUE(store) << store.error();
    MissedSearchWriter w(std::make_unique<GatedStore>(std::move(*store), state));
    ASSERT_TRUE(w.AddMissedSearch("first"));
    ASSERT_TRUE(state->WaitEntered(1));
    for (int i = 0; i < 600; ++i) {
      std::string q = "query " + std::to_string(i % 300);  // each twice
      ASSERT_TRUE(w.AddMissedSearch(q));
      ++expected[q];
    }
    state->Open();
  }  // the destructor writes everything
  EXPECT_EQ(state->Batches(), (std::vector<size_t>{1, 512, 88}));
  auto plain = OpenFeedbackStore(url);
  ASSERT_TRUE(plain) << plain.error();
  auto missed = (*plain)->MissedSearches();
  ASSERT_TRUE(missed) << missed.error();
  std::map<std::string, int64_t> counts;
  for (const MissedSearch& m : *missed) {
    counts[m.query] = m.count;
    EXPECT_EQ(m.last_seen.size(), 19u) << m.last_seen;  // "YYYY-MM-DD HH:MM:SS"
  }
  EXPECT_EQ(counts.size(), 301u);
  EXPECT_EQ(counts, expected);
  std::filesystem::remove_all(dir);
}

TEST(MissedSearchWriter, RowsReachSqlite) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("evidoc-missed-writer-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "feedback.db").string();
  {
    auto store = OpenFeedbackStore(url);
    ASSERT_TRUE(store) << store.error();
    MissedSearchWriter w(std::move(*store));
    EXPECT_EQ(w.Describe(), url);
    ASSERT_TRUE(w.AddMissedSearch("charley horse"));
    ASSERT_TRUE(w.AddMissedSearch("zz top"));
    ASSERT_TRUE(w.AddMissedSearch("charley horse"));
    auto missed = w.MissedSearches();
    ASSERT_TRUE(missed) << missed.error();
    ASSERT_EQ(missed->size(), 2u);
    EXPECT_EQ((*missed)[0].query, "charley horse");
    EXPECT_EQ((*missed)[0].count, 2);
    EXPECT_EQ((*missed)[1].query, "zz top");
    EXPECT_EQ((*missed)[1].count, 1);
    // Queued but not read back: the destructor must still write it.
    ASSERT_TRUE(w.AddMissedSearch("zz top"));
  }
  {
    auto plain = OpenFeedbackStore(url);
    ASSERT_TRUE(plain) << plain.error();
    auto missed = (*plain)->MissedSearches();
    ASSERT_TRUE(missed) << missed.error();
    std::map<std::string, int64_t> counts;
    for (const MissedSearch& m : *missed) counts[m.query] = m.count;
    EXPECT_EQ(counts, (std::map<std::string, int64_t>{{"charley horse", 2}, {"zz top", 2}}));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace evidoc::server
