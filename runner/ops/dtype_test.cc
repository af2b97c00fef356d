// Element types beyond float32: exact Cast between every pair of types
// (cast_any against graph/reference/cast.cc), the float64 adapter, integer
// element-wise ops on every integer type, mixed-type Pow and IsInf/IsNaN.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "graph/attributes.h"
#include "graph/half.h"
#include "graph/reference/cast.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using graph::DTypeToOnnx;
using testing::ModelBuilder;

constexpr DType kAll[] = {DType::kFloat32,  DType::kInt64, DType::kInt32,   DType::kBool,
                          DType::kInt8,     DType::kUInt8, DType::kFloat16, DType::kFloat64,
                          DType::kBFloat16, DType::kInt16, DType::kUInt16,  DType::kUInt32,
                          DType::kUInt64};

bool IsFloat(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat16 || t == DType::kFloat64 ||
         t == DType::kBFloat16;
}

// Values that stress rounding: ties, double-rounding traps, subnormals,
// overflow; in the integer range when `to` is an integer type (float ->
// int beyond it is undefined in ONNX).
HostTensor Values(DType from, DType to) {
  std::vector<double> v = {0.0,
                           -0.0,
                           1.0,
                           -1.0,
                           2.5,
                           -2.5,
                           3.75,
                           100.9,
                           -100.9,
                           127.0,
                           1.0 + 0x1p-11 + 0x1p-40,
                           1.0 + 0x1p-8 + 0x1p-30,
                           1.0 + 0x1p-24 + 0x1p-50,
                           65519.0,
                           65520.0,
                           1e-7,
                           6e-8,
                           3e-8};
  if (IsFloat(to) || to == DType::kBool) {
    for (double d :
         std::initializer_list<double>{1e30, -1e30, 1e300, 1e-300, 0x1p-149, 0x1p-150 * 1.5,
                                       3.4028235677973366e38, INFINITY, -INFINITY, NAN}) {
      v.push_back(d);
    }
  }
  HostTensor f64(DType::kFloat64, {static_cast<int64_t>(v.size())});
  std::copy(v.begin(), v.end(), f64.values<double>().begin());
  HostTensor out(from, f64.shape());
  graph::reference::Cast(f64, &out);
  if (from == DType::kInt64 || from == DType::kUInt64) {  // beyond 2^53: rounding of big ints
    int64_t* p = static_cast<int64_t*>(out.raw());
    p[0] = (int64_t{1} << 60) + (int64_t{1} << 36) + 1;  // float: tie + sticky
    p[1] = (int64_t{1} << 62) - 1;
  }
  return out;
}

TEST_F(OpsTest, CastIsExactBetweenEveryPairOfTypes) {
  for (DType from : kAll) {
    for (DType to : kAll) {
      SCOPED_TRACE(std::string(graph::DTypeName(from)) + " -> " +
                   std::string(graph::DTypeName(to)));
      HostTensor x = Values(from, to);
      ModelBuilder b;
      b.AddInput("x", x.shape(), DTypeToOnnx(from));
      graph::testing::SetInt(b.AddNode("Cast", {"x"}, {"y"}), "to", DTypeToOnnx(to));
      b.AddOutput("y");
      auto ex = Executor::Create(b.model());
      ASSERT_TRUE(ex.ok()) << ex.status().ToString();
      ASSERT_TRUE((*ex)->PrepareDevice(*rt_).ok());
      std::vector<HostTensor> got;
      ASSERT_TRUE((*ex)->Run({x}, &got).ok());
      auto ref = (*ex)->RunReference({x});
      ASSERT_TRUE(ref.ok());
      ASSERT_EQ(got[0].dtype(), to);
      for (int64_t i = 0; i < x.size(); ++i) {
        const double g = graph::reference::ValueAsDouble(got[0], i);
        const double r = graph::reference::ValueAsDouble((*ref)[0], i);
        if (std::isnan(r)) {
          EXPECT_TRUE(std::isnan(g)) << i;
        } else if (IsFloat(to)) {  // bit-exact (including the sign of zero)
          EXPECT_EQ(
              std::memcmp(static_cast<const char*>(got[0].raw()) + i * graph::DTypeSize(to),
                          static_cast<const char*>((*ref)[0].raw()) + i * graph::DTypeSize(to),
                          graph::DTypeSize(to)),
              0)
              << i << ": " << g << " vs " << r;
        } else {
          EXPECT_EQ(g, r) << i;
        }
      }
    }
  }
}

