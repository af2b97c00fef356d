// Inspect(): what a model or an engine contains, for `campaign inspect`:
// inputs/outputs with shapes (dynamic dims named), opsets, an operator
// histogram, parameter count, FLOPs at a batch, operators the runner does not
// support, and an engine's campaign.* metadata.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace campaign::converter {

struct InspectTensor {
  std::string name;
  std::string dtype;              // ONNX element type name, e.g. "FLOAT"
  std::vector<std::string> dims;  // "224", or the symbol ("batch") / "?" when dynamic
  bool dynamic = false;           // any dim not a fixed number
};

struct InspectReport {
  std::string path;
  bool is_engine = false;  // has campaign.* metadata
  int64_t ir_version = 0;
  std::map<std::string, int64_t> opsets;  // domain ("" = ai.onnx) -> version
  std::vector<InspectTensor> inputs;      // initializers excluded
  std::vector<InspectTensor> outputs;
  int nodes = 0;
  std::map<std::string, int> op_histogram;  // "Conv", "ai.campaign.FusedConv"
  int64_t parameters = 0;                   // elements of all initializers
  int64_t parameter_bytes = 0;
  // FLOPs of one inference at `batch` (a multiply-add counts 2). Counted:
  // Conv, Gemm, MatMul and the fused ops built on them (their epilogue is not
  // counted); everything else is ignored. -1 when shapes could not be fixed.
  int batch = 1;
  double flops = -1;
  std::map<std::string, double> flops_by_op;
  std::string flops_note;                       // why flops is -1, or "" when known
  std::map<std::string, int> unsupported_ops;   // op type -> count (empty: all supported)
  std::map<std::string, std::string> metadata;  // metadata_props
};

// Loads `path` (external data inlined) and fills the report. `batch` sets the
// batch dimension of the inputs for FLOPs (an engine's own shapes are used
// as they are). `supported` is the runner's op list (empty: not checked).
// Errors as LoadModel (kNotFound, kInvalidModel, kIoError).
Result<InspectReport> Inspect(const std::filesystem::path& path, int batch,
                              const std::set<std::string>& supported);

// Human-readable report, several lines. The int8 layer lists
// (campaign.int8.quantized_layers / fp32_layers) are summarised: a count and
// an op-type histogram, plus each entry that has a reason (a skipped or
// accuracy-kept layer); `full_layer_lists` prints every entry instead.
std::string FormatInspectReport(const InspectReport& r, bool full_layer_lists = false);

// One entry of an int8 layer list, "name (OpType)" or "name (OpType: why)".
struct LayerEntry {
  std::string name, op_type, why;
};
LayerEntry ParseLayerEntry(const std::string& entry);

}  // namespace campaign::converter
