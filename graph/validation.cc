#include "graph/validation.h"

#include <algorithm>
#include <cmath>

#include "graph/half.h"
#include "graph/reference/cast.h"

namespace campaign::graph {
namespace {

double At(const HostTensor& t, int64_t i) { return graph::reference::ValueAsDouble(t, i); }

}  // namespace

Validation CompareOutputs(const std::vector<HostTensor>& got, const std::vector<HostTensor>& ref,
                          double tolerance) {
  Validation v;
  v.checked = true;
  v.tolerance = tolerance;
  double dot = 0, norm_got = 0, norm_ref = 0, norm_diff = 0;
  bool finite = true;
  for (size_t t = 0; t < got.size() && t < ref.size(); ++t) {
    for (int64_t i = 0; i < ref[t].size(); ++i) {
      double a = At(got[t], i), b = At(ref[t], i);
      if (std::isfinite(a) != std::isfinite(b)) finite = false;
      double d = std::fabs(a - b);
      if (std::isnan(d)) d = std::isnan(a) && std::isnan(b) ? 0 : INFINITY;
      v.max_abs_error = std::max(v.max_abs_error, d);
      v.max_rel_error = std::max(v.max_rel_error, d / std::max(std::fabs(b), 1e-6));
      dot += a * b;
      norm_got += a * a;
      norm_ref += b * b;
      norm_diff += d * d;
    }
  }
  v.cosine = (norm_got > 0 && norm_ref > 0) ? dot / std::sqrt(norm_got * norm_ref)
                                            : (norm_got == norm_ref ? 1.0 : 0.0);
  v.norm_rel_error =
      norm_ref > 0 ? std::sqrt(norm_diff) / std::sqrt(norm_ref) : std::sqrt(norm_diff);
  v.passed = finite && std::isfinite(v.norm_rel_error) && v.norm_rel_error <= tolerance;
  return v;
}

}  // namespace campaign::graph
