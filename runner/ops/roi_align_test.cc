// RoiAlign: the device class against the reference class on random inputs,
// avg and max, both coordinate modes, fixed and adaptive sampling, boxes
// reaching past the image; a node without coordinate_transformation_mode
// is kUnsupportedOp.
#include <gtest/gtest.h>

#include <string>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& value) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

TEST_F(CoverageOpsTest, RoiAlignModes) {
  for (const char* mode : {"avg", "max"}) {
    for (const char* ct : {"half_pixel", "output_half_pixel"}) {
      for (int ratio : {0, 2}) {
        Shape x = {2, 1 + static_cast<int64_t>(rng_() % 3), 5 + static_cast<int64_t>(rng_() % 6),
                   5 + static_cast<int64_t>(rng_() % 6)};
        ModelBuilder b;
        b.AddInput("x", x);
        // Boxes in input pixels (spatial_scale 0.5 halves them), one past
        // the image and one degenerate.
        b.AddInitializer("rois", {4, 4},
                         {0, 0, 8, 8, 2.5f, 1, 13, 9.5f, -3, -2, 30, 25, 4, 4, 4, 4});
        b.AddInt64Initializer("batch", {0, 1, 1, 0});
        auto* n = b.AddNode("RoiAlign", {"x", "rois", "batch"}, {"y"});
        SetString(n, "mode", mode);
        SetString(n, "coordinate_transformation_mode", ct);
        SetInt(n, "output_height", 3);
        SetInt(n, "output_width", 2);
        SetInt(n, "sampling_ratio", ratio);
        SetFloat(n, "spatial_scale", 0.5f);
        b.AddOutput("y");
        ExpectDeviceMatchesReference(b.model(), std::string("RoiAlign ") + mode + " " + ct +
                                                    " ratio " + std::to_string(ratio) + " " +
                                                    graph::ShapeToString(x));
      }
    }
  }
}

TEST_F(CoverageOpsTest, RoiAlignWithoutCoordinateModeIsUnsupported) {
  ModelBuilder b;
  b.AddInput("x", {1, 1, 4, 4});
  b.AddInitializer("rois", {1, 4}, {0, 0, 2, 2});
  b.AddInt64Initializer("batch", {0});
  b.AddNode("RoiAlign", {"x", "rois", "batch"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
}

}  // namespace
}  // namespace campaign::runner
