// A parallel loop for the reference operators' heavy loops (convolution,
// GEMM, MatMul): validating a large model at batch 32 runs billions of
// multiply-adds on the CPU.
#pragma once

#include <cstdint>
#include <functional>

namespace campaign::graph::reference {

// Calls fn(begin, end) over disjoint ranges that cover [0, n), on up to
// ReferenceThreads() threads (the calling thread included), and returns when
// all are done. Each index is handled by exactly one call, so results do not
// depend on the thread count when fn writes only the outputs of its range.
// Small loops (n * cost_per_item below a threshold) run inline.
void ParallelFor(int64_t n, int64_t cost_per_item, const std::function<void(int64_t, int64_t)>& fn);

// Threads used by ParallelFor: CAMPAIGN_REFERENCE_THREADS when set to a
// positive number, else std::thread::hardware_concurrency().
int ReferenceThreads();

// Tests only: ReferenceThreads() returns `threads` from now on (0: back to
// the rule above). Not to be called while a ParallelFor runs.
void SetReferenceThreadsForTesting(int threads);

}  // namespace campaign::graph::reference
