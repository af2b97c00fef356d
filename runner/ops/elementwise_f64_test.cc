// Float64 in double: the elementwise arithmetic, comparisons and
// Max/Min/Sum/Mean on values beyond the float32 range (about 1e150..1e200,
// where the float32 path refuses with kUnsupportedPrecision), device against
// reference on random broadcasting shapes; and the float32 fallback of a
// device without fp64 (cl::SetFp64DisabledForTesting).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "runner/cl/fp64.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

class Float64OpsTest : public CoverageOpsTest {
 protected:
  void SetUp() override {
    CoverageOpsTest::SetUp();
    if (IsSkipped()) return;
    rt_ = testing::SharedRuntime();
    if (!cl::Fp64Enabled(*rt_)) GTEST_SKIP() << "the device has no cl_khr_fp64";
  }

  // Random doubles in [-scale, scale), never 0 (Div).
  HostTensor Random(const Shape& s, double scale) {
    HostTensor t(DType::kFloat64, s);
    std::uniform_real_distribution<double> d(-1.0, 1.0);
    for (double& v : t.values<double>()) {
      v = d(rng_) * scale;
      if (v == 0) v = scale / 3;
    }
    return t;
  }

  // A shape that broadcasts to `y`: some dims 1, some leading dims dropped.
  Shape Broadcastable(const Shape& y) {
    Shape s;
    std::uniform_int_distribution<int> coin(0, 2);
    const size_t drop = static_cast<size_t>(coin(rng_)) % (y.size() + 1);
    for (size_t i = drop; i < y.size(); ++i) s.push_back(coin(rng_) == 0 ? 1 : y[i]);
    if (s.empty()) s.push_back(1);  // a graph input of rank 0 reads as unknown
    return s;
  }

