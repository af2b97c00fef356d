// QuantizeLinear / DequantizeLinear: the reference against hand-computed
// values (round half to even, saturation, per-axis), OpenCL against the
// reference, and the folding of a constant weight's DequantizeLinear.
#include "graph/reference/quantize.h"

#include <gtest/gtest.h>

#include <cstring>

#include "graph/attributes.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

// A constant initializer of any dtype.
void AddTensor(ModelBuilder& b, const HostTensor& t, const std::string& name) {
  onnx::TensorProto* p = b.model().mutable_graph()->add_initializer();
  p->set_name(name);
  p->set_data_type(graph::DTypeToOnnx(t.dtype()));
  for (int64_t d : t.shape()) p->add_dims(d);
  p->set_raw_data(std::string(static_cast<const char*>(t.raw()), t.bytes()));
}

HostTensor Floats(Shape shape, std::vector<float> v) {
  HostTensor t(DType::kFloat32, std::move(shape));
  std::copy(v.begin(), v.end(), t.values<float>().begin());
  return t;
}

template <typename T>
HostTensor Ints(DType dt, Shape shape, std::vector<int> v) {
  HostTensor t(dt, std::move(shape));
  for (size_t i = 0; i < v.size(); ++i) t.values<T>()[i] = static_cast<T>(v[i]);
  return t;
}

// x -> QuantizeLinear(scale, zp) -> q -> DequantizeLinear(scale, zp) -> y;
// outputs q and y.
ModelBuilder QdqModel(const Shape& x, const HostTensor& scale, const HostTensor& zp, int64_t axis) {
  ModelBuilder b;
  b.AddInput("x", x);
  AddTensor(b, scale, "scale");
  AddTensor(b, zp, "zp");
  testing::SetInt(b.AddNode("QuantizeLinear", {"x", "scale", "zp"}, {"q"}), "axis", axis);
  testing::SetInt(b.AddNode("DequantizeLinear", {"q", "scale", "zp"}, {"y"}), "axis", axis);
  b.AddOutput("q");
  b.AddOutput("y");
  return b;
}

// Runs `model` on the reference and (when there is a device) on OpenCL for
// `x`; expects q (type T) and y to equal `want_q` and want_q dequantized.
template <typename T>
void ExpectExact(const onnx::ModelProto& model, const HostTensor& x, const std::vector<int>& want_q,
                 const std::vector<float>& want_y) {
  auto ex = Executor::Create(model);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  auto check = [&](const std::vector<HostTensor>& out, const char* where) {
    SCOPED_TRACE(where);
    ASSERT_EQ(out.size(), 2u);
    for (size_t i = 0; i < want_q.size(); ++i) {
      EXPECT_EQ(static_cast<int>(out[0].values<T>()[i]), want_q[i]) << "element " << i;
      EXPECT_FLOAT_EQ(out[1].values<float>()[i], want_y[i]) << "element " << i;
    }
  };
  auto ref = (*ex)->RunReference({x});
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  check(*ref, "reference");
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device: only the reference half was checked";
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  std::vector<HostTensor> got;
  Status st = (*ex)->Run({x}, &got);
  ASSERT_TRUE(st.ok()) << st.ToString();
  check(got, "opencl");
}

TEST(QuantizeOpsTest, RoundsHalfToEvenAndSaturatesInt8) {
  // x / 2: 0.25 0.75 1.25 ... ties at .5 go to the even neighbour.
  HostTensor x = Floats({1, 8}, {1.0f, 3.0f, 5.0f, -1.0f, -3.0f, -5.0f, 1000.0f, -1000.0f});
  ModelBuilder b = QdqModel({1, 8}, Floats({}, {2.0f}), Ints<int8_t>(DType::kInt8, {}, {0}), 1);
  ExpectExact<int8_t>(b.model(), x, {0, 2, 2, 0, -2, -2, 127, -128},
                      {0, 4, 4, 0, -4, -4, 254, -256});
}

