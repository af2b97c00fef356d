// Input shape overrides from the campaign YAML, e.g. `input: [N, 3, 224, 224]`.
// Shared by the orchestrator (parses them) and the converter (applies them).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace campaign {

// One dimension of an override: the job's batch ("N" in YAML) or a fixed size.
struct DimSpec {
  bool is_batch = false;  // true for "N": replaced by the job's batch size
  int64_t value = 0;      // the fixed size when !is_batch; > 0
  bool operator==(const DimSpec&) const = default;
};

// Input tensor name -> its full shape. Inputs not named keep the model's
// shape, with their first (batch) dimension set to the job's batch.
using InputOverrides = std::map<std::string, std::vector<DimSpec>>;

// "[N,3,224,224]" - stable text form, used in cache keys and logs.
std::string OverridesToString(const InputOverrides& overrides);

}  // namespace campaign
