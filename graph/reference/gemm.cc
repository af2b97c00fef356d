#include "graph/reference/gemm.h"

#include "graph/reference/elementwise.h"
#include "graph/reference/parallel.h"
#include "graph/reference/sgemm.h"

namespace campaign::graph::reference {
namespace {

Status BadShapes(std::string_view op, const Shape& a, const Shape& b) {
  return Status::Error(Reason::kInvalidModel, std::string(op) + " with A " + ShapeToString(a) +
                                                  " and B " + ShapeToString(b) +
                                                  ": inner dimensions do not match");
}

// Promotes 1-D operands to matrices as numpy.matmul does.
Shape PromoteA(const Shape& a) { return a.size() == 1 ? Shape{1, a[0]} : a; }
Shape PromoteB(const Shape& b) { return b.size() == 1 ? Shape{b[0], 1} : b; }

}  // namespace

Result<Shape> GemmOutputShape(const Shape& a, const Shape& b, const Shape* c, const GemmParams& p) {
  if (a.size() != 2 || b.size() != 2) {
    return Status::Error(Reason::kInvalidModel, "Gemm needs 2-D A and B, got " + ShapeToString(a) +
                                                    " and " + ShapeToString(b));
  }
  int64_t m = p.trans_a ? a[1] : a[0], ka = p.trans_a ? a[0] : a[1];
  int64_t kb = p.trans_b ? b[1] : b[0], n = p.trans_b ? b[0] : b[1];
  if (ka != kb) return BadShapes("Gemm", a, b);
  Shape y{m, n};
  if (c) {
    ASSIGN_OR_RETURN(Shape bc, BroadcastShape(*c, y));
    if (bc != y) {
      return Status::Error(Reason::kInvalidModel, "Gemm bias C " + ShapeToString(*c) +
                                                      " does not broadcast to " + ShapeToString(y));
    }
  }
  return y;
}

void Gemm(const HostTensor& a, const HostTensor& b, const HostTensor* c, const GemmParams& p,
          HostTensor* y) {
  const int64_t m = y->shape()[0], n = y->shape()[1];
  const int64_t k = p.trans_a ? a.shape()[0] : a.shape()[1];
  auto py = y->values<float>();
  if (c) {  // y = beta * C first, then the product is added to it
    std::vector<int64_t> cs = BroadcastStrides(c->shape(), y->shape());
    auto pc = c->values<float>();
    ParallelFor(m, n, [&](int64_t begin, int64_t end) {  // rows: one writer each
      for (int64_t i = begin; i < end; ++i) {
        for (int64_t j = 0; j < n; ++j) py[i * n + j] = p.beta * pc[i * cs[0] + j * cs[1]];
      }
    });
  }
  SgemmShape s{.m = m,
               .n = n,
               .k = k,
               .trans_a = p.trans_a,
               .trans_b = p.trans_b,
               .alpha = p.alpha,
               .beta = c ? 1.0f : 0.0f};
  SgemmOperands o{.a = a.values<float>().data(),
                  .lda = p.trans_a ? m : k,
                  .b = b.values<float>().data(),
                  .ldb = p.trans_b ? k : n,
                  .c = py.data(),
                  .ldc = n};
  ParallelSgemm(s, std::span(&o, 1));
}

Result<Shape> MatMulOutputShape(const Shape& a0, const Shape& b0) {
  if (a0.empty() || b0.empty()) {
    return Status::Error(Reason::kInvalidModel, "MatMul operands must not be scalars");
  }
  Shape a = PromoteA(a0), b = PromoteB(b0);
  if (a[a.size() - 1] != b[b.size() - 2]) return BadShapes("MatMul", a0, b0);
  Shape ab(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
  ASSIGN_OR_RETURN(Shape y, BroadcastShape(ab, bb));
  if (a0.size() != 1) y.push_back(a[a.size() - 2]);
  if (b0.size() != 1) y.push_back(b[b.size() - 1]);
  return y;
}

void MatMul2d(const float* a, const float* b, float* c, int64_t m, int64_t n, int64_t k) {
  SgemmOperands o{.a = a, .lda = k, .b = b, .ldb = n, .c = c, .ldc = n};
  ParallelSgemm(SgemmShape{.m = m, .n = n, .k = k}, std::span(&o, 1));
}

MatMulBatches PlanMatMul(const Shape& a0, const Shape& b0) {
  Shape a = PromoteA(a0), b = PromoteB(b0);
  MatMulBatches plan;
  plan.m = a[a.size() - 2];
  plan.k = a[a.size() - 1];
  plan.n = b[b.size() - 1];
  Shape ab(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
  Shape yb = BroadcastShape(ab, bb).value();
  std::vector<int64_t> sa = BroadcastStrides(ab, yb), sb = BroadcastStrides(bb, yb);
  int64_t batches = NumElements(yb);
  std::vector<int64_t> idx(yb.size(), 0);
  for (int64_t i = 0; i < batches; ++i) {
    int64_t oa = 0, ob = 0;
    for (size_t d = 0; d < yb.size(); ++d) {
      oa += idx[d] * sa[d];
      ob += idx[d] * sb[d];
    }
    plan.a_offsets.push_back(oa * plan.m * plan.k);
    plan.b_offsets.push_back(ob * plan.k * plan.n);
    plan.y_offsets.push_back(i * plan.m * plan.n);
    for (int64_t d = static_cast<int64_t>(yb.size()) - 1; d >= 0; --d) {
      if (++idx[d] < yb[d]) break;
      idx[d] = 0;
    }
  }
  return plan;
}

void MatMul(const HostTensor& a, const HostTensor& b, HostTensor* y) {
  MatMulBatches plan = PlanMatMul(a.shape(), b.shape());
  const float* pa = a.values<float>().data();
  const float* pb = b.values<float>().data();
  float* py = y->values<float>().data();
  std::vector<SgemmOperands> batch;
  batch.reserve(plan.y_offsets.size());
  for (size_t i = 0; i < plan.y_offsets.size(); ++i) {
    batch.push_back({.a = pa + plan.a_offsets[i],
                     .lda = plan.k,
                     .b = pb + plan.b_offsets[i],
                     .ldb = plan.n,
                     .c = py + plan.y_offsets[i],
                     .ldc = plan.n});
  }
  // Every batch's tiles in one ParallelFor: attention's many small products too.
  ParallelSgemm(SgemmShape{.m = plan.m, .n = plan.n, .k = plan.k}, batch);
}

}  // namespace campaign::graph::reference
