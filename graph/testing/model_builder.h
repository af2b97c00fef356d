// Test helpers: building small ONNX models in C++ (no device).
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>
#include <vector>

#include "graph/tensor.h"

namespace campaign::graph::testing {

// Writes a float32 .npy file (format 1.0) holding `values` with `shape`.
void WriteNpy(const std::filesystem::path& path, const Shape& shape,
              const std::vector<float>& values);

// Builds a model node by node. Shapes of graph inputs/outputs are static;
// value_info is left empty (the executor infers shapes).
class ModelBuilder {
 public:
  ModelBuilder();
  void AddInput(const std::string& name, const Shape& shape,
                int32_t elem = onnx::TensorProto::FLOAT);
  void AddOutput(const std::string& name);
  // Adds a float32 initializer with the given values (random when empty,
  // uniform [-1, 1) from `seed`).
  void AddInitializer(const std::string& name, const Shape& shape, std::vector<float> values = {},
                      uint32_t seed = 7);
  void AddInt64Initializer(const std::string& name, const std::vector<int64_t>& values);
  // Adds a node and returns it for attributes.
  onnx::NodeProto* AddNode(const std::string& op_type, const std::vector<std::string>& inputs,
                           const std::vector<std::string>& outputs);
  void SetMetadata(const std::string& key, const std::string& value);
  onnx::ModelProto& model() { return model_; }

 private:
  onnx::ModelProto model_;
};

void SetInts(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& v);
void SetInt(onnx::NodeProto* node, const std::string& name, int64_t v);
void SetFloat(onnx::NodeProto* node, const std::string& name, float v);

// Conv(3x3, pad 1) -> Relu -> MaxPool(2x2) -> Flatten -> Gemm(transB) on a
// [1, 3, 8, 8] input; output "y" [1, 10].
onnx::ModelProto TinyCnn();

// Adds GELU written out in plain ONNX ops, the way exporters emit it:
// x * (1 + erf(x / sqrt 2)) / 2, or with `tanh_form`
// x * (1 + tanh(0.79788456 (x + 0.044715 x^3))) / 2. Output `y`; adds
// initializers and intermediate tensors with fixed names (one per model).
void AddGeluPattern(ModelBuilder& b, const std::string& x, const std::string& y, bool tanh_form);

}  // namespace campaign::graph::testing
