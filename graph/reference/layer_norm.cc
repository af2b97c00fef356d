#include "graph/reference/layer_norm.h"

#include <cmath>

#include "graph/reference/parallel.h"

namespace campaign::graph::reference {

namespace {

// One row of LayerNorm: y[i] = (x[i] - mean) / sqrt(var + epsilon) * g[i]
// (+ bias[i]), with the row's mean and 1/sqrt(var + epsilon) stored at r.
void LayerNormRow(const float* row, const float* g, const HostTensor* bias, int64_t inner,
                  float epsilon, int64_t r, float* out, HostTensor* mean_out, HostTensor* inv_out) {
  double mean = 0, var = 0;
  for (int64_t i = 0; i < inner; ++i) mean += row[i];
  mean /= static_cast<double>(inner);
  for (int64_t i = 0; i < inner; ++i) var += (row[i] - mean) * (row[i] - mean);
  var /= static_cast<double>(inner);
  double inv = 1.0 / std::sqrt(var + epsilon);
  if (mean_out) mean_out->values<float>()[r] = static_cast<float>(mean);
  if (inv_out) inv_out->values<float>()[r] = static_cast<float>(inv);
  for (int64_t i = 0; i < inner; ++i) {
    double v = (row[i] - mean) * inv * g[i] + (bias ? bias->values<float>()[i] : 0.0f);
    out[i] = static_cast<float>(v);
  }
}

}  // namespace

void LayerNorm(const HostTensor& x, const HostTensor& scale, const HostTensor* bias, int64_t inner,
               float epsilon, HostTensor* y, HostTensor* mean_out, HostTensor* inv_out) {
  auto in = x.values<float>();
  auto out = y->values<float>();
  auto g = scale.values<float>();
  int64_t rows = inner == 0 ? 0 : x.size() / inner;
  // Rows in parallel; each writes only its own outputs.
  ParallelFor(rows, inner * 4, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      LayerNormRow(in.data() + r * inner, g.data(), bias, inner, epsilon, r, out.data() + r * inner,
                   mean_out, inv_out);
    }
  });
}

}  // namespace campaign::graph::reference
