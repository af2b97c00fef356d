// Published numbers as YAML: defaults for every case at the top level
// (source, device, target_ratio, conditions: {transfers, cuda_graph, clocks,
// software, notes}) and a `cases:` list whose entries take the same fields
// as a CSV row and override the defaults. Example in docs/reports.md.
#pragma once

#include "orchestrator/baseline/baseline.h"

namespace campaign {

class YamlBaselineParser final : public BaselineParser {
 public:
  std::string_view name() const override { return "baseline YAML"; }
  // Files ending in .yaml or .yml.
  bool Recognizes(std::string_view path, std::string_view text) const override;
  Result<Baseline> Parse(std::string_view text, const std::string& origin) const override;
};

}  // namespace campaign
