#include "graph/reference/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

namespace campaign::graph::reference {
namespace {

std::atomic<int> threads_for_testing{0};

}  // namespace

int ReferenceThreads() {
  if (int forced = threads_for_testing.load(std::memory_order_relaxed); forced > 0) return forced;
  static const int threads = [] {
    if (const char* env = std::getenv("CAMPAIGN_REFERENCE_THREADS")) {
      int n = std::atoi(env);
      if (n > 0) return n;
    }
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }();
  return threads;
}

void SetReferenceThreadsForTesting(int threads) {
  threads_for_testing.store(std::max(threads, 0), std::memory_order_relaxed);
}

void ParallelFor(int64_t n, int64_t cost_per_item,
                 const std::function<void(int64_t, int64_t)>& fn) {
  // Below ~1M multiply-adds a thread costs more than it saves.
  constexpr int64_t kMinWork = int64_t{1} << 20;
  int64_t threads = std::min<int64_t>(ReferenceThreads(), n);
  if (threads > 1 && n * std::max<int64_t>(cost_per_item, 1) < kMinWork) threads = 1;
  if (threads <= 1) {
    if (n > 0) fn(0, n);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  const int64_t chunk = (n + threads - 1) / threads;
  for (int64_t t = 1; t < threads; ++t) {
    int64_t begin = t * chunk, end = std::min(n, begin + chunk);
    if (begin < end) pool.emplace_back(fn, begin, end);
  }
  fn(0, std::min(n, chunk));
  for (auto& th : pool) th.join();
}

}  // namespace campaign::graph::reference
