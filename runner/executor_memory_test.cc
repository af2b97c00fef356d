// Constant folding at load and buffer reuse by liveness.
#include <gtest/gtest.h>

#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetInt;

// x [2, 3, 4] -> Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])),
// the shape chain torch exports for x.reshape(x.shape[0], -1).
ModelBuilder ShapeChainModel() {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 4});
  b.AddNode("Shape", {"x"}, {"s"});
  b.AddInt64Initializer("zero", {0});
  b.model().mutable_graph()->mutable_initializer(0)->clear_dims();  // scalar index
  SetInt(b.AddNode("Gather", {"s", "zero"}, {"batch"}), "axis", 0);
  b.AddInt64Initializer("axes", {0});
  b.AddNode("Unsqueeze", {"batch", "axes"}, {"b1"});
  b.AddInt64Initializer("rest", {-1});
  SetInt(b.AddNode("Concat", {"b1", "rest"}, {"shape"}), "axis", 0);
  b.AddNode("Reshape", {"x", "shape"}, {"flat"});
  b.AddNode("Relu", {"flat"}, {"y"});
  b.AddOutput("y");
  return b;
}

TEST(ConstantFoldingTest, ShapeChainBecomesInitializers) {
  ModelBuilder b = ShapeChainModel();
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  // Shape, Gather, Unsqueeze and Concat are folded; Reshape and Relu remain.
  EXPECT_EQ((*ex)->num_nodes(), 2u);
  EXPECT_EQ((*ex)->outputs()[0].shape, (Shape{2, 12}));
  auto inputs = (*ex)->MakeRandomInputs(3);
  auto ref = (*ex)->RunReference(inputs);
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  auto x = inputs[0].values<float>();
  auto y = (*ref)[0].values<float>();
  for (size_t i = 0; i < x.size(); ++i) EXPECT_EQ(y[i], x[i] > 0 ? x[i] : 0.0f);
  testing::ExpectDeviceMatchesReference(b.model(), "shape chain");
}

TEST(ConstantFoldingTest, ComputedShapeStillRejected) {
  ModelBuilder b;  // the target shape comes from a graph input: not foldable
  b.AddInput("x", {2, 6});
  b.AddInput("shape", {2}, onnx::TensorProto::INT64);
  b.AddNode("Reshape", {"x", "shape"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
  EXPECT_NE(ex.status().message().find("Reshape"), std::string::npos);
}

TEST(LivenessTest, ChainReusesBuffers) {
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  ModelBuilder b;
  b.AddInput("x", {64, 64});
  std::string prev = "x";
  for (int i = 0; i < 10; ++i) {
    std::string next = i == 9 ? "y" : "t" + std::to_string(i);
    b.AddNode(i % 2 ? "Relu" : "Sigmoid", {prev}, {next});
    prev = next;
  }
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  // Two buffers ping-pong: the input's is reused once the first node has
  // read it (inputs are rewritten before every run). 2 x 16 KiB, not 11.
  EXPECT_EQ((*ex)->peak_device_bytes(), 2u * 64 * 64 * 4);
  testing::ExpectDeviceMatchesReference(b.model(), "Sigmoid/Relu chain");
}

TEST(LivenessTest, BranchesKeepLiveInputs) {
  // y = Add(Relu(x), Sigmoid(Relu(x))): the first Relu must survive the
  // Sigmoid; a wrong reuse would change the result.
  ModelBuilder b;
  b.AddInput("x", {3, 17});
  b.AddNode("Relu", {"x"}, {"r"});
  b.AddNode("Sigmoid", {"r"}, {"s"});
  b.AddNode("Neg", {"s"}, {"n"});
  b.AddNode("Add", {"r", "n"}, {"y"});
  b.AddOutput("y");
  testing::ExpectDeviceMatchesReference(b.model(), "branches");
}

}  // namespace
}  // namespace campaign::runner
