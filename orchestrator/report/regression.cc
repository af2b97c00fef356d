#include "orchestrator/report/regression.h"

#include <cmath>

namespace campaign {

std::string_view ChangeName(Change c) {
  switch (c) {
    case Change::kUnchanged:
      return "unchanged";
    case Change::kWithinNoise:
      return "within noise";
    case Change::kRegression:
      return "regression";
    case Change::kImprovement:
      return "improvement";
  }
  return "?";
}

ChangeAssessment AssessChange(double base_median_ms, double base_stddev_ms, double ours_median_ms,
                              double ours_stddev_ms, const RegressionRule& rule) {
  ChangeAssessment a;
  const double delta = ours_median_ms - base_median_ms;
  a.relative = delta / base_median_ms;
  a.spread_ms = std::sqrt(base_stddev_ms * base_stddev_ms + ours_stddev_ms * ours_stddev_ms);
  if (std::fabs(a.relative) <= rule.relative_threshold) {
    a.change = Change::kUnchanged;
  } else if (std::fabs(delta) <= rule.k * a.spread_ms) {
    a.change = Change::kWithinNoise;
  } else {
    a.change = delta > 0 ? Change::kRegression : Change::kImprovement;
  }
  return a;
}

}  // namespace campaign
