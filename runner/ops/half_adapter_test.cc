// The half adapter and the float16 Cast, on the reference and on the device.
#include "runner/ops/half_adapter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "graph/half.h"
#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

// `model` with half storage: float initializers, inputs and outputs become
// FLOAT16 (values rounded to nearest even). What the converter's fp16 pass
// does inside the graph, without the boundary Casts.
onnx::ModelProto HalfStorage(onnx::ModelProto model) {
  auto* g = model.mutable_graph();
  for (auto& t : *g->mutable_initializer()) {
    if (t.data_type() != onnx::TensorProto::FLOAT) continue;
    std::string raw;
    for (float v : t.float_data()) {
      uint16_t h = graph::FloatToHalf(v);
      raw.append(reinterpret_cast<const char*>(&h), sizeof(h));
    }
    t.clear_float_data();
    t.set_data_type(onnx::TensorProto::FLOAT16);
    t.set_raw_data(raw);
  }
  for (auto* list : {g->mutable_input(), g->mutable_output()}) {
    for (auto& v : *list)
      v.mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT16);
  }
  return model;
}

// One op in half storage computes exactly the float op on the half values,
// rounded once to half: float32 compute from half storage, nothing else.
TEST(HalfAdapterTest, ReferenceIsFloatComputeOnHalfValues) {
  ModelBuilder b;
  b.AddInput("x", {1, 3, 6, 6});
  b.AddInitializer("w", {4, 3, 3, 3}, {}, 1);
  b.AddInitializer("b", {4}, {}, 2);
  testing::SetInts(b.AddNode("Conv", {"x", "w", "b"}, {"y"}), "pads", {1, 1, 1, 1});
  b.AddOutput("y");
  onnx::ModelProto f32 = b.model();
  onnx::ModelProto f16 = HalfStorage(f32);
  // The float model gets the weights as the half model sees them.
  for (auto& t : *f32.mutable_graph()->mutable_initializer()) {
    for (float& v : *t.mutable_float_data()) v = graph::HalfToFloat(graph::FloatToHalf(v));
  }
  auto half_ex = Executor::Create(f16);
  ASSERT_TRUE(half_ex.ok()) << half_ex.status().ToString();
  EXPECT_EQ((*half_ex)->half_adapted_nodes(), 1);
  auto float_ex = Executor::Create(f32);
  ASSERT_TRUE(float_ex.ok());
  auto in16 = (*half_ex)->MakeRandomInputs(3);
  ASSERT_EQ(in16[0].dtype(), DType::kFloat16);
  auto got = (*half_ex)->RunReference(in16);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  auto want = (*float_ex)->RunReference({graph::ToFloat32(in16[0])});
  ASSERT_TRUE(want.ok());
  ASSERT_EQ((*got)[0].dtype(), DType::kFloat16);
  ASSERT_EQ((*got)[0].shape(), (Shape{1, 4, 6, 6}));
  for (int64_t i = 0; i < (*got)[0].size(); ++i) {
    ASSERT_EQ((*got)[0].values<uint16_t>()[i], graph::FloatToHalf((*want)[0].values<float>()[i]))
        << i;
  }
}

// A whole network in half storage: every intermediate tensor rounds, so the
// result stays within a few half ulps of float32 on the same half weights.
TEST(HalfAdapterTest, NetworkStaysCloseToFloat) {
  onnx::ModelProto f32 = testing::TinyCnn();
  onnx::ModelProto f16 = HalfStorage(f32);
  auto half_ex = Executor::Create(f16);
  ASSERT_TRUE(half_ex.ok()) << half_ex.status().ToString();
  EXPECT_EQ((*half_ex)->half_adapted_nodes(), 5);  // Conv, Relu, MaxPool, Flatten, Gemm
  auto float_ex = Executor::Create(f32);
  ASSERT_TRUE(float_ex.ok());
  auto in16 = (*half_ex)->MakeRandomInputs(3);
  auto got = (*half_ex)->RunReference(in16);
  auto want = (*float_ex)->RunReference({graph::ToFloat32(in16[0])});
  ASSERT_TRUE(got.ok() && want.ok());
  Validation v = graph::CompareOutputs({graph::ToFloat32((*got)[0])}, *want, 5e-3);
  EXPECT_TRUE(v.passed) << v.norm_rel_error;
  EXPECT_GT(v.norm_rel_error, 0);  // half storage is visible
}

// Device and reference agree to about one half ulp: both compute in float32
// and round once.
TEST(HalfAdapterTest, DeviceMatchesReference) {
  auto got = testing::ExpectDeviceMatchesReference(HalfStorage(testing::TinyCnn()),
                                                   "TinyCnn in half storage", 2e-3);
  if (!got.empty()) {
    EXPECT_EQ(got[0].dtype(), DType::kFloat16);
  }
}

// Cast float -> half -> float is exact on both backends (round to nearest
// even, the same as graph/half.h), including values beyond the half range.
TEST(HalfCastTest, FloatHalfFloatOnBothBackends) {
  ModelBuilder b;
  b.AddInput("x", {3, 5, 7});
  b.AddInitializer("big", {1}, {100000.0f});
  b.AddNode("Mul", {"x", "big"}, {"xs"});  // some values overflow half
  testing::SetInt(b.AddNode("Cast", {"xs"}, {"h"}), "to", onnx::TensorProto::FLOAT16);
  testing::SetInt(b.AddNode("Cast", {"h"}, {"y"}), "to", onnx::TensorProto::FLOAT);
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ((*ex)->half_adapted_nodes(), 0);  // Cast handles float16 itself
  auto in = (*ex)->MakeRandomInputs(5);
  auto ref = (*ex)->RunReference(in);
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  int inf = 0;
  for (int64_t i = 0; i < in[0].size(); ++i) {
    float want = graph::HalfToFloat(graph::FloatToHalf(in[0].values<float>()[i] * 100000.0f));
    ASSERT_EQ((*ref)[0].values<float>()[i], want) << i;
    inf += std::isinf(want) ? 1 : 0;
  }
  EXPECT_GT(inf, 0);
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  std::vector<HostTensor> got;
  ASSERT_TRUE((*ex)->Run(in, &got).ok());
  for (int64_t i = 0; i < in[0].size(); ++i) {
    ASSERT_EQ(got[0].values<float>()[i], (*ref)[0].values<float>()[i]) << i;
  }
}

// float16 -> int64 has no kernel of its own: cast_any converts it exactly.
TEST(HalfCastTest, HalfToIntRunsThroughCastAny) {
  ModelBuilder b;
  b.AddInput("x", {4}, onnx::TensorProto::FLOAT16);
  testing::SetInt(b.AddNode("Cast", {"x"}, {"y"}), "to", onnx::TensorProto::INT64);
  b.AddOutput("y");
  auto got = testing::ExpectDeviceMatchesReference(b.model(), "Cast float16 -> int64", 0);
  if (got.empty()) return;  // no device
  EXPECT_EQ(got[0].dtype(), DType::kInt64);
}

}  // namespace
}  // namespace campaign::runner
