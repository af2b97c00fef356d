// DynamicQuantizeLinear, MatMulInteger, QLinearMatMul, ConvInteger and
// QLinearConv: the reference against hand-computed values and the OpenCL
// device classes against the reference on random shapes and element types.
#include "graph/reference/quant_linear.h"

#include <gtest/gtest.h>

#include <random>

#include "graph/attributes.h"
#include "runner/executor.h"
#include "runner/ops/op_test_fixtures.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

// A constant initializer of type `dt` (float32, int8, uint8 or int32).
void AddValues(ModelBuilder& b, const std::string& name, DType dt, const Shape& shape,
               const std::vector<double>& v) {
  HostTensor t(dt, shape);
  for (size_t i = 0; i < v.size(); ++i) {
    switch (dt) {
      case DType::kFloat32:
        t.values<float>()[i] = static_cast<float>(v[i]);
        break;
      case DType::kInt8:
        t.values<int8_t>()[i] = static_cast<int8_t>(v[i]);
        break;
      case DType::kUInt8:
        t.values<uint8_t>()[i] = static_cast<uint8_t>(v[i]);
        break;
      default:
        t.values<int32_t>()[i] = static_cast<int32_t>(v[i]);
        break;
    }
  }
  onnx::TensorProto* p = b.model().mutable_graph()->add_initializer();
  p->set_name(name);
  p->set_data_type(graph::DTypeToOnnx(dt));
  for (int64_t d : shape) p->add_dims(d);
  p->set_raw_data(std::string(static_cast<const char*>(t.raw()), t.bytes()));
}

int32_t OnnxType(DType t) { return graph::DTypeToOnnx(t); }

TEST(QuantLinearReferenceTest, DynamicQuantizeMatchesOnnxExample) {
  // ONNX's test_dynamicquantizelinear: x = [0, 2, -3, -2.5, 1.34, 0.5].
  HostTensor x(DType::kFloat32, {6});
  const float xs[] = {0.0f, 2.0f, -3.0f, -2.5f, 1.34f, 0.5f};
  std::copy(std::begin(xs), std::end(xs), x.values<float>().begin());
  HostTensor y(DType::kUInt8, {6}), s(DType::kFloat32, {}), z(DType::kUInt8, {});
  graph::reference::DynamicQuantizeLinear(x, &y, &s, &z);
  EXPECT_FLOAT_EQ(s.values<float>()[0], 0.019607844f);
  EXPECT_EQ(z.values<uint8_t>()[0], 153);
  // The ties of the rest are left to the conformance case (float32 scale).
  const int want[] = {153, 255, 0};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(y.values<uint8_t>()[i], want[i]) << i;
}

TEST(QuantLinearReferenceTest, RequantizeRoundsHalfToEvenAndSaturates) {
  using graph::reference::Requantize;
  EXPECT_EQ(Requantize(5, 0.5f, 0, DType::kInt8), 2);    // 2.5 -> 2
  EXPECT_EQ(Requantize(7, 0.5f, 0, DType::kInt8), 4);    // 3.5 -> 4
  EXPECT_EQ(Requantize(-5, 0.5f, 0, DType::kInt8), -2);  // -2.5 -> -2
  EXPECT_EQ(Requantize(1000, 1.0f, 0, DType::kInt8), 127);
  EXPECT_EQ(Requantize(-1000, 1.0f, 10, DType::kUInt8), 0);
  EXPECT_EQ(Requantize(100, 1.0f, 200, DType::kUInt8), 255);
}

class QuantLinearOpsTest : public CoverageOpsTest {
 protected:
  DType RandomByteType() { return rng_() % 2 ? DType::kInt8 : DType::kUInt8; }
  int RandomZp(DType t) { return static_cast<int>(rng_() % 20) - (t == DType::kInt8 ? 10 : 0); }
  std::vector<double> Zps(DType t, int64_t n) {
    std::vector<double> v;
    for (int64_t i = 0; i < n; ++i) v.push_back(RandomZp(t));
    return v;
  }
  std::vector<double> Scales(int64_t n, double base) {
    std::vector<double> v;
    for (int64_t i = 0; i < n; ++i) v.push_back(base * (1.0 + 0.37 * static_cast<double>(i)));
    return v;
  }
};

TEST_F(QuantLinearOpsTest, DynamicQuantizeLinearMatchesReference) {
  for (int r = 1; r <= 4; ++r) {
    ModelBuilder b;
    const Shape s = RandomShape(r);
    b.AddInput("x", s);
    b.AddNode("DynamicQuantizeLinear", {"x"}, {"y", "scale", "zp"});
    b.AddOutput("y");
    b.AddOutput("scale");
    b.AddOutput("zp");
    testing::ExpectDeviceMatchesReference(b.model(), "x " + graph::ShapeToString(s), 0.0);
  }
}

