#include "graph/reference/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace campaign::graph::reference {
namespace {

TEST(ParallelForTest, CoversEveryIndexExactlyOnce) {
  for (int64_t n : {0, 1, 7, 1000, 12345}) {
    std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
    std::atomic<int> calls{0};
    // Large cost per item: the loop is split across threads.
    ParallelFor(n, 1 << 20, [&](int64_t begin, int64_t end) {
      ASSERT_LE(0, begin);
      ASSERT_LT(begin, end);
      ASSERT_LE(end, n);
      ++calls;
      for (int64_t i = begin; i < end; ++i) ++hits[static_cast<size_t>(i)];
    });
    for (int64_t i = 0; i < n; ++i) EXPECT_EQ(hits[static_cast<size_t>(i)], 1) << "n=" << n;
    EXPECT_LE(calls, std::max(1, ReferenceThreads())) << "n=" << n;
  }
}

TEST(ParallelForTest, SmallLoopsRunInOneCall) {
  int calls = 0;  // not atomic: one call on this thread
  ParallelFor(100, 1, [&](int64_t begin, int64_t end) {
    ++calls;
    EXPECT_EQ(begin, 0);
    EXPECT_EQ(end, 100);
  });
  EXPECT_EQ(calls, 1);
}

TEST(ParallelForTest, ThreadCountOverrideForTests) {
  const int from_env = ReferenceThreads();
  SetReferenceThreadsForTesting(3);
  EXPECT_EQ(ReferenceThreads(), 3);
  std::atomic<int> calls{0};
  ParallelFor(3000, 1 << 20, [&](int64_t, int64_t) { ++calls; });
  EXPECT_EQ(calls, 3);  // three chunks of 1000, whatever the machine's cores
  SetReferenceThreadsForTesting(0);
  EXPECT_EQ(ReferenceThreads(), from_env);
}

}  // namespace
}  // namespace campaign::graph::reference
