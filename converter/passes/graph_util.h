// Small helpers shared by the simplification passes (converter/passes/):
// looking up initializers and their values, counting readers of tensors,
// fresh names, and the project's operator domain.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "graph/tensor.h"

namespace campaign::converter {

// The domain of the fused operators (schema/engine-format.md).
inline constexpr char kCampaignDomain[] = "ai.campaign";

// True for a node of the default ONNX domain with this op type.
bool IsOp(const onnx::NodeProto& node, const std::string& op_type);

// The initializer called `name`, or null.
const onnx::TensorProto* FindInitializer(const onnx::GraphProto& g, const std::string& name);

// The value of initializer `name` when it exists and the runner can read its
// element type (float32, int64, int32, bool); else nullopt.
std::optional<graph::HostTensor> InitializerValue(const onnx::GraphProto& g,
                                                  const std::string& name);

// A single float initializer's value (any shape with one element), else nullopt.
std::optional<float> ScalarInitializer(const onnx::GraphProto& g, const std::string& name);

// `t` as an initializer named `name` (raw_data, little-endian).
onnx::TensorProto ToTensorProto(const graph::HostTensor& t, const std::string& name);

// Adds `t` as an initializer, replacing one of the same name.
void SetInitializer(onnx::GraphProto& g, onnx::TensorProto t);

// Tensor name -> number of reads: node inputs (subgraphs included) plus one
// per graph output entry.
std::map<std::string, int> CountReads(const onnx::GraphProto& g);

// Tensor name -> index of the node that produces it.
std::map<std::string, int> Producers(const onnx::GraphProto& g);

// Tensor name -> indices of the nodes reading it (main graph only).
std::map<std::string, std::vector<int>> Consumers(const onnx::GraphProto& g);

bool IsGraphOutput(const onnx::GraphProto& g, const std::string& name);

// `base` when no tensor, node or initializer uses it, else base_1, base_2...
std::string FreshName(const onnx::GraphProto& g, const std::string& base);

// Removes the nodes at `indices` (any order, duplicates allowed).
void RemoveNodes(onnx::GraphProto& g, std::set<int> indices);

// Adds an opset import for kCampaignDomain (version 1) when missing.
void EnsureCampaignOpset(onnx::ModelProto& model);

// Value of attribute `name` or `def`.
int64_t AttrInt(const onnx::NodeProto& n, const std::string& name, int64_t def);
float AttrFloat(const onnx::NodeProto& n, const std::string& name, float def);
std::string AttrString(const onnx::NodeProto& n, const std::string& name, const std::string& def);
std::vector<int64_t> AttrInts(const onnx::NodeProto& n, const std::string& name);
// Sets (replacing) an attribute.
void SetAttr(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& v);
void SetAttr(onnx::NodeProto& n, const std::string& name, int64_t v);
void SetAttr(onnx::NodeProto& n, const std::string& name, float v);
void SetAttr(onnx::NodeProto& n, const std::string& name, const std::string& v);

// Static shape of tensor `name` from graph inputs, value_info, outputs or
// initializers; nullopt when unknown or not fully static.
std::optional<graph::Shape> StaticShapeOf(const onnx::GraphProto& g, const std::string& name);

}  // namespace campaign::converter