TEST(QuantizeOpsTest, Uint8WithZeroPoint) {
  HostTensor x = Floats({1, 6}, {0.0f, 2.0f, 3.0f, 1000.0f, -254.0f, -1000.0f});
  ModelBuilder b = QdqModel({1, 6}, Floats({}, {2.0f}), Ints<uint8_t>(DType::kUInt8, {}, {128}), 1);
  // ONNX's test_quantizelinear values.
  ExpectExact<uint8_t>(b.model(), x, {128, 129, 130, 255, 1, 0}, {0, 2, 4, 254, -254, -256});
}

TEST(QuantizeOpsTest, PerAxisScalesAndZeroPoints) {
  // [1, 3, 2]: channel c uses scale[c] and zp[c].
  HostTensor x = Floats({1, 3, 2}, {1.0f, -1.0f, 10.0f, 15.0f, 7.0f, 9.0f});
  ModelBuilder b = QdqModel({1, 3, 2}, Floats({3}, {1.0f, 10.0f, 2.0f}),
                            Ints<int8_t>(DType::kInt8, {3}, {0, 1, -3}), 1);
  ExpectExact<int8_t>(b.model(), x, {1, -1, 2, 3, 1, 1}, {1, -1, 10, 20, 8, 8});
}

TEST(QuantizeOpsTest, DeviceMatchesReferenceOnRandomShapes) {
  for (int64_t axis : {0, 1, -1}) {
    const Shape shape = {3, 4, 5};
    const int64_t c = shape[axis < 0 ? 2 : axis];
    std::vector<float> scales;
    std::vector<int> zps;
    for (int64_t i = 0; i < c; ++i) {
      scales.push_back(0.01f * static_cast<float>(i + 1));
      zps.push_back(static_cast<int>(i % 3) - 1);
    }
    ModelBuilder b =
        QdqModel(shape, Floats({c}, scales), Ints<int8_t>(DType::kInt8, {c}, zps), axis);
    testing::ExpectDeviceMatchesReference(b.model(), "axis " + std::to_string(axis), 0.0);
  }
}

TEST(QuantizeOpsTest, ShapeAndTypeErrorsAreClear) {
  ModelBuilder b =
      QdqModel({2, 3}, Floats({4}, {1, 1, 1, 1}), Ints<int8_t>(DType::kInt8, {4}, {0, 0, 0, 0}), 1);
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(ex.status().message().find("scale has 4 elements but the input's axis 1 has 3"),
            std::string::npos)
      << ex.status().message();
}

TEST(QuantizeOpsTest, ConstantWeightDequantizeIsFoldedAtLoad) {
  // int8 weight -> DequantizeLinear(axis 0) -> Conv: only the Conv runs.
  ModelBuilder b;
  b.AddInput("x", {1, 2, 4, 4});
  AddTensor(b, Ints<int8_t>(DType::kInt8, {3, 2, 1, 1}, {1, -2, 3, 127, -128, 0}), "w_q");
  AddTensor(b, Floats({3}, {0.5f, 0.25f, 2.0f}), "w_scale");
  AddTensor(b, Ints<int8_t>(DType::kInt8, {3}, {0, 0, 0}), "w_zp");
  testing::SetInt(b.AddNode("DequantizeLinear", {"w_q", "w_scale", "w_zp"}, {"w"}), "axis", 0);
  b.AddNode("Conv", {"x", "w"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ((*ex)->num_nodes(), 1u);
  HostTensor x(DType::kFloat32, {1, 2, 4, 4});
  for (float& v : x.values<float>()) v = 1.0f;
  auto y = (*ex)->RunReference({x});
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  // Channel k: (w[k,0] + w[k,1]) * scale[k].
  EXPECT_FLOAT_EQ(y->at(0).values<float>()[0], (1 - 2) * 0.5f);
  EXPECT_FLOAT_EQ(y->at(0).values<float>()[16], (3 + 127) * 0.25f);
  EXPECT_FLOAT_EQ(y->at(0).values<float>()[32], (-128 + 0) * 2.0f);
  testing::ExpectDeviceMatchesReference(b.model(), "folded DequantizeLinear -> Conv");
}

}  // namespace
}  // namespace campaign::runner
