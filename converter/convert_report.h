// What one conversion did: returned by Convert() and written, as JSON, to the
// report file the orchestrator reads (converter/convert_outcome.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace campaign {

// Node counts around one simplification pass (converter/passes/simplify.h).
struct PassNodeCount {
  std::string pass;      // e.g. "fold_constants"
  int nodes_before = 0;  // before its first change
  int nodes_after = 0;   // after its last change
  int rewrites = 0;      // nodes folded / fused / removed, over all rounds

  bool operator==(const PassNodeCount&) const = default;
};

struct ConvertReport {
  std::string source_sha256;        // SHA-256 (hex) of the source .onnx file's bytes
  std::string cache_key;            // EngineCacheKey() of this job; also in the engine's metadata
  std::string int8_plan_key;        // int8: names the model's shared plan (int8_plan_cache.h)
  int nodes_before = 0;             // nodes in the source model's main graph
  int nodes_after = 0;              // nodes in the engine's main graph
  std::vector<std::string> passes;  // passes applied, in order
  std::vector<PassNodeCount> pass_nodes;  // simplification passes that changed the graph
  // Tensor name -> static shape, after fixing.
  std::map<std::string, std::vector<int64_t>> input_shapes;
  std::map<std::string, std::vector<int64_t>> output_shapes;
  double elapsed_ms = 0;  // wall time of the whole conversion

  bool operator==(const ConvertReport&) const = default;
};

}  // namespace campaign
