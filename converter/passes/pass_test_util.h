// Test helpers for the simplification passes: run a graph on the runner's
// reference operators and compare a graph before and after a pass.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "graph/tensor.h"
#include "graph/testing/model_builder.h"

namespace campaign::converter::testing {

using graph::testing::ModelBuilder;
using graph::testing::SetFloat;
using graph::testing::SetInt;
using graph::testing::SetInts;

// ONNX shape inference (strict, data propagation), as the converter runs it
// before simplifying; fails the test on error.
void InferShapes(onnx::ModelProto& model);

// The graph's outputs on the reference operators for random inputs
// (Executor::MakeRandomInputs(seed)).
std::vector<graph::HostTensor> Reference(const onnx::ModelProto& model, uint32_t seed);

// Expects equal output shapes and a norm-relative error <= tol for three
// random input sets. `before` may hold ops the runner does not execute but
// the passes remove (BatchNormalization, zero Pad of a 4-D tensor): they are
// first rewritten with runner ops by LowerForReference.
void ExpectSameOutputs(const onnx::ModelProto& before, const onnx::ModelProto& after,
                       double tol = 1e-5);

// Rewrites inference BatchNormalization (constant parameters) as Mul + Add,
// and a constant-zero Pad of a 4-D tensor (static shape) as Concats with
// zero initializers, so the reference operators can run `model`.
onnx::ModelProto LowerForReference(onnx::ModelProto model);

// Nodes of op type `type` ("Conv", or "ai.campaign.FusedConv" for another
// domain).
int CountOps(const onnx::GraphProto& g, const std::string& type);

// Value of node attribute `name` of the first node of type `type`.
std::string StringAttr(const onnx::GraphProto& g, const std::string& type, const std::string& name);

}  // namespace campaign::converter::testing
