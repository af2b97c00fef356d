// Cast and CastLike: the device class against the reference class
// (runner/ops/op_test_fixtures.h); more Cast cases in gather_test.cc.
#include <gtest/gtest.h>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;

// CastLike takes its target type from input 1 (opset 15).
TEST_F(CoverageOpsTest, CastLikeTakesTheTypeOfItsSecondInput) {
  struct Case {
    int32_t from, like;
    DType want;
  };
  for (const Case& c :
       {Case{onnx::TensorProto::FLOAT, onnx::TensorProto::INT64, DType::kInt64},
        Case{onnx::TensorProto::INT64, onnx::TensorProto::FLOAT, DType::kFloat32},
        Case{onnx::TensorProto::FLOAT, onnx::TensorProto::FLOAT16, DType::kFloat16}}) {
    ModelBuilder b;
    b.AddInput("x", RandomShape(3), c.from);
    b.AddInput("like", {1}, c.like);
    b.AddNode("CastLike", {"x", "like"}, {"y"});
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(b.model(), "CastLike", 1e-3);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].dtype(), c.want);
  }
}

}  // namespace
}  // namespace campaign::runner
