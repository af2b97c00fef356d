// Resize modes: the device classes against the reference classes on random
// shapes (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <cmath>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

TEST_F(CoverageOpsTest, ResizeModes) {
  struct Case {
    const char* mode;
    const char* coord;
    std::vector<float> scales;
  };
  for (const Case& c : std::vector<Case>{{"nearest", "asymmetric", {1, 1, 2, 3}},
                                         {"linear", "half_pixel", {1, 1, 1.5f, 0.5f}},
                                         {"linear", "align_corners", {1, 1, 2, 2}},
                                         {"cubic", "pytorch_half_pixel", {1, 1, 0.75f, 2}}}) {
    Shape s = RandomShape(4, 2, 7);
    ModelBuilder b;
    b.AddInput("x", s);
    b.AddInitializer("roi", {0}, {});
    b.AddInitializer("scales", {4}, c.scales);
    auto* n = b.AddNode("Resize", {"x", "roi", "scales"}, {"y"});
    for (auto [name, value] :
         {std::pair{"mode", c.mode}, {"coordinate_transformation_mode", c.coord}}) {
      auto* a = n->add_attribute();
      a->set_name(name);
      a->set_type(onnx::AttributeProto::STRING);
      a->set_s(value);
    }
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(
        b.model(), std::string("Resize ") + c.mode + " " + c.coord + " " + graph::ShapeToString(s));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape()[2], static_cast<int64_t>(std::floor(s[2] * c.scales[2])));
    }
  }
}

}  // namespace
}  // namespace campaign::runner
