// GridSample: the device class against the reference class on random
// shapes, every mode (opset 16 and 20 names), padding mode and
// align_corners, with grid points beyond [-1, 1] so that padding matters.
#include <gtest/gtest.h>

#include <string>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetInt;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& value) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

TEST_F(CoverageOpsTest, GridSampleEveryModeAndPadding) {
  for (const char* mode : {"bilinear", "nearest", "bicubic", "linear", "cubic"}) {
    for (const char* pad : {"zeros", "border", "reflection"}) {
      for (int align : {0, 1}) {
        Shape x = RandomShape(4, 1, 6);
        Shape g = {x[0], 1 + static_cast<int64_t>(rng_() % 5), 1 + static_cast<int64_t>(rng_() % 5),
                   2};
        ModelBuilder b;
        b.AddInput("x", x);
        b.AddInput("g", g);
        b.AddInitializer("k", {}, {1.6f});
        b.AddNode("Mul", {"g", "k"}, {"gk"});
        auto* n = b.AddNode("GridSample", {"x", "gk"}, {"y"});
        SetString(n, "mode", mode);
        SetString(n, "padding_mode", pad);
        SetInt(n, "align_corners", align);
        b.AddOutput("y");
        ExpectDeviceMatchesReference(b.model(), std::string("GridSample ") + mode + " " + pad +
                                                    " align " + std::to_string(align) + " x " +
                                                    graph::ShapeToString(x) + " grid " +
                                                    graph::ShapeToString(g));
      }
    }
  }
}

}  // namespace
}  // namespace campaign::runner
