// The int8 accuracy check: activation schemes, and the fp32 fallback of the
// most sensitive layers on a real graph run on the CPU reference.
#include "converter/int8_accuracy.h"

#include <gtest/gtest.h>

#include "converter/calibration.h"
#include "converter/int8_pass.h"
#include "graph/testing/model_builder.h"

namespace campaign::converter {
namespace {

using graph::DType;
using graph::testing::ModelBuilder;

TEST(ActivationQuantTest, SymmetricRangesKeepInt8AndLopsidedOnesUseUint8) {
  // Symmetric: int8, max|x| / 127.
  ActivationQuant q = ChooseActivationQuant({-2.0f, 2.0f});
  EXPECT_EQ(q.type, DType::kInt8);
  EXPECT_FLOAT_EQ(q.scale, 2.0f / 127);
  EXPECT_EQ(q.zero_point, 0);
  // Nearly symmetric (smaller side 83 % of the larger): still int8.
  q = ChooseActivationQuant({-3.0f, 2.5f});
  EXPECT_EQ(q.type, DType::kInt8);
  EXPECT_FLOAT_EQ(q.scale, 3.0f / 127);
  // After a Relu: uint8 with zero point 0, twice int8's resolution.
  q = ChooseActivationQuant({0.0f, 10.0f});
  EXPECT_EQ(q.type, DType::kUInt8);
  EXPECT_FLOAT_EQ(q.scale, 10.0f / 255);
  EXPECT_EQ(q.zero_point, 0);
  // A SiLU-like range: zero point where 0 falls, so 0 stays exact.
  q = ChooseActivationQuant({-1.0f, 3.0f});
  EXPECT_EQ(q.type, DType::kUInt8);
  EXPECT_FLOAT_EQ(q.scale, 4.0f / 255);
  EXPECT_EQ(q.zero_point, 64);
  // A range not covering 0 is widened to it.
  q = ChooseActivationQuant({2.0f, 4.0f});
  EXPECT_EQ(q.type, DType::kUInt8);
  EXPECT_FLOAT_EQ(q.scale, 4.0f / 255);
  EXPECT_EQ(q.zero_point, 0);
  // A tensor that was always 0.
  q = ChooseActivationQuant({0.0f, 0.0f});
  EXPECT_EQ(q.type, DType::kInt8);
  EXPECT_FLOAT_EQ(q.scale, 1.0f);
}

// x [1, 32] -> three Gemm layers (outputs h1, h2, y).
onnx::ModelProto ThreeLayers() {
  ModelBuilder b;
  b.AddInput("x", {1, 32});
  const char* outputs[] = {"h1", "h2", "y"};
  std::string in = "x";
  for (int i = 0; i < 3; ++i) {
    const std::string w = "w" + std::to_string(i);
    b.AddInitializer(w, {32, 32}, {}, static_cast<uint32_t>(10 + i));
    graph::testing::SetInt(b.AddNode("Gemm", {in, w}, {outputs[i]}), "transB", 1);
    in = outputs[i];
  }
  b.AddOutput("y");
  return b.model();
}

ActivationRanges Calibrated(const onnx::ModelProto& m) {
  auto cal = Calibrate(m, CalibrationTensors(FindInt8Candidates(m.graph())), CalibrationConfig{});
  EXPECT_TRUE(cal.ok()) << cal.status().ToString();
  return cal.ok() ? cal->ranges : ActivationRanges{};
}

TEST(Int8AccuracyTest, WellCalibratedGraphStaysAllInt8AfterOneCheck) {
  const onnx::ModelProto m = ThreeLayers();
  auto acc = ChooseInt8Fallback(m, Calibrated(m), Int8AccuracyConfig{});
  ASSERT_TRUE(acc.ok()) << acc.status().ToString();
  EXPECT_GT(acc->error_all_int8, 1e-4);  // quantized: not bit-equal
  EXPECT_LE(acc->error_all_int8, acc->target);
  EXPECT_TRUE(acc->keep_fp32.empty());
  EXPECT_TRUE(acc->sensitivity.empty());  // not measured when not needed
  EXPECT_EQ(acc->whole_model_runs, 1);
}

TEST(Int8AccuracyTest, TheOneBadLayerIsFoundAndLeftInFp32) {
  const onnx::ModelProto m = ThreeLayers();
  ActivationRanges ranges = Calibrated(m);
  // A range 1000x too wide for h1 (the second layer's input): its int8 steps
  // are coarser than its values, so that layer alone ruins the output.
  ranges.at("h1").min *= 1000;
  ranges.at("h1").max *= 1000;
  auto acc = ChooseInt8Fallback(m, ranges, Int8AccuracyConfig{});
  ASSERT_TRUE(acc.ok()) << acc.status().ToString();
  EXPECT_GT(acc->error_all_int8, 0.5);
  ASSERT_EQ(acc->sensitivity.size(), 3u);
  EXPECT_EQ(acc->sensitivity[0].output, "h2");  // the layer reading h1
  EXPECT_GT(acc->sensitivity[0].error, 0.5);
  EXPECT_LT(acc->sensitivity[1].error, acc->target);
  ASSERT_EQ(acc->keep_fp32.size(), 1u);
  EXPECT_EQ(acc->keep_fp32.begin()->first, "h2");
  EXPECT_NE(acc->keep_fp32.begin()->second.find("accuracy: sensitivity"), std::string::npos);
  EXPECT_LE(acc->error, acc->target);
  EXPECT_GT(acc->error, 0.0);  // the other two are still int8
  EXPECT_NE(acc->ToString().find("1 most sensitive layer left in fp32"), std::string::npos)
      << acc->ToString();

  // QuantizeInt8 with that choice lists the layer (ModelBuilder names the
  // third node Gemm_2) with its reason.
  onnx::ModelProto q = m;
  auto report = QuantizeInt8(q, ranges, acc->keep_fp32);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->quantized.size(), 2u);
  ASSERT_EQ(report->fp32_layers.size(), 1u);
  EXPECT_EQ(report->fp32_layers[0].rfind("Gemm_2 (Gemm: accuracy: sensitivity ", 0), 0u)
      << "got: " << report->fp32_layers[0];
}

TEST(Int8AccuracyTest, AnUnreachableTargetLeavesEveryLayerInFp32) {
  const onnx::ModelProto m = ThreeLayers();
  Int8AccuracyConfig config;
  config.target_error = 1e-9;
  auto acc = ChooseInt8Fallback(m, Calibrated(m), config);
  ASSERT_TRUE(acc.ok()) << acc.status().ToString();
  EXPECT_EQ(acc->keep_fp32.size(), 3u);
  EXPECT_EQ(acc->error, 0.0);
}

}  // namespace
}  // namespace campaign::converter