TEST_F(QuantLinearOpsTest, MatMulIntegerAndQLinearMatMulMatchReference) {
  for (int trial = 0; trial < 8; ++trial) {
    const bool qlinear = trial % 2 == 1;
    const int64_t m = RandomShape(1, 1, 7)[0], k = RandomShape(1, 1, 9)[0],
                  n = RandomShape(1, 1, 7)[0];
    Shape as = {m, k}, bs = {k, n};
    if (trial >= 4) as.insert(as.begin(), 2);  // batched A
    if (trial >= 6) bs.insert(bs.begin(), 2);  // batched B too
    const DType at = RandomByteType(), bt = RandomByteType(), yt = RandomByteType();
    const bool per_row = trial % 3 == 0;
    const int64_t am = per_row ? m : 1, bn = per_row ? n : 1;
    ModelBuilder b;
    b.AddInput("a", as, OnnxType(at));
    b.AddInput("b", bs, OnnxType(bt));
    AddValues(b, "a_zp", at, {am}, Zps(at, am));
    AddValues(b, "b_zp", bt, {bn}, Zps(bt, bn));
    if (qlinear) {
      AddValues(b, "a_scale", DType::kFloat32, {am}, Scales(am, 0.02));
      AddValues(b, "b_scale", DType::kFloat32, {bn}, Scales(bn, 0.03));
      AddValues(b, "y_scale", DType::kFloat32, {}, {0.05});
      AddValues(b, "y_zp", yt, {}, {static_cast<double>(RandomZp(yt))});
      b.AddNode("QLinearMatMul",
                {"a", "a_scale", "a_zp", "b", "b_scale", "b_zp", "y_scale", "y_zp"}, {"y"});
    } else {
      b.AddNode("MatMulInteger", {"a", "b", "a_zp", "b_zp"}, {"y"});
    }
    b.AddOutput("y");
    testing::ExpectDeviceMatchesReference(
        b.model(),
        std::string(qlinear ? "QLinearMatMul " : "MatMulInteger ") + graph::ShapeToString(as) +
            " x " + graph::ShapeToString(bs),
        0.0);
  }
}

TEST_F(QuantLinearOpsTest, ConvIntegerAndQLinearConvMatchReference) {
  for (int trial = 0; trial < 8; ++trial) {
    const bool qlinear = trial % 2 == 1;
    const int64_t group = trial % 4 >= 2 ? 2 : 1;
    const int64_t c = group * RandomShape(1, 1, 3)[0], m = group * RandomShape(1, 1, 3)[0];
    const int64_t kh = RandomShape(1, 1, 3)[0], kw = RandomShape(1, 1, 3)[0];
    const Shape xs = {RandomShape(1, 1, 2)[0], c, RandomShape(1, 4, 8)[0], RandomShape(1, 4, 8)[0]};
    const Shape ws = {m, c / group, kh, kw};
    const DType xt = RandomByteType(), wt = RandomByteType(), yt = RandomByteType();
    const bool per_channel = trial % 3 != 0;
    const int64_t wm = per_channel ? m : 1;
    ModelBuilder b;
    b.AddInput("x", xs, OnnxType(xt));
    b.AddInput("w", ws, OnnxType(wt));
    AddValues(b, "x_zp", xt, {}, {static_cast<double>(RandomZp(xt))});
    AddValues(b, "w_zp", wt, {wm}, Zps(wt, wm));
    onnx::NodeProto* node;
    if (qlinear) {
      AddValues(b, "x_scale", DType::kFloat32, {}, {0.02});
      AddValues(b, "w_scale", DType::kFloat32, {wm}, Scales(wm, 0.01));
      AddValues(b, "y_scale", DType::kFloat32, {}, {0.07});
      AddValues(b, "y_zp", yt, {}, {static_cast<double>(RandomZp(yt))});
      std::vector<double> bias;
      for (int64_t i = 0; i < m; ++i) bias.push_back(static_cast<double>(i * 37 % 200) - 100);
      AddValues(b, "bias", DType::kInt32, {m}, bias);
      node = b.AddNode("QLinearConv",
                       {"x", "x_scale", "x_zp", "w", "w_scale", "w_zp", "y_scale", "y_zp", "bias"},
                       {"y"});
    } else {
      node = b.AddNode("ConvInteger", {"x", "w", "x_zp", "w_zp"}, {"y"});
    }
    testing::SetInts(node, "pads", {trial % 2, 1, 0, trial % 3 == 0 ? 1 : 0});
    testing::SetInts(node, "strides", {1 + trial % 2, 1});
    testing::SetInts(node, "dilations", {1, 1 + (trial / 4)});
    testing::SetInt(node, "group", group);
    b.AddOutput("y");
    testing::ExpectDeviceMatchesReference(b.model(),
                                          std::string(qlinear ? "QLinearConv " : "ConvInteger ") +
                                              graph::ShapeToString(xs) + " w " +
                                              graph::ShapeToString(ws),
                                          0.0);
  }
}

}  // namespace
}  // namespace campaign::runner
