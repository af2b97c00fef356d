// Transpose, Slice, Expand, Split, Tile, DepthToSpace, SpaceToDepth on random shapes: the device
// classes against the reference classes (runner/ops/op_test_fixtures.h).
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

TEST_F(CoverageOpsTest, MovementOnRandomShapes) {
  for (int trial = 0; trial < 4; ++trial) {
    Shape s = RandomShape(4, 1, 5);
    std::vector<int64_t> perm{0, 1, 2, 3};
    std::shuffle(perm.begin(), perm.end(), rng_);
    ModelBuilder t;
    t.AddInput("x", s);
    SetInts(t.AddNode("Transpose", {"x"}, {"y"}), "perm", perm);
    t.AddOutput("y");
    ExpectDeviceMatchesReference(t.model(), "Transpose " + graph::ShapeToString(s));

    ModelBuilder sl;  // reversed slice on axis 1, strided slice on axis 3
    sl.AddInput("x", s);
    sl.AddInt64Initializer("starts", {-1, 0});
    sl.AddInt64Initializer("ends", {INT64_MIN, 1000});
    sl.AddInt64Initializer("axes", {1, 3});
    sl.AddInt64Initializer("steps", {-1, 2});
    sl.AddNode("Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
    sl.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(sl.model(), "Slice " + graph::ShapeToString(s));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), (Shape{s[0], s[1], s[2], (s[3] + 1) / 2}));
    }
  }
  ModelBuilder e;  // Expand, Split, Unsqueeze, Squeeze, Concat of int64 shapes
  e.AddInput("x", {3, 1, 6});
  e.AddInt64Initializer("shape", {2, 3, 4, 6});
  e.AddNode("Expand", {"x", "shape"}, {"big"});
  e.AddInt64Initializer("sizes", {1, 2, 3});
  SetInt(e.AddNode("Split", {"big", "sizes"}, {"p0", "p1", "p2"}), "axis", 3);
  e.AddInt64Initializer("ax", {0});
  e.AddNode("Unsqueeze", {"p2", "ax"}, {"u"});
  e.AddNode("Squeeze", {"u", "ax"}, {"q"});
  e.AddOutput("p0");
  e.AddOutput("p1");
  e.AddOutput("q");
  ExpectDeviceMatchesReference(e.model(), "Expand/Split/Unsqueeze/Squeeze");
}

TEST_F(CoverageOpsTest, TileAndDepthSpaceOnRandomShapes) {
  for (int trial = 0; trial < 4; ++trial) {
    int rank = 1 + trial;
    Shape s = RandomShape(rank, 1, 4);
    std::vector<int64_t> repeats;
    for (int d = 0; d < rank; ++d) repeats.push_back(static_cast<int64_t>(rng_() % 3) + (d == 0));
    ModelBuilder t;
    t.AddInput("x", s, trial % 2 ? onnx::TensorProto::INT64 : onnx::TensorProto::FLOAT);
    t.AddInt64Initializer("repeats", repeats);
    t.AddNode("Tile", {"x", "repeats"}, {"y"});
    t.AddOutput("y");
    ExpectDeviceMatchesReference(t.model(), "Tile " + graph::ShapeToString(s));

    int64_t bs = 1 + trial % 3;
    Shape x = RandomShape(4, 1, 3);
    for (const char* mode : {"DCR", "CRD"}) {
      ModelBuilder d;
      d.AddInput("x", {x[0], x[1] * bs * bs, x[2], x[3]});
      auto* n = d.AddNode("DepthToSpace", {"x"}, {"y"});
      SetInt(n, "blocksize", bs);
      auto* a = n->add_attribute();
      a->set_name("mode");
      a->set_type(onnx::AttributeProto::STRING);
      a->set_s(mode);
      d.AddOutput("y");
      ExpectDeviceMatchesReference(d.model(), std::string("DepthToSpace ") + mode);
    }
    ModelBuilder sd;
    sd.AddInput("x", {x[0], x[1], x[2] * bs, x[3] * bs});
    SetInt(sd.AddNode("SpaceToDepth", {"x"}, {"y"}), "blocksize", bs);
    sd.AddOutput("y");
    ExpectDeviceMatchesReference(sd.model(), "SpaceToDepth");
  }
}

}  // namespace
}  // namespace campaign::runner
