#include "graph/reference/attention.h"

#include <algorithm>

#include "graph/reference/gemm.h"
#include "graph/reference/movement.h"
#include "graph/reference/parallel.h"
#include "graph/reference/softmax.h"

namespace campaign::graph::reference {
namespace {

std::vector<int64_t> Identity(size_t rank) {
  std::vector<int64_t> p(rank);
  for (size_t i = 0; i < rank; ++i) p[i] = static_cast<int64_t>(i);
  return p;
}

Result<Shape> Permuted(const Shape& s, const std::vector<int64_t>& perm, const char* what) {
  if (perm.empty()) return s;
  auto p = NormalizePerm(perm, static_cast<int64_t>(s.size()));
  if (!p.ok() || perm.size() != s.size()) {
    return Status::Error(Reason::kInvalidModel, std::string("Attention: bad ") + what +
                                                    " for rank " + std::to_string(s.size()));
  }
  return TransposeShape(s, *p);
}

// x itself when `perm` is empty, else its transposed copy, held in *copy.
const HostTensor& Transposed(const HostTensor& x, const std::vector<int64_t>& perm,
                             HostTensor* copy) {
  if (perm.empty()) return x;
  *copy = HostTensor(x.dtype(), TransposeShape(x.shape(), perm));
  StridedCopy(x, TransposeView(x.shape(), perm), copy);
  return *copy;
}

std::vector<int64_t> Inverse(const std::vector<int64_t>& perm) {
  std::vector<int64_t> inv(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) inv[perm[i]] = static_cast<int64_t>(i);
  return inv;
}

}  // namespace

Result<Shape> AttentionShape(const Shape& q, const Shape& k, const Shape& v,
                             const AttentionParams& p) {
  ASSIGN_OR_RETURN(Shape qo, Permuted(q, p.q_perm, "q_perm"));
  ASSIGN_OR_RETURN(Shape ko, Permuted(k, p.k_perm, "k_perm"));
  ASSIGN_OR_RETURN(Shape vo, Permuted(v, p.v_perm, "v_perm"));
  const size_t r = qo.size();
  if (r < 2 || ko.size() != r || vo.size() != r || qo[r - 1] != ko[r - 2] ||
      ko[r - 1] != vo[r - 2] || !std::equal(qo.begin(), qo.end() - 2, ko.begin()) ||
      !std::equal(qo.begin(), qo.end() - 2, vo.begin())) {
    return Status::Error(Reason::kInvalidModel,
                         "Attention: Q " + ShapeToString(qo) + ", K " + ShapeToString(ko) + ", V " +
                             ShapeToString(vo) +
                             " (after their perms) do not form [.., Sq, D] x [.., D, Sk] x "
                             "[.., Sk, Dv]");
  }
  Shape yo = qo;
  yo[r - 1] = vo[r - 1];
  return Permuted(yo, p.y_perm, "y_perm");
}

void Attention(const HostTensor& q, const HostTensor& k, const HostTensor& v,
               const AttentionParams& p, HostTensor* y) {
  HostTensor q_copy, k_copy, v_copy;
  const HostTensor& qo = Transposed(q, p.q_perm, &q_copy);
  const HostTensor& ko = Transposed(k, p.k_perm, &k_copy);
  const HostTensor& vo = Transposed(v, p.v_perm, &v_copy);
  Shape ss = qo.shape();
  ss.back() = ko.shape().back();
  HostTensor scores(DType::kFloat32, ss);
  MatMul(qo, ko, &scores);
  std::span<float> sv = scores.values<float>();
  ParallelFor(static_cast<int64_t>(sv.size()), 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) sv[i] *= p.scale;
  });
  Softmax(scores, static_cast<int64_t>(ss.size()) - 1, &scores);
  if (p.y_perm.empty()) {
    MatMul(scores, vo, y);
    return;
  }
  Shape yos = ss;
  yos.back() = vo.shape().back();
  HostTensor yo(DType::kFloat32, yos);
  MatMul(scores, vo, &yo);
  StridedCopy(yo, TransposeView(yos, p.y_perm), y);
}

std::optional<MatrixLayout> BlasLayout(const Shape& shape, const std::vector<int64_t>& strides) {
  const size_t r = shape.size();
  if (r < 2 || strides.size() != r) return std::nullopt;
  MatrixLayout l;
  l.rows = shape[r - 2];
  l.cols = shape[r - 1];
  l.row_stride = strides[r - 2];
  l.col_stride = strides[r - 1];
  // A dimension of extent 1 may take any stride; give it the one BLAS wants.
  if (l.cols == 1) l.col_stride = l.row_stride == 1 ? l.rows : 1;
  if (l.rows == 1) l.row_stride = l.col_stride == 1 ? l.cols : 1;
  if (l.col_stride != 1 && l.row_stride != 1) return std::nullopt;
  std::vector<std::pair<int64_t, int64_t>> dims;  // (extent, stride), size-1 dims dropped
  for (size_t d = 0; d + 2 < r; ++d) {
    if (shape[d] == 1) continue;
    if (!dims.empty() && dims.back().second == strides[d] * shape[d]) {
      dims.back() = {dims.back().first * shape[d], strides[d]};
    } else {
      dims.push_back({shape[d], strides[d]});
    }
  }
  if (dims.size() > 1) return std::nullopt;
  if (!dims.empty()) {
    l.batch = dims[0].first;
    l.batch_stride = dims[0].second;
  }
  return l;
}

std::vector<int64_t> PermutedStrides(const Shape& x, const std::vector<int64_t>& perm) {
  return TransposeView(x, perm.empty() ? Identity(x.size()) : perm).strides;
}

std::vector<int64_t> InversePermutedStrides(const Shape& y0, const std::vector<int64_t>& perm) {
  if (perm.empty()) return ContiguousStrides(y0);
  // y = Transpose(y0, perm) is contiguous; y0's dim perm[p] is y's dim p.
  std::vector<int64_t> ys = ContiguousStrides(TransposeShape(y0, perm));
  std::vector<int64_t> inv = Inverse(perm), st(y0.size());
  for (size_t d = 0; d < y0.size(); ++d) st[d] = ys[inv[d]];
  return st;
}

}  // namespace campaign::graph::reference
