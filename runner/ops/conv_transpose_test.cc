// ConvTranspose: the device class against the reference class on random
// shapes (1-D to 3-D, groups, strides, dilations, pads, output_padding,
// output_shape, auto_pad, with and without bias).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetInt;
using testing::SetInts;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& v) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

TEST_F(OpsTest, ConvTransposeRandomShapes) {
  std::mt19937 rng(2024);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const char* modes[] = {"pads", "output_shape", "SAME_UPPER", "SAME_LOWER", "VALID"};
  for (int t = 0; t < 24; ++t) {
    const int k = 1 + t % 3;
    const int mode = static_cast<int>(pick(0, 4));
    const int64_t group = pick(1, 3), cg = pick(1, 3), mg = pick(1, 3);
    const bool bias = pick(0, 1) == 1;
    Shape x{pick(1, 2), group * cg}, w{group * cg, mg};
    std::vector<int64_t> strides, dilations, pads(2 * k), out_pad, out_shape;
    for (int d = 0; d < k; ++d) {
      const int64_t in = pick(1, k == 3 ? 4 : 7), kern = pick(1, 3), s = pick(1, 3),
                    dl = pick(1, 2);
      x.push_back(in);
      w.push_back(kern);
      strides.push_back(s);
      dilations.push_back(dl);
      const int64_t op = pick(0, std::max(s, dl) - 1);
      out_pad.push_back(op);
      const int64_t full = s * (in - 1) + op + (kern - 1) * dl + 1;
      pads[d] = pick(0, (full - 1) / 2);
      pads[k + d] = pick(0, (full - 1) / 2);
      out_shape.push_back(std::max<int64_t>(1, full + pick(-2, 1)));
    }
    ModelBuilder b;
    b.AddInput("x", x);
    b.AddInitializer("w", w);
    if (bias) b.AddInitializer("b", {group * mg});
    auto* n = b.AddNode("ConvTranspose", {"x", "w", bias ? "b" : ""}, {"y"});
    SetInts(n, "strides", strides);
    SetInts(n, "dilations", dilations);
    SetInts(n, "output_padding", out_pad);
    SetInt(n, "group", group);
    if (mode == 0) SetInts(n, "pads", pads);
    if (mode == 1) SetInts(n, "output_shape", out_shape);
    if (mode >= 2) SetString(n, "auto_pad", modes[mode]);
    b.AddOutput("y");
    Check(b, "ConvTranspose x" + graph::ShapeToString(x) + " w" + graph::ShapeToString(w) +
                 " group " + std::to_string(group) + " " + modes[mode] + (bias ? "" : " no bias"));
  }
}

// Float16 data runs through the half adapter (float32 compute).
TEST_F(OpsTest, ConvTransposeHalfData) {
  ModelBuilder b;
  b.AddInput("x", {1, 4, 5, 6}, onnx::TensorProto::FLOAT16);
  b.AddInitializer("w", {4, 3, 3, 3});
  b.AddInitializer("b", {6});
  auto* n = b.AddNode("ConvTranspose", {"x", "w", "b"}, {"y"});
  SetInts(n, "strides", {2, 2});
  SetInt(n, "group", 2);
  b.AddOutput("y");
  Check(b, "ConvTranspose float16", 2e-3);
}

}  // namespace
}  // namespace campaign::runner