TEST(DTypeReference, ConversionsRoundOnce) {
  // 1 + 2^-11 + 2^-40: through float the 2^-40 is lost and the tie rounds
  // down to 1; rounded once it is above the tie.
  EXPECT_EQ(graph::DoubleToHalf(1.0 + 0x1p-11 + 0x1p-40), 0x3c01);
  EXPECT_EQ(graph::FloatToBFloat16(1.0f + 0x1p-8f), 0x3f80);  // tie to even
  EXPECT_EQ(graph::FloatToBFloat16(1.0f + 0x1p-8f + 0x1p-20f), 0x3f81);
  EXPECT_EQ(graph::BFloat16ToFloat(0x3f81), 1.0f + 0x1p-7f);
}

TEST_F(CoverageOpsTest, Float64RunsThroughTheAdapterInFloat32) {
  ModelBuilder b;
  b.AddInput("x", RandomShape(3), onnx::TensorProto::DOUBLE);
  b.AddInput("z", {1}, onnx::TensorProto::DOUBLE);
  b.AddNode("Add", {"x", "z"}, {"s"});
  b.AddNode("Exp", {"s"}, {"e"});
  graph::testing::SetInts(b.AddNode("ReduceLogSumExp", {"e"}, {"y"}), "axes", {1});
  b.AddOutput("y");
  auto got = testing::ExpectDeviceMatchesReference(b.model(), "float64", 1e-5);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].dtype(), DType::kFloat64);
}

// A float64 input beyond the float32 range is refused on both backends
// (not computed as inf) by an op computed in float32 (Clip; Neg and the other
// elementwise arithmetic compute in double: elementwise_f64_test.cc), and the
// device's flag clears for the next run.
TEST_F(OpsTest, Float64BeyondFloat32IsRefused) {
  ModelBuilder b;
  b.AddInput("x", {3}, onnx::TensorProto::DOUBLE);
  b.AddNode("Clip", {"x"}, {"y"});  // no bounds: the identity
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_TRUE((*ex)->PrepareDevice(*rt_).ok());
  HostTensor big(DType::kFloat64, {3}), small(DType::kFloat64, {3});
  big.values<double>()[1] = 1e300;
  small.values<double>()[1] = 2.5;
  std::vector<HostTensor> got;
  Status st = (*ex)->Run({big}, &got);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedPrecision) << st.ToString();
  EXPECT_EQ((*ex)->RunReference({big}).status().reason(), Reason::kUnsupportedPrecision);
  ASSERT_TRUE((*ex)->Run({small}, &got).ok());
  EXPECT_EQ(got[0].values<double>()[1], 2.5);
}

// Element-moving ops carry float64 without rounding it to float32.
TEST_F(CoverageOpsTest, Float64MovesExactly) {
  for (DType t : {DType::kFloat64, DType::kInt16, DType::kUInt16, DType::kBFloat16}) {
    ModelBuilder b;
    b.AddInput("x", {2, 3, 4}, DTypeToOnnx(t));
    graph::testing::SetInts(b.AddNode("Transpose", {"x"}, {"t"}), "perm", {2, 0, 1});
    b.AddNode("Concat", {"t", "t"}, {"c"})->add_attribute()->CopyFrom([] {
      onnx::AttributeProto a;
      a.set_name("axis");
      a.set_type(onnx::AttributeProto::INT);
      a.set_i(1);
      return a;
    }());
    b.AddInput("cond", {1}, onnx::TensorProto::BOOL);
    b.AddNode("Where", {"cond", "c", "c"}, {"y"});
    b.AddOutput("y");
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    EXPECT_EQ((*ex)->half_adapted_nodes(), 0);
    auto got = testing::ExpectDeviceMatchesReference(b.model(), "moves", 0);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].dtype(), t);
  }
}

