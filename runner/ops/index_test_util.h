// Helpers of the indexing op tests (scatter, gather, topk, ...): integer
// initializers of any shape, random index tuples.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "graph/tensor.h"
#include "graph/testing/model_builder.h"

namespace campaign::runner::testing {

// An int64 (or, with `int32`, int32) initializer of `shape` holding `values`.
inline void AddIntInitializer(graph::testing::ModelBuilder& b, const std::string& name,
                              const graph::Shape& shape, const std::vector<int64_t>& values,
                              bool int32 = false) {
  auto* t = b.model().mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(int32 ? onnx::TensorProto::INT32 : onnx::TensorProto::INT64);
  for (int64_t d : shape) t->add_dims(d);
  for (int64_t v : values) {
    if (int32) {
      t->add_int32_data(static_cast<int32_t>(v));
    } else {
      t->add_int64_data(v);
    }
  }
}

// A string attribute.
inline void SetString(onnx::NodeProto* n, const std::string& name, const std::string& value) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

// `n` random indices into a dimension of `dim`, half of them written
// negative.
inline std::vector<int64_t> RandomIndices(std::mt19937& rng, int64_t n, int64_t dim) {
  std::uniform_int_distribution<int64_t> d(0, dim - 1);
  std::vector<int64_t> v;
  for (int64_t i = 0; i < n; ++i) {
    int64_t x = d(rng);
    v.push_back(rng() % 2 ? x - dim : x);
  }
  return v;
}

// The ONNX element type of a tensor dtype among float32/int32/int64.
inline int32_t OnnxType(graph::DType t) {
  return t == graph::DType::kInt32   ? onnx::TensorProto::INT32
         : t == graph::DType::kInt64 ? onnx::TensorProto::INT64
                                     : onnx::TensorProto::FLOAT;
}

}  // namespace campaign::runner::testing
