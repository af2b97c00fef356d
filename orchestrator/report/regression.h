// The regression rule for comparing two campaigns: a change counts only when
// it is larger than BOTH a relative threshold and k times the combined
// run-to-run spread of the two measurements,
//
//   delta  = ours_median - base_median            (ms; > 0 = slower)
//   spread = sqrt(ours_stddev^2 + base_stddev^2)
//   regression  if delta / base_median >  threshold and  delta > k * spread
//   improvement if delta / base_median < -threshold and -delta > k * spread
//
// so a noisy case (large stddev) needs a larger change to be flagged, and a
// very stable one still needs `threshold` to matter.
#pragma once

#include <string_view>

namespace campaign {

struct RegressionRule {
  double relative_threshold = 0.05;  // 5 %
  double k = 3.0;                    // multiples of the combined spread
};

enum class Change {
  kUnchanged,    // |relative change| <= threshold
  kWithinNoise,  // beyond the threshold but within k x spread
  kRegression,
  kImprovement,
};

// "unchanged", "within noise", "regression", "improvement".
std::string_view ChangeName(Change c);

struct ChangeAssessment {
  Change change = Change::kUnchanged;
  double relative = 0;   // delta / base_median
  double spread_ms = 0;  // combined spread
};

// REQUIRES: base_median_ms > 0; stddevs >= 0.
ChangeAssessment AssessChange(double base_median_ms, double base_stddev_ms, double ours_median_ms,
                              double ours_stddev_ms, const RegressionRule& rule);

}  // namespace campaign
