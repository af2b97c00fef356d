// The int8 precision: QDQ structure of a converted engine, per-channel
// weights, layers left in fp32. The int8 engine on OpenCL against the fp32
// engine: tests/int8_device_test.cc.
#include "converter/int8_pass.h"

#include <gtest/gtest.h>
#include <onnx/checker.h>

#include <cmath>
#include <map>

#include "common/engine_format.h"
#include "converter/convert.h"
#include "converter/engine_cache.h"
#include "converter/engine_metadata.h"
#include "converter/model_io.h"
#include "converter/passes/graph_util.h"
#include "converter/test_models.h"
#include "graph/attributes.h"
#include "graph/testing/model_builder.h"
#include "graph/validation.h"

namespace campaign::converter {
namespace {

namespace fs = std::filesystem;
using graph::HostTensor;
using graph::testing::ModelBuilder;

// x [1, 4, 8] -> MatMul(W [8, 8]) -> t; t x transpose(t): an attention-like
// MatMul whose "weight" is computed.
onnx::ModelProto AttentionLikeModel() {
  ModelBuilder b;
  b.AddInput("x", {1, 4, 8});
  b.AddInitializer("wq", {8, 8}, {}, 5);
  b.AddNode("MatMul", {"x", "wq"}, {"t"})->set_name("proj");
  graph::testing::SetInts(b.AddNode("Transpose", {"t"}, {"tt"}), "perm", {0, 2, 1});
  b.AddNode("MatMul", {"t", "tt"}, {"scores"})->set_name("scores");
  b.AddOutput("scores");
  return b.model();
}

class Int8Test : public ::testing::Test {
 protected:
  Result<ConvertReport> ConvertTo(const onnx::ModelProto& model, Precision p, int batch,
                                  const fs::path& out) {
    ConvertRequest req;
    req.model_path =
        testing::WriteModel(testing::WithFloatOutputs(model), dir_.path() / "model.onnx");
    req.batch = batch;
    req.precision = p;
    req.output_path = out;
    return Convert(req);
  }
  onnx::ModelProto Load(const fs::path& path) {
    auto m = LoadModel(path);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? m->model : onnx::ModelProto();
  }
  testing::TempDir dir_;
};

std::map<std::string, int> OpCounts(const onnx::GraphProto& g) {
  std::map<std::string, int> counts;
  for (const auto& n : g.node()) counts[n.op_type()]++;
  return counts;
}

const onnx::NodeProto* ProducerOf(const onnx::GraphProto& g, const std::string& tensor) {
  for (const auto& n : g.node()) {
    for (const auto& o : n.output()) {
      if (o == tensor) return &n;
    }
  }
  return nullptr;
}

TEST_F(Int8Test, TinyCnnBecomesQdqWithPerChannelInt8Weights) {
  const fs::path engine = dir_.path() / "int8.onnx";
  auto report = ConvertTo(graph::testing::TinyCnn(), Precision::kInt8, 1, engine);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  onnx::ModelProto m = Load(engine);
  EXPECT_NO_THROW(onnx::checker::check_model(m));
  const onnx::GraphProto& g = m.graph();
  auto ops = OpCounts(g);
  EXPECT_EQ(ops["FusedConv"], 1);  // Conv + Relu fused before quantization
  EXPECT_EQ(ops["Gemm"], 1);
  EXPECT_EQ(ops["QuantizeLinear"], 2);    // the conv's and the gemm's activations
  EXPECT_EQ(ops["DequantizeLinear"], 4);  // those two and two weights
  int int8_weights = 0;
  for (const auto& n : g.node()) {
    if (n.op_type() != "FusedConv" && n.op_type() != "Gemm") continue;
    // Weight: INT8 initializer -> DequantizeLinear(axis = output channels).
    const onnx::NodeProto* w_dq = ProducerOf(g, n.input(1));
    ASSERT_NE(w_dq, nullptr);
    EXPECT_EQ(w_dq->op_type(), "DequantizeLinear");
    // Conv: M (axis 0); Gemm: N, axis 0 with transB=1, else 1 (the
    // converter's gemm_weights pass pre-transposes constant weights).
    const int64_t axis = n.op_type() == "Gemm" && AttrInt(n, "transB", 0) == 0 ? 1 : 0;
    EXPECT_EQ(AttrInt(*w_dq, "axis", -1), axis) << n.op_type();
    const onnx::TensorProto* q = FindInitializer(g, w_dq->input(0));
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->data_type(), onnx::TensorProto::INT8);
    auto value = graph::TensorFromProto(*q);
    ASSERT_TRUE(value.ok());
    // Symmetric per channel: each channel's largest |q| is 127.
    const int64_t channels = q->dims(static_cast<int>(axis));
    int64_t inner = 1;
    for (int d = static_cast<int>(axis) + 1; d < q->dims_size(); ++d) inner *= q->dims(d);
    std::vector<int> max_abs(static_cast<size_t>(channels), 0);
    auto v = value->values<int8_t>();
    for (int64_t i = 0; i < static_cast<int64_t>(v.size()); ++i) {
      int& m = max_abs[static_cast<size_t>((i / inner) % channels)];
      m = std::max(m, std::abs(int{v[static_cast<size_t>(i)]}));
    }
    for (int64_t c = 0; c < channels; ++c) {
      EXPECT_EQ(max_abs[static_cast<size_t>(c)], 127) << n.op_type() << " channel " << c;
    }
    ++int8_weights;
    // Activation: QuantizeLinear -> DequantizeLinear. The conv's input (uniform
    // in [-1, 1)) is symmetric: int8, zero point 0. The gemm's comes after a
    // Relu (never negative): uint8, zero point 0, twice the resolution.
    const onnx::NodeProto* a_dq = ProducerOf(g, n.input(0));
    ASSERT_NE(a_dq, nullptr);
    EXPECT_EQ(a_dq->op_type(), "DequantizeLinear");
    const onnx::NodeProto* a_q = ProducerOf(g, a_dq->input(0));
    ASSERT_NE(a_q, nullptr);
    EXPECT_EQ(a_q->op_type(), "QuantizeLinear");
    const onnx::TensorProto* zp = FindInitializer(g, a_q->input(2));
    EXPECT_EQ(zp->data_type(),
              n.op_type() == "Gemm" ? onnx::TensorProto::UINT8 : onnx::TensorProto::INT8);
    auto zp_value = graph::TensorFromProto(*zp);
    ASSERT_TRUE(zp_value.ok());
    EXPECT_EQ(static_cast<const unsigned char*>(zp_value->raw())[0], 0);
    // Bias stays float32.
    EXPECT_EQ(FindInitializer(g, n.input(2))->data_type(), onnx::TensorProto::FLOAT);
  }
  EXPECT_EQ(int8_weights, 2);
  // The fp32 weights are gone: no float initializer of the weights' size.
  EXPECT_EQ(FindInitializer(g, "w"), nullptr);
  EXPECT_EQ(FindInitializer(g, "fc_w"), nullptr);
  EXPECT_EQ(GetMetadata(m, engine::kKeyPrecision), "int8");
  EXPECT_EQ(GetMetadata(m, engine::kKeyInt8Compute), "QDQ, computed in fp32");
  EXPECT_EQ(GetMetadata(m, engine::kKeyInt8Calibration),
            "random batches=8 seed=1 tolerance=0.05 runs=8 samples=8");
  const std::string fp32_layers = *GetMetadata(m, engine::kKeyInt8Fp32Layers);
  EXPECT_NE(fp32_layers.find("(MaxPool)"), std::string::npos) << fp32_layers;
  EXPECT_NE(fp32_layers.find("(Flatten)"), std::string::npos) << fp32_layers;
  const std::string quantized = *GetMetadata(m, engine::kKeyInt8Quantized);
  EXPECT_EQ(std::count(quantized.begin(), quantized.end(), ';'), 1) << quantized;
}

TEST_F(Int8Test, ComputedWeightMatMulStaysFp32AndIsListed) {
  const fs::path engine = dir_.path() / "attn.onnx";
  auto report = ConvertTo(AttentionLikeModel(), Precision::kInt8, 1, engine);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  onnx::ModelProto m = Load(engine);
  EXPECT_EQ(GetMetadata(m, engine::kKeyInt8Quantized), "proj (MatMul)");
  EXPECT_NE(GetMetadata(m, engine::kKeyInt8Fp32Layers)->find("scores (MatMul: weight is computed)"),
            std::string::npos)
      << *GetMetadata(m, engine::kKeyInt8Fp32Layers);
  for (const auto& n : m.graph().node()) {
    if (n.name() == "proj") {
      EXPECT_EQ(AttrInt(*ProducerOf(m.graph(), n.input(1)), "axis", -1), 1);  // W [K, N]
    }
  }
}

TEST_F(Int8Test, BatchedEngineIsCalibratedAtBatchOne) {
  const fs::path engine = dir_.path() / "b4.onnx";
  ASSERT_TRUE(ConvertTo(graph::testing::TinyCnn(), Precision::kInt8, 4, engine).ok());
  onnx::ModelProto m = Load(engine);
  EXPECT_EQ(m.graph().input(0).type().tensor_type().shape().dim(0).dim_value(), 4);
  // 8 runs of the batch-1 copy: 8 samples (at batch 4 it would be 32).
  EXPECT_EQ(GetMetadata(m, engine::kKeyInt8Calibration),
            "random batches=8 seed=1 tolerance=0.05 runs=8 samples=8");
}

TEST(Int8CacheKeyTest, CalibrationChangesTheKeyAndFp32KeysStay) {
  const InputOverrides none;
  const std::string fp32 = EngineCacheKey("abc", none, 1, Precision::kFp32);
  EXPECT_EQ(fp32, EngineCacheKey("abc", none, 1, Precision::kFp32, ""));
  CalibrationConfig a, b;
  b.batches = 4;
  const std::string ka = *CalibrationKey(a), kb = *CalibrationKey(b);
  EXPECT_EQ(ka, "random batches=8 seed=1 tolerance=0.05");
  EXPECT_NE(EngineCacheKey("abc", none, 1, Precision::kInt8, ka),
            EngineCacheKey("abc", none, 1, Precision::kInt8, kb));
  // The tolerance the engine is built for changes the engine, so the key.
  CalibrationConfig tight;
  tight.tolerance = 0.01;
  EXPECT_EQ(*CalibrationKey(tight), "random batches=8 seed=1 tolerance=0.01");
  b.data = {"/nonexistent/calib.npy"};
  EXPECT_EQ(CalibrationKey(b).status().reason(), Reason::kNotFound);
}

}  // namespace
}  // namespace campaign::converter
