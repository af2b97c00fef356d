#include "runner/ops/clblast_gemm.h"

#include <clblast.h>

#include <string>

namespace campaign::runner::ops {

Status EnqueueGemm(cl::Runtime& rt, const GemmCall& g, std::string_view what) {
  using clblast::Transpose;
  clblast::StatusCode s = clblast::Gemm<float>(
      clblast::Layout::kRowMajor, g.trans_a ? Transpose::kYes : Transpose::kNo,
      g.trans_b ? Transpose::kYes : Transpose::kNo, g.m, g.n, g.k, g.alpha, g.a, g.a_offset, g.lda,
      g.b, g.b_offset, g.ldb, g.beta, g.c, g.c_offset, g.ldc, rt.queue_ptr(), rt.EventSlot());
  if (s == clblast::StatusCode::kSuccess) return Status::Ok();
  return Status::Error(Reason::kDeviceError,
                       std::string(what) + ": CLBlast GEMM (" + std::to_string(g.m) + "x" +
                           std::to_string(g.n) + "x" + std::to_string(g.k) +
                           ") failed with status " + std::to_string(static_cast<int>(s)));
}

Status EnqueueGemmBatched(cl::Runtime& rt, const GemmCall& g, const std::vector<size_t>& a_offsets,
                          const std::vector<size_t>& b_offsets,
                          const std::vector<size_t>& c_offsets, std::string_view what) {
  using clblast::Transpose;
  size_t batch = c_offsets.size();
  if (batch == 0) return Status::Ok();
  std::vector<float> alphas(batch, g.alpha), betas(batch, g.beta);
  clblast::StatusCode s = clblast::GemmBatched<float>(
      clblast::Layout::kRowMajor, g.trans_a ? Transpose::kYes : Transpose::kNo,
      g.trans_b ? Transpose::kYes : Transpose::kNo, g.m, g.n, g.k, alphas.data(), g.a,
      a_offsets.data(), g.lda, g.b, b_offsets.data(), g.ldb, betas.data(), g.c, c_offsets.data(),
      g.ldc, batch, rt.queue_ptr(), rt.EventSlot());
  if (s == clblast::StatusCode::kSuccess) return Status::Ok();
  return Status::Error(Reason::kDeviceError,
                       std::string(what) + ": CLBlast batched GEMM (" + std::to_string(batch) +
                           " x " + std::to_string(g.m) + "x" + std::to_string(g.n) + "x" +
                           std::to_string(g.k) + ") failed with status " +
                           std::to_string(static_cast<int>(s)));
}

Status EnqueueGemmStridedBatched(cl::Runtime& rt, const GemmCall& g, size_t a_stride,
                                 size_t b_stride, size_t c_stride, size_t batch,
                                 std::string_view what) {
  if (batch == 1) return EnqueueGemm(rt, g, what);
  using clblast::Transpose;
  clblast::StatusCode s = clblast::GemmStridedBatched<float>(
      clblast::Layout::kRowMajor, g.trans_a ? Transpose::kYes : Transpose::kNo,
      g.trans_b ? Transpose::kYes : Transpose::kNo, g.m, g.n, g.k, g.alpha, g.a, g.a_offset, g.lda,
      a_stride, g.b, g.b_offset, g.ldb, b_stride, g.beta, g.c, g.c_offset, g.ldc, c_stride, batch,
      rt.queue_ptr(), rt.EventSlot());
  if (s == clblast::StatusCode::kSuccess) return Status::Ok();
  return Status::Error(Reason::kDeviceError,
                       std::string(what) + ": CLBlast strided batched GEMM (" +
                           std::to_string(batch) + " x " + std::to_string(g.m) + "x" +
                           std::to_string(g.n) + "x" + std::to_string(g.k) +
                           ") failed with status " + std::to_string(static_cast<int>(s)));
}

}  // namespace campaign::runner::ops
