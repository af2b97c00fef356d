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

namespace campaign::converter {

// Op types that stay float32 in an fp16 engine, the one place that says so:
// ops whose output type is set by an attribute or computed from shapes
// (Cast, Constant, ConstantOfShape, Range, Random*), ops that produce
// indices or sums that half would spoil (TopK, NonMaxSuppression, CumSum,
// the loss ops), and control flow (nodes with subgraphs stay float32 too).
const std::set<std::string>& Fp16BlockedOps();

struct Fp16Result {
  int fp16_nodes = 0;                   // nodes that read/write float16
  std::vector<std::string> fp32_nodes;  // float nodes kept in float32 (names)
  int casts_added = 0;                  // Cast nodes inserted at the boundaries
  int initializers_converted = 0;       // float initializers now FLOAT16
  std::string ToString() const;         // for the log
};

// Converts `model` in place. REQUIRES: complete static value_info (the
// engine after the simplify pass). kConversionError when a float tensor has
// no type information (a converter bug: the engine's value_info is
// incomplete).
Result<Fp16Result> ConvertToFp16(onnx::ModelProto& model);

}  // namespace campaign::converter
