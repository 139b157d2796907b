#include "common/parallel_for.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace evidoc {
namespace {

TEST(ParallelFor, RunsEveryItemExactlyOnce) {
  for (unsigned threads : {1u, 2u, 7u}) {
    std::vector<int> hits(1000, 0);
    ParallelFor(hits.size(), threads, [&](size_t i) { ++hits[i]; });
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 1000) << threads << " threads";
  }
}

TEST(ParallelFor, NoItemsRunsNothing) {
  int calls = 0;
  ParallelFor(0, 4, [&](size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, OneThreadRunsInOrderOnTheCaller) {
  std::vector<size_t> order;
  ParallelFor(5, 1, [&](size_t i) { order.push_back(i); });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(ParallelFor, RethrowsTheFirstErrorAfterAllThreadsStop) {
  std::vector<int> hits(100, 0);
  EXPECT_THROW(ParallelFor(hits.size(), 3,
                           [&](size_t i) {
                             ++hits[i];
                             if (i == 10) throw std::runtime_error("item 10");
                           }),
               std::runtime_error);
  // Nothing ran twice, whatever was skipped.
  EXPECT_EQ(std::count_if(hits.begin(), hits.end(), [](int h) { return h > 1; }), 0);
}

}  // namespace
}  // namespace evidoc
