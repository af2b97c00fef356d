// Published numbers as CSV: a header row of field names (baseline.h,
// SetBaselineField), then one case per row. Lines starting with '#' are
// comments. Example in docs/reports.md.
#pragma once

#include "orchestrator/baseline/baseline.h"

namespace campaign {

class CsvBaselineParser final : public BaselineParser {
 public:
  std::string_view name() const override { return "baseline CSV"; }
  // Files ending in .csv.
  bool Recognizes(std::string_view path, std::string_view text) const override;
  Result<Baseline> Parse(std::string_view text, const std::string& origin) const override;
};

}  // namespace campaign
