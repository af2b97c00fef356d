// Reading ONNX node attributes with defaults.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph {

int64_t GetInt(const onnx::NodeProto& node, const std::string& name, int64_t def);
float GetFloat(const onnx::NodeProto& node, const std::string& name, float def);
std::string GetString(const onnx::NodeProto& node, const std::string& name, const std::string& def);
std::vector<int64_t> GetInts(const onnx::NodeProto& node, const std::string& name,
                             std::vector<int64_t> def);
bool HasAttribute(const onnx::NodeProto& node, const std::string& name);

// "Conv 'conv1'" for messages.
std::string NodeLabel(const onnx::NodeProto& node);

// ONNX element type <-> DType. kUnsupportedPrecision naming `what` for types
// the runner does not carry.
Result<DType> DTypeFromOnnx(int32_t elem, const std::string& what);
int32_t DTypeToOnnx(DType t);

// The value of a Constant node in any of its numeric attribute forms:
// `value` (a tensor), `value_float` / `value_int` (scalars), `value_floats`
// / `value_ints` (1-D). kUnsupportedOp for string and sparse values, or a
// node with none of them.
Result<onnx::TensorProto> ConstantNodeValue(const onnx::NodeProto& node);

// Converts an ONNX TensorProto (raw_data or typed fields) to a HostTensor.
// kUnsupportedPrecision for element types other than float32/float16/int64/
// int32/bool (float16 values are the bit patterns, kept as they are).
Result<HostTensor> TensorFromProto(const onnx::TensorProto& t);

}  // namespace campaign::graph
