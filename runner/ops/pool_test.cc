// MaxPool, AveragePool, LpPool, GlobalAveragePool, GlobalMaxPool, GlobalLpPool: the device
// classes against the reference classes on random shapes (runner/ops/op_test_fixtures.h), 1-D to
// 3-D windows, MaxPool's Indices output compared exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

TEST_F(OpsTest, Pooling) {
  struct Case {
    const char* op;
    Shape x;
    std::vector<int64_t> kernel, strides, pads;
    int64_t ceil_mode, include_pad;
  };
  std::vector<Case> cases = {
      {"MaxPool", {1, 2, 13, 13}, {3, 3}, {2, 2}, {0, 0, 0, 0}, 1, 0},
      {"MaxPool", {2, 3, 8, 9}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 0},
      {"MaxPool", {1, 1, 5, 5}, {2, 2}, {2, 2}, {1, 1, 1, 1}, 1, 0},
      {"AveragePool", {1, 2, 7, 7}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 1},
      {"AveragePool", {1, 2, 7, 7}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 0},
      {"AveragePool", {1, 2, 6, 6}, {3, 3}, {2, 2}, {0, 0, 1, 1}, 1, 1},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    b.AddInput("x", c.x);
    auto* n = b.AddNode(c.op, {"x"}, {"y"});
    SetInts(n, "kernel_shape", c.kernel);
    SetInts(n, "strides", c.strides);
    SetInts(n, "pads", c.pads);
    SetInt(n, "ceil_mode", c.ceil_mode);
    if (std::string(c.op) == "AveragePool") SetInt(n, "count_include_pad", c.include_pad);
    b.AddOutput("y");
    Check(b, std::string(c.op) + " " + graph::ShapeToString(c.x) + " ceil " +
                 std::to_string(c.ceil_mode) + " include_pad " + std::to_string(c.include_pad));
  }
  ModelBuilder g;
  g.AddInput("x", {2, 3, 5, 7});
  g.AddNode("GlobalAveragePool", {"x"}, {"y"});
  g.AddOutput("y");
  Check(g, "GlobalAveragePool");
}

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& v) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

// The int64 outputs (MaxPool's Indices) of device and reference agree
// exactly; Check() compares the float outputs.
void ExpectSameIndices(cl::Runtime* rt, ModelBuilder& b, const std::string& what) {
  SCOPED_TRACE(what);
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  auto inputs = (*ex)->MakeRandomInputs(42);
  std::vector<HostTensor> got;
  ASSERT_TRUE((*ex)->Run(inputs, &got).ok());
  auto ref = (*ex)->RunReference(inputs);
  ASSERT_TRUE(ref.ok());
  ASSERT_EQ(got.size(), 2u);
  auto g = got[1].values<int64_t>();
  auto r = (*ref)[1].values<int64_t>();
  ASSERT_EQ(g.size(), r.size());
  for (size_t i = 0; i < g.size(); ++i) ASSERT_EQ(g[i], r[i]) << "index " << i;
}

