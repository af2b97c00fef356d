// Tiny ONNX models built in C++ for tests: real models that the real
// converter and runner process in milliseconds.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>

#include "common/status.h"

namespace campaign::testing {

// input [batch_dim, 3, 8, 8] -> Conv(4, 3x3, pad 1) -> Relu -> GlobalAveragePool
// -> Flatten -> output [batch_dim, 4]. `batch_dim` is a symbolic name ("N")
// or, when empty, the fixed size 1. Weights from a fixed seed.
onnx::ModelProto TinyCnn(const std::string& batch_dim = "N");

// TinyCnn with the Relu replaced by an operator no runner implements
// (`op_type`, default "NoSuchOp" in domain "com.example").
onnx::ModelProto TinyCnnWithOp(const std::string& op_type);

// input [N, 3, H, W] with H and W symbolic: converts only with an override.
onnx::ModelProto TinyCnnDynamicHW();

Status SaveModel(const onnx::ModelProto& model, const std::filesystem::path& path);

}  // namespace campaign::testing
