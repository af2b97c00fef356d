// Resize and Upsample: the device classes against the reference classes on
// random shapes, for every mode, nearest_mode and coordinate transformation
// mode, cubic's coefficient and exclude_outside, tf_crop_and_resize's roi and
// extrapolation value, opset 18's axes and keep_aspect_ratio_policy,
// Resize-10 and Upsample (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& value) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

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
    SetString(n, "mode", c.mode);
    SetString(n, "coordinate_transformation_mode", c.coord);
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(
        b.model(), std::string("Resize ") + c.mode + " " + c.coord + " " + graph::ShapeToString(s));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape()[2], static_cast<int64_t>(std::floor(s[2] * c.scales[2])));
    }
  }
}

// Every coordinate mode with every mode (nearest in each nearest_mode,
// cubic with and without exclude_outside), on scales and on sizes.
TEST_F(CoverageOpsTest, ResizeEveryCoordinateMode) {
  const char* coords[] = {"half_pixel",        "half_pixel_symmetric", "pytorch_half_pixel",
                          "align_corners",     "asymmetric",           "tf_half_pixel_for_nn",
                          "tf_crop_and_resize"};
  const char* nearest[] = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
  int id = 0;
  for (const char* coord : coords) {
    for (int m = 0; m < 7; ++m) {
      const bool sizes = m % 2 == 1;
      Shape s = RandomShape(4, 1, 6);
      std::vector<float> scales = {1, 1, 1.7f, 0.6f};
      std::vector<int64_t> out = {s[0], s[1], s[2] + 3, std::max<int64_t>(1, s[3] - 1)};
      ModelBuilder b;
      b.AddInput("x", s);
      const bool crop = std::string(coord) == "tf_crop_and_resize";
      b.AddInitializer(
          "roi", {crop ? 8 : 0},
          crop ? std::vector<float>{0, 0, -0.2f, 0.1f, 1, 1, 0.9f, 1.3f} : std::vector<float>{});
      std::vector<std::string> ins = {"x", "roi"};
      if (sizes) {
        b.AddInitializer("scales", {0}, {});
        b.AddInt64Initializer("sizes", out);
        ins.insert(ins.end(), {"scales", "sizes"});
      } else {
        b.AddInitializer("scales", {4}, scales);
        ins.push_back("scales");
      }
      auto* n = b.AddNode("Resize", ins, {"y"});
      std::string what = std::string(coord);
      if (m < 4) {
        SetString(n, "mode", "nearest");
        SetString(n, "nearest_mode", nearest[m]);
        what += std::string(" nearest ") + nearest[m];
      } else if (m == 4) {
        SetString(n, "mode", "linear");
        what += " linear";
      } else {
        SetString(n, "mode", "cubic");
        SetFloat(n, "cubic_coeff_a", m == 5 ? -0.5f : -0.75f);
        SetInt(n, "exclude_outside", m == 6 ? 1 : 0);
        what += " cubic";
      }
      SetString(n, "coordinate_transformation_mode", coord);
      if (crop) SetFloat(n, "extrapolation_value", 2.5f);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(), "Resize " + what + (sizes ? " sizes " : " scales ") +
                                                  graph::ShapeToString(s) + " case " +
                                                  std::to_string(id++));
    }
  }
}

// Opset 18: axes name the resized dims; keep_aspect_ratio_policy.
TEST_F(CoverageOpsTest, ResizeAxesAndAspectRatio) {
  for (const char* policy : {"stretch", "not_larger", "not_smaller"}) {
    Shape s = RandomShape(4, 2, 6);
    ModelBuilder b;
    b.AddInput("x", s);
    b.AddInt64Initializer("sizes", {7, 4});
    auto* n = b.AddNode("Resize", {"x", "", "", "sizes"}, {"y"});
    SetInts(n, "axes", {-1, 2});
    SetString(n, "mode", "linear");
    SetString(n, "keep_aspect_ratio_policy", policy);
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(),
                                 std::string("Resize axes ") + policy + graph::ShapeToString(s));
  }
}

// Resize-10 (X, scales), Upsample-9 (X, scales) and Upsample-7 (scales
// attribute): nearest and linear on asymmetric coordinates.
TEST_F(CoverageOpsTest, ResizeLegacyForms) {
  for (const char* op : {"Resize", "Upsample", "Upsample7"}) {
    for (const char* mode : {"nearest", "linear"}) {
      Shape s = RandomShape(4, 1, 6);
      std::vector<float> scales = {1, 1, 2, std::string(op) == "Resize" ? 0.7f : 3.0f};
      ModelBuilder b;
      b.AddInput("x", s);
      onnx::NodeProto* n = nullptr;
      if (std::string(op) == "Upsample7") {
        n = b.AddNode("Upsample", {"x"}, {"y"});
        auto* a = n->add_attribute();
        a->set_name("scales");
        a->set_type(onnx::AttributeProto::FLOATS);
        for (float f : scales) a->add_floats(f);
      } else {
        b.AddInitializer("scales", {4}, scales);
        n = b.AddNode(op, {"x", "scales"}, {"y"});
      }
      SetString(n, "mode", mode);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(),
                                   std::string(op) + " " + mode + " " + graph::ShapeToString(s));
    }
  }
}

}  // namespace
}  // namespace campaign::runner