TEST_F(CoverageOpsTest, IntegerOpsOnEveryIntegerType) {
  for (DType t : {DType::kInt8, DType::kUInt8, DType::kInt16, DType::kUInt16, DType::kInt32,
                  DType::kUInt32, DType::kInt64, DType::kUInt64}) {
    const bool u = graph::IsUnsignedDType(t);
    for (const char* op : {"Add", "Sub", "Mul", "Div", "Max", "Min", "Mod", "Pow", "Less", "Equal",
                           "BitShift", "Abs", "Clip"}) {
      if (std::string(op) == "BitShift" && !u) continue;
      ModelBuilder b;
      b.AddInput("a", RandomShape(2), DTypeToOnnx(t));
      b.AddInput("b", {1}, DTypeToOnnx(t));
      const bool unary = std::string(op) == "Abs" || std::string(op) == "Clip";
      auto* n = b.AddNode(
          op, unary ? std::vector<std::string>{"a"} : std::vector<std::string>{"a", "b"}, {"y"});
      if (std::string(op) == "BitShift") {
        auto* a = n->add_attribute();
        a->set_name("direction");
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s("RIGHT");
      }
      b.AddOutput("y");
      testing::ExpectDeviceMatchesReference(
          b.model(), std::string(op) + " " + std::string(graph::DTypeName(t)), 0);
    }
  }
}

TEST_F(CoverageOpsTest, PowWithMixedTypesHasTheBaseType) {
  struct Case {
    int32_t base, exp;
    DType want;
  };
  for (const Case& c :
       {Case{onnx::TensorProto::FLOAT, onnx::TensorProto::INT64, DType::kFloat32},
        Case{onnx::TensorProto::INT32, onnx::TensorProto::FLOAT, DType::kInt32},
        Case{onnx::TensorProto::INT64, onnx::TensorProto::UINT32, DType::kInt64},
        Case{onnx::TensorProto::DOUBLE, onnx::TensorProto::INT32, DType::kFloat64}}) {
    ModelBuilder b;
    b.AddInput("a", RandomShape(2), c.base);
    b.AddInput("b", {1}, c.exp);
    b.AddNode("Pow", {"a", "b"}, {"y"});
    b.AddOutput("y");
    auto got = testing::ExpectDeviceMatchesReference(b.model(), "Pow", 1e-5);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].dtype(), c.want);
  }
}

TEST_F(OpsTest, IsInfAndIsNaNReadTheBits) {
  for (DType t : {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16}) {
    std::vector<double> v = {1.0, HUGE_VAL, -HUGE_VAL, std::nan(""), 1e300, -1e300, 0.0};
    HostTensor f64(DType::kFloat64, {7});
    std::copy(v.begin(), v.end(), f64.values<double>().begin());
    HostTensor x(t, {7});
    graph::reference::Cast(f64, &x);
    for (const char* op : {"IsInf", "IsNaN"}) {
      ModelBuilder b;
      b.AddInput("x", {7}, DTypeToOnnx(t));
      auto* n = b.AddNode(op, {"x"}, {"y"});
      if (std::string(op) == "IsInf") graph::testing::SetInt(n, "detect_negative", 0);
      b.AddOutput("y");
      auto ex = Executor::Create(b.model());
      ASSERT_TRUE(ex.ok()) << ex.status().ToString();
      ASSERT_TRUE((*ex)->PrepareDevice(*rt_).ok());
      std::vector<HostTensor> got;
      ASSERT_TRUE((*ex)->Run({x}, &got).ok());
      auto ref = (*ex)->RunReference({x});
      ASSERT_TRUE(ref.ok());
      // 1e300 overflows to inf in every type but float64.
      std::vector<uint8_t> want =
          std::string(op) == "IsNaN"
              ? std::vector<uint8_t>{0, 0, 0, 1, 0, 0, 0}
              : std::vector<uint8_t>{0, 1, 0, 0, uint8_t(t == DType::kFloat64 ? 0 : 1), 0, 0};
      for (int i = 0; i < 7; ++i) {
        EXPECT_EQ(got[0].values<uint8_t>()[i], want[i]) << op << " " << graph::DTypeName(t) << i;
        EXPECT_EQ((*ref)[0].values<uint8_t>()[i], want[i]) << op << " " << graph::DTypeName(t) << i;
      }
    }
  }
}

}  // namespace
}  // namespace campaign::runner
