#include "graph/reference/loss.h"

namespace campaign::graph::reference {

Status NllLoss(const HostTensor& x, const HostTensor& target, const HostTensor* weight,
               const NllParams& p, HostTensor* y) {
  const Shape& s = x.shape();
  int64_t n = s[0], c = s[1], inner = 1;
  for (size_t d = 2; d < s.size(); ++d) inner *= s[d];
  auto px = x.values<float>();
  auto pt = target.values<int64_t>();
  auto py = y->values<float>();
  double sum = 0, wsum = 0;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t q = 0; q < inner; ++q) {
      int64_t i = b * inner + q, k = pt[i];
      double loss = 0, wt = 0;
      if (!(p.has_ignore && k == p.ignore_index)) {
        if (k < 0 || k >= c) {
          return Status::Error(
              Reason::kInvalidModel,
              "loss target " + std::to_string(k) + " is outside [0, " + std::to_string(c) + ")");
        }
        wt = weight ? weight->values<float>()[k] : 1.0;
        loss = -static_cast<double>(px[(b * c + k) * inner + q]) * wt;
      }
      if (p.reduction == LossReduction::kNone) py[i] = static_cast<float>(loss);
      sum += loss;
      wsum += wt;
    }
  }
  if (p.reduction == LossReduction::kSum) py[0] = static_cast<float>(sum);
  if (p.reduction == LossReduction::kMean) py[0] = static_cast<float>(sum / wsum);
  return Status::Ok();
}

}  // namespace campaign::graph::reference
