// Row-major single-precision GEMM through CLBlast on the runtime's queue.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "runner/cl/runtime.h"

namespace campaign::runner::ops {

struct GemmCall {
  bool trans_a = false, trans_b = false;
  size_t m = 0, n = 0, k = 0;
  float alpha = 1, beta = 0;
  cl_mem a = nullptr, b = nullptr, c = nullptr;
  size_t a_offset = 0, b_offset = 0, c_offset = 0;  // in elements
  size_t lda = 0, ldb = 0, ldc = 0;                 // row lengths as stored
};

// Enqueues C = alpha * op(A) op(B) + beta * C. kDeviceError naming `what` and
// the CLBlast status code on failure.
Status EnqueueGemm(cl::Runtime& rt, const GemmCall& g, std::string_view what);

// Enqueues `batch` GEMMs of one shape (trans flags, m/n/k, alpha, beta and
// leading dims from `g`) at the given element offsets, in one CLBlast call.
// REQUIRES: the three offset vectors have the same size.
Status EnqueueGemmBatched(cl::Runtime& rt, const GemmCall& g, const std::vector<size_t>& a_offsets,
                          const std::vector<size_t>& b_offsets,
                          const std::vector<size_t>& c_offsets, std::string_view what);

// Enqueues `batch` GEMMs of one shape whose operands sit at fixed strides
// (in elements) from the offsets in `g`, in one CLBlast call; a stride of 0
// shares the operand (e.g. a convolution's weights across images).
Status EnqueueGemmStridedBatched(cl::Runtime& rt, const GemmCall& g, size_t a_stride,
                                 size_t b_stride, size_t c_stride, size_t batch,
                                 std::string_view what);

}  // namespace campaign::runner::ops
