// Tiny ONNX models built in code, and a temporary directory, for the
// converter's tests.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/testing/temp_dir.h"
#include "graph/tensor.h"

namespace campaign::converter::testing {

// One TempDir for every test (common/testing/temp_dir.h).
using TempDir = ::campaign::test_support::TempDir;

// An empty opset-13, IR-7 model.
onnx::ModelProto NewModel();
// dims: a number ("3") is a fixed size, anything else ("N") a symbolic one.
void AddInput(onnx::GraphProto& g, const std::string& name, const std::vector<std::string>& dims);
void AddOutput(onnx::GraphProto& g, const std::string& name, const std::vector<std::string>& dims);
onnx::NodeProto& AddNode(onnx::GraphProto& g, const std::string& op,
                         const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs);
// A float initializer of shape `dims` filled with `value`.
void AddInitializer(onnx::GraphProto& g, const std::string& name, const std::vector<int64_t>& dims,
                    float value);

// input [N,3,8,8] -> Conv(4x3x3x3, pads 1) -> Relu -> Identity -> Flatten -> output [N,256].
onnx::ModelProto ConvModel();
// input [N,3,H,8] -> Relu -> output.
onnx::ModelProto TwoDynamicDimsModel();
// x [N,4] -> RandomNormalLike -> RandomNormalLike -> Softplus -> y.
onnx::ModelProto UnsupportedOpsModel();
// input [N,3] -> Identity -> Dropout(ratio initializer) -> Add(Constant c) -> Identity -> output.
onnx::ModelProto PassThroughModel();

// Inception/DenseNet-style block, neither node foldable by the converter:
// input [N,3,8,8] -> Conv(4x3x3x3, pads 1) -> c; c -> Pad(reflect, 1 on
// H and W) -> AveragePool(3x3) -> p; Concat(c, p) -> BatchNormalization
// (8 channels) -> output [N,8,8,8].
onnx::ModelProto PadPoolConcatBatchNormModel();

// `m` with every graph output typed float32 of unknown shape: ModelBuilder
// (graph/testing/model_builder.h) leaves outputs untyped, and the
// converter's checker wants a type.
onnx::ModelProto WithFloatOutputs(onnx::ModelProto m);

// x -> Pad (zeros: 1 before the first spatial dim, 1 after the last) ->
// Conv (m output channels, `kernel`, pads 1, bias) -> BatchNormalization ->
// Relu -> y, for an input x of rank 3 to 5 (1-D to 3-D convolution); static
// shapes throughout.
onnx::ModelProto PadConvBnReluModel(const std::vector<int64_t>& x, int64_t m,
                                    const std::vector<int64_t>& kernel);

// An engine converted from a test model, and its outputs on the reference.
struct ConvertedRun {
  onnx::ModelProto engine;
  std::vector<graph::HostTensor> outputs;
};

// Writes `model` to DIR/NAME.onnx, converts it at `batch` to
// DIR/NAME.engine.onnx and runs the engine's plan on the reference with
// `inputs` (random ones from seed 7 when empty). Each step EXPECTs
// success; the outputs are empty when one failed.
ConvertedRun ConvertAndRun(const onnx::ModelProto& model, const std::filesystem::path& dir,
                           const std::string& name, int batch,
                           std::vector<graph::HostTensor> inputs = {});

// Converts `model` (written to DIR/NAME.onnx) at `batch`: Ok, or why not.
Status ConvertStatus(const onnx::ModelProto& model, const std::filesystem::path& dir,
                     const std::string& name, int batch);

// Serializes `model` to `path`; returns `path`.
std::filesystem::path WriteModel(const onnx::ModelProto& model, const std::filesystem::path& path);

}  // namespace campaign::converter::testing
