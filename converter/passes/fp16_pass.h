// Pass "precision" for fp16: float32 storage -> float16 storage.
//
// Like onnxconverter-common's float16 converter with keep_io_types: float
// initializers become FLOAT16, float activations become FLOAT16 (value_info
// updated), graph inputs and outputs stay FLOAT with Cast nodes at the
// boundary. Nodes of the op types in Fp16BlockedOps() stay float32, with
// Casts around them. The result is standard ONNX (the checker and strict
// shape inference accept it). schema/engine-format.md documents the format.
#pragma once

#include <onnx/onnx_pb.h>

#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "converter/calibration.h"

namespace campaign::converter {

// Op types that stay float32 in an fp16 engine, the one place that says so:
// ops whose output type is set by an attribute or computed from shapes
// (Cast, Constant, ConstantOfShape, Range, Random*), ops that produce
// indices or sums that half would spoil (TopK, NonMaxSuppression, CumSum,
// the loss ops), and control flow (nodes with subgraphs stay float32 too).
const std::set<std::string>& Fp16BlockedOps();

// The range check (schema/engine-format.md, "fp16 engines"): a node that
// would be half stays float32, like a blocked op, when a float tensor it
// reads or writes has max |x| > kFp16MaxRange (half overflows at 65504) or
// 0 < max |x| < kFp16MinRange (half flushes or coarsens such values: its
// smallest normal is 6.1e-5, its smallest subnormal 6e-8). Activation ranges
// come from calibration (converter/fp16_range.h), initializer ranges from
// their values.
inline constexpr float kFp16MaxRange = 60000.0f;
// Measured (docs/converter.md, "fp16 accuracy and size"): 1e-4 keeps
// mobilenet_v2 and efficientnet_b0 within 8e-4 of fp32; 1e-5 lets
// efficientnet_b0 drift to 8.5e-3, too close to the 1e-2 tolerance.
inline constexpr float kFp16MinRange = 1e-4f;

struct Fp16Options {
  bool range_check = false;
  // max |x| per activation tensor; tensors not listed are not checked.
  ActivationRanges ranges;
  float max_range = kFp16MaxRange;
  float min_range = kFp16MinRange;
};

struct Fp16Result {
  int fp16_nodes = 0;  // nodes that read/write float16
  // Float nodes kept in float32: names of blocked ops, "name (why)" for the
  // range check's (why without commas).
  std::vector<std::string> fp32_nodes;
  std::vector<std::string> range_fp32_nodes;  // the range check's, as in fp32_nodes
  int casts_added = 0;                        // Cast nodes inserted at the boundaries
  int initializers_converted = 0;             // float initializers now FLOAT16
  std::string ToString() const;               // for the log
};

// Converts `model` in place. REQUIRES: complete static value_info (the
// engine after the simplify pass). kConversionError when a float tensor has
// no type information (a converter bug: the engine's value_info is
// incomplete).
Result<Fp16Result> ConvertToFp16(onnx::ModelProto& model, const Fp16Options& options = {});

}  // namespace campaign::converter
