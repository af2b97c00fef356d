// Reference scaled-dot-product attention (ai.campaign.Attention,
// schema/engine-format.md), and the strided-matrix layout shared by its
// OpenCL version and by the converter pass that creates it.
//
//   Qo = Transpose(Q, q_perm)   [..., Sq, D]
//   Ko = Transpose(K, k_perm)   [..., D, Sk]   (already "K transposed")
//   Vo = Transpose(V, v_perm)   [..., Sk, Dv]
//   Yo = Softmax(scale * Qo Ko, axis -1) Vo     [..., Sq, Dv]
//   Y  = Transpose(Yo, y_perm)
// An empty perm is the identity. The batch dims (all but the last two) of
// Qo, Ko and Vo must be equal (no broadcasting).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

struct AttentionParams {
  float scale = 1.0f;
  std::vector<int64_t> q_perm, k_perm, v_perm, y_perm;  // empty: identity
};

// Y's shape; kInvalidModel for bad perms or mismatched Qo/Ko/Vo shapes.
Result<Shape> AttentionShape(const Shape& q, const Shape& k, const Shape& v,
                             const AttentionParams& p);

// REQUIRES: y shaped by AttentionShape.
void Attention(const HostTensor& q, const HostTensor& k, const HostTensor& v,
               const AttentionParams& p, HostTensor* y);

// A batch of equally shaped matrices inside one contiguous buffer, in
// elements: matrix b, element (i, j) at b * batch_stride + i * row_stride +
// j * col_stride.
struct MatrixLayout {
  int64_t batch = 1, batch_stride = 0;
  int64_t rows = 1, cols = 1;
  int64_t row_stride = 0, col_stride = 0;
};

// The layout of the matrices of a tensor viewed with shape `shape` and
// element strides `strides` (rank >= 2: batch dims, then rows, cols), or
// nullopt when a BLAS strided-batched call cannot address it: the batch dims
// must merge into one uniform stride and one of the two matrix strides must
// be 1 (the other is then the leading dimension).
std::optional<MatrixLayout> BlasLayout(const Shape& shape, const std::vector<int64_t>& strides);

// Strides of Transpose(x, perm) read in place from contiguous x (empty perm:
// identity).
std::vector<int64_t> PermutedStrides(const Shape& x, const std::vector<int64_t>& perm);
// Strides of y0 written in place into the contiguous Transpose(y0, perm).
std::vector<int64_t> InversePermutedStrides(const Shape& y0, const std::vector<int64_t>& perm);

}  // namespace campaign::graph::reference