  // Runs `b` on the device and the reference with `inputs`; expects the same
  // doubles (bit-equal or within 1e-15 relative: the ops round once).
  void ExpectSame(ModelBuilder& b, const std::vector<HostTensor>& inputs, const std::string& what) {
    SCOPED_TRACE(what);
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    Status st = (*ex)->PrepareDevice(*rt_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    std::vector<HostTensor> got;
    st = (*ex)->Run(inputs, &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto ref = (*ex)->RunReference(inputs);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ASSERT_EQ(got.size(), 1u);
    ASSERT_EQ(got[0].dtype(), (*ref)[0].dtype());
    ASSERT_EQ(got[0].shape(), (*ref)[0].shape());
    if (got[0].dtype() == DType::kBool) {
      for (int64_t i = 0; i < got[0].size(); ++i) {
        ASSERT_EQ(got[0].values<uint8_t>()[i], (*ref)[0].values<uint8_t>()[i]) << i;
      }
      return;
    }
    ASSERT_EQ(got[0].dtype(), DType::kFloat64);
    double biggest = 0;
    for (int64_t i = 0; i < got[0].size(); ++i) {
      const double g = got[0].values<double>()[i], r = (*ref)[0].values<double>()[i];
      if (std::isfinite(r)) biggest = std::max(biggest, std::fabs(r));
      ASSERT_TRUE(g == r || std::fabs(g - r) <= 1e-15 * std::fabs(r))
          << i << ": " << g << " vs " << r;
    }
    // The values are beyond float32: the float32 path could not compute them.
    EXPECT_GT(biggest, static_cast<double>(std::numeric_limits<float>::max())) << what;
  }

  cl::Runtime* rt_ = nullptr;
};

TEST_F(Float64OpsTest, BinaryBeyondFloat32Range) {
  for (const char* op : {"Add", "Sub", "Mul", "Div", "Max", "Min"}) {
    for (int round = 0; round < 3; ++round) {
      const Shape y = RandomShape(1 + round % 4);
      const Shape a = Broadcastable(y), c = y;
      ModelBuilder b;
      b.AddInput("a", a, onnx::TensorProto::DOUBLE);
      b.AddInput("b", c, onnx::TensorProto::DOUBLE);
      b.AddNode(op, {"a", "b"}, {"y"});
      b.AddOutput("y");
      // Mul and Div by ~1e-50: 1e150 and 1e250, finite and beyond float.
      const bool small = std::string(op) == "Mul" || std::string(op) == "Div";
      ExpectSame(b, {Random(a, 1e200), Random(c, small ? 1e-50 : 1e200)},
                 std::string(op) + " " + graph::ShapeToString(a) + " x " + graph::ShapeToString(c));
    }
  }
}

TEST_F(Float64OpsTest, UnaryBeyondFloat32Range) {
  for (const char* op : {"Neg", "Abs", "Relu", "Sign", "Floor", "Ceil", "Round", "Sqrt"}) {
    const Shape x = RandomShape(3);
    ModelBuilder b;
    b.AddInput("x", x, onnx::TensorProto::DOUBLE);
    b.AddNode(op, {"x"}, {"y"});
    b.AddOutput("y");
    HostTensor in = Random(x, 1e200);
    if (std::string(op) == "Sqrt") {
      for (double& v : in.values<double>()) v = std::fabs(v) * 1e100;  // sqrt beyond float
    }
    if (std::string(op) == "Sign") {  // Sign is +-1: check the exactness only
      ModelBuilder s;
      s.AddInput("x", x, onnx::TensorProto::DOUBLE);
      s.AddNode("Sign", {"x"}, {"t"});
      s.AddNode("Mul", {"t", "x"}, {"y"});  // |x|
      s.AddOutput("y");
      ExpectSame(s, {in}, "Sign * x");
      continue;
    }
    ExpectSame(b, {in}, std::string(op) + " " + graph::ShapeToString(x));
  }
}

TEST_F(Float64OpsTest, VariadicAndComparisons) {
  for (const char* op : {"Sum", "Mean", "Max", "Min"}) {
    const Shape y = RandomShape(3);
    const Shape a = Broadcastable(y);
    ModelBuilder b;
    b.AddInput("a", a, onnx::TensorProto::DOUBLE);
    b.AddInput("b", y, onnx::TensorProto::DOUBLE);
    b.AddInput("c", y, onnx::TensorProto::DOUBLE);
    b.AddNode(op, {"a", "b", "c"}, {"y"});
    b.AddOutput("y");
    ExpectSame(b, {Random(a, 1e200), Random(y, 1e200), Random(y, 1e200)},
               std::string(op) + " of 3, " + graph::ShapeToString(a));
  }
  for (const char* op : {"Less", "Equal", "GreaterOrEqual"}) {
    const Shape y = RandomShape(2);
    ModelBuilder b;
    b.AddInput("a", y, onnx::TensorProto::DOUBLE);
    b.AddInput("b", y, onnx::TensorProto::DOUBLE);
    b.AddNode(op, {"a", "b"}, {"y"});
    b.AddOutput("y");
    HostTensor a = Random(y, 1e200), c = a;
    // Neighbours that float32 would merge: 1e200 and 1e200 * (1 + 2^-40).
    for (size_t i = 0; i < c.values<double>().size(); i += 2) c.values<double>()[i] *= 1 + 0x1p-40;
    ExpectSame(b, {a, c}, op);
  }
}

// Without fp64 (forced off here) float64 runs in float32: values in range
// agree with the reference to float32 accuracy, values beyond it are refused.
TEST_F(Float64OpsTest, Float32FallbackWithoutFp64) {
  cl::SetFp64DisabledForTesting(true);
  ModelBuilder b;
  b.AddInput("a", {3, 4}, onnx::TensorProto::DOUBLE);
  b.AddInput("b", {4}, onnx::TensorProto::DOUBLE);
  b.AddNode("Add", {"a", "b"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  Status st = (*ex)->PrepareDevice(*rt_);
  cl::SetFp64DisabledForTesting(false);  // for the tests after this one
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::vector<HostTensor> in = {Random({3, 4}, 100), Random({4}, 100)};
  std::vector<HostTensor> got;
  st = (*ex)->Run(in, &got);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto ref = (*ex)->RunReference(in);
  ASSERT_TRUE(ref.ok());
  for (int64_t i = 0; i < got[0].size(); ++i) {
    const double g = got[0].values<double>()[i], r = (*ref)[0].values<double>()[i];
    EXPECT_NEAR(g, r, 1e-5 * std::max(1.0, std::fabs(r))) << i;
  }
  in[0].values<double>()[5] = 1e200;
  st = (*ex)->Run(in, &got);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedPrecision) << st.ToString();
}

}  // namespace
}  // namespace campaign::runner