TEST_F(OpsTest, PoolingNdRandomShapes) {
  std::mt19937 rng(77);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const char* ops[] = {"MaxPool", "AveragePool", "LpPool"};
  const char* auto_pads[] = {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"};
  for (int t = 0; t < 36; ++t) {
    const int k = 1 + t % 3;
    const std::string op = ops[t / 3 % 3];
    const bool lp = op == "LpPool";
    const bool indices = op == "MaxPool" && pick(0, 1) == 1;
    const char* auto_pad = auto_pads[pick(0, 3)];
    Shape x{pick(1, 2), pick(1, 3)};
    std::vector<int64_t> kernel, strides, dilations, pads(2 * k);
    for (int d = 0; d < k; ++d) {
      const int64_t kern = pick(1, 3), dl = lp ? 1 : pick(1, 2);
      x.push_back(pick((kern - 1) * dl + 1, k == 3 ? 6 : 9));
      kernel.push_back(kern);
      strides.push_back(pick(1, 3));
      dilations.push_back(dl);
      pads[d] = pick(0, kern - 1);
      pads[k + d] = pick(0, kern - 1);
    }
    const int64_t ceil_mode = lp ? 0 : pick(0, 1), include_pad = pick(0, 1);
    ModelBuilder b;
    b.AddInput("x", x);
    std::vector<std::string> outs{"y"};
    if (indices) outs.push_back("i");
    auto* n = b.AddNode(op, {"x"}, outs);
    SetInts(n, "kernel_shape", kernel);
    SetInts(n, "strides", strides);
    if (!lp) SetInts(n, "dilations", dilations);
    if (std::string(auto_pad) == "NOTSET") {
      SetInts(n, "pads", pads);
    } else {
      SetString(n, "auto_pad", auto_pad);
    }
    if (!lp) SetInt(n, "ceil_mode", ceil_mode);
    if (op == "AveragePool") SetInt(n, "count_include_pad", include_pad);
    if (lp) SetInt(n, "p", pick(1, 3));
    if (indices) SetInt(n, "storage_order", pick(0, 1));
    b.AddOutput("y");
    if (indices) b.AddOutput("i");
    const std::string what = op + " x" + graph::ShapeToString(x) + " " + auto_pad + " ceil " +
                             std::to_string(ceil_mode) + (indices ? " indices" : "");
    Check(b, what, 1e-5);
    if (indices) ExpectSameIndices(rt_, b, what);
  }
}

TEST_F(OpsTest, GlobalPoolingAnyRank) {
  for (const char* op : {"GlobalMaxPool", "GlobalLpPool", "GlobalAveragePool"}) {
    for (const Shape& x :
         std::vector<Shape>{{2, 3, 7}, {1, 2, 4, 5}, {2, 2, 3, 4, 5}, {1, 2, 2, 3, 2, 3}}) {
      ModelBuilder b;
      b.AddInput("x", x);
      b.AddNode(op, {"x"}, {"y"});
      b.AddOutput("y");
      Check(b, std::string(op) + " x" + graph::ShapeToString(x));
    }
  }
}

// MaxPool and GlobalMaxPool on int8 and uint8: integer maxima, compared
// exactly (values and Indices) on random 1-D to 3-D windows.
TEST_F(OpsTest, MaxPoolInt8RandomShapes) {
  std::mt19937 rng(31);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 16; ++t) {
    const int k = 1 + t % 3;
    const bool is_signed = t % 2 == 0, global = t % 8 == 7, indices = !global && pick(0, 1) == 1;
    Shape x{pick(1, 2), pick(1, 3)};
    std::vector<int64_t> kernel, strides, dilations, pads(2 * k);
    for (int d = 0; d < k; ++d) {
      const int64_t kern = pick(1, 3), dl = pick(1, 2);
      x.push_back(pick((kern - 1) * dl + 1, k == 3 ? 6 : 9));
      kernel.push_back(kern);
      strides.push_back(pick(1, 3));
      dilations.push_back(dl);
      pads[d] = pick(0, kern - 1);
      pads[k + d] = pick(0, kern - 1);
    }
    ModelBuilder b;
    b.AddInput("x", x, is_signed ? onnx::TensorProto::INT8 : onnx::TensorProto::UINT8);
    std::vector<std::string> outs{"y"};
    if (indices) outs.push_back("i");
    auto* n = b.AddNode(global ? "GlobalMaxPool" : "MaxPool", {"x"}, outs);
    if (!global) {
      SetInts(n, "kernel_shape", kernel);
      SetInts(n, "strides", strides);
      SetInts(n, "dilations", dilations);
      SetInts(n, "pads", pads);
      SetInt(n, "ceil_mode", pick(0, 1));
    }
    if (indices) SetInt(n, "storage_order", pick(0, 1));
    b.AddOutput("y");
    if (indices) b.AddOutput("i");
    const std::string what = std::string(is_signed ? "int8 " : "uint8 ") +
                             (global ? "GlobalMaxPool x" : "MaxPool x") + graph::ShapeToString(x) +
                             (indices ? " indices" : "");
    SCOPED_TRACE(what);
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    ASSERT_TRUE((*ex)->PrepareDevice(*rt_).ok());
    auto inputs = (*ex)->MakeRandomInputs(static_cast<uint32_t>(t));
    std::vector<HostTensor> got;
    ASSERT_TRUE((*ex)->Run(inputs, &got).ok());
    auto ref = (*ex)->RunReference(inputs);
    ASSERT_TRUE(ref.ok());
    ASSERT_EQ(got.size(), ref->size());
    bool varied = false;
    for (size_t o = 0; o < got.size(); ++o) {
      ASSERT_EQ(got[o].dtype(), (*ref)[o].dtype());
      ASSERT_EQ(got[o].bytes(), (*ref)[o].bytes());
      const auto* g = static_cast<const uint8_t*>(got[o].raw());
      const auto* r = static_cast<const uint8_t*>((*ref)[o].raw());
      for (size_t i = 0; i < got[o].bytes(); ++i) {
        ASSERT_EQ(g[i], r[i]) << "output " << o << " byte " << i;
        varied = varied || (o == 0 && g[i] != g[0]);
      }
    }
    EXPECT_EQ(got[0].dtype(), is_signed ? DType::kInt8 : DType::kUInt8);
    // Random data: not all maxima equal (but for a single output).
    if (got[0].size() > 3) {
      EXPECT_TRUE(varied);
    }
  }
}

// Float16 data runs through the half adapter (float32 compute).
TEST_F(OpsTest, PoolingNdHalfData) {
  for (const char* op : {"MaxPool", "AveragePool"}) {
    ModelBuilder b;
    b.AddInput("x", {1, 2, 5, 6, 4}, onnx::TensorProto::FLOAT16);
    auto* n = b.AddNode(op, {"x"}, {"y"});
    SetInts(n, "kernel_shape", {2, 3, 2});
    SetInts(n, "strides", {2, 1, 2});
    b.AddOutput("y");
    Check(b, std::string(op) + " 3-D float16", 2e-3);
  }
}

}  // namespace
}  // namespace campaign::runner
