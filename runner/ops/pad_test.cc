// Pad: the device class against the reference class on random shapes, every
// mode and opset form, negative pads (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInts;

void SetMode(onnx::NodeProto* n, const std::string& mode) {
  auto* a = n->add_attribute();
  a->set_name("mode");
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(mode);
}

// The ONNX forms of Pad's parameters.
enum class Form { kOpset2Attributes, kOpset11Inputs, kOpset18Axes };

class PadOpsTest : public CoverageOpsTest {
 protected:
  // Random pads for `rank` axes in [-1, 3], cropping at most half an axis
  // so that every mode has something left to pad from.
  std::vector<int64_t> RandomPads(const Shape& x, const std::vector<int64_t>& axes) {
    std::uniform_int_distribution<int64_t> d(-1, 3);
    std::vector<int64_t> begin, end;
    for (int64_t a : axes) {
      int64_t b = d(rng_), e = d(rng_);
      if (x[a] < 3) b = std::max<int64_t>(b, 0), e = std::max<int64_t>(e, 0);
      begin.push_back(b);
      end.push_back(e);
    }
    begin.insert(begin.end(), end.begin(), end.end());
    return begin;
  }
};

// Pad only moves values: the device must match the reference bit for bit.
void ExpectExactMatch(ModelBuilder& b, const std::string& what) {
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << what << ": " << ex.status().ToString();
  if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device: " << what << " not run";
  Status st = (*ex)->PrepareDevice(*testing::SharedRuntime());
  ASSERT_TRUE(st.ok()) << what << ": " << st.ToString();
  auto inputs = (*ex)->MakeRandomInputs(42);
  std::vector<HostTensor> got;
  st = (*ex)->Run(inputs, &got);
  ASSERT_TRUE(st.ok()) << what << ": " << st.ToString();
  auto want = (*ex)->RunReference(inputs);
  ASSERT_TRUE(want.ok()) << what << ": " << want.status().ToString();
  ASSERT_EQ(got[0].shape(), (*want)[0].shape()) << what;
  ASSERT_EQ(got[0].dtype(), (*want)[0].dtype()) << what;
  ASSERT_EQ(got[0].bytes(), (*want)[0].bytes()) << what;
  EXPECT_EQ(std::memcmp(got[0].raw(), (*want)[0].raw(), got[0].bytes()), 0) << what;
}

TEST_F(PadOpsTest, EveryModeAndFormMatchesReference) {
  const char* modes[] = {"constant", "reflect", "edge", "wrap"};
  int id = 0;
  for (int rank : {3, 4, 5}) {
    for (const char* mode : modes) {
      for (Form form : {Form::kOpset2Attributes, Form::kOpset11Inputs, Form::kOpset18Axes}) {
        Shape x = RandomShape(rank, 1, 7);
        std::vector<int64_t> axes;
        if (form == Form::kOpset18Axes) {
          axes = {rank - 1, -2};  // last two axes, one written negative
        } else {
          for (int64_t a = 0; a < rank; ++a) axes.push_back(a);
        }
        std::vector<int64_t> norm;
        for (int64_t a : axes) norm.push_back(a < 0 ? a + rank : a);
        std::vector<int64_t> pads = RandomPads(x, norm);
        ModelBuilder b;
        b.AddInput("x", x);
        onnx::NodeProto* n = nullptr;
        if (form == Form::kOpset2Attributes) {
          n = b.AddNode("Pad", {"x"}, {"y"});
          SetInts(n, "pads", pads);
          SetFloat(n, "value", 1.5f);
        } else {
          b.AddInt64Initializer("pads", pads);
          b.AddInitializer("cv", {}, {-2.25f});
          std::vector<std::string> ins = {"x", "pads", "cv"};
          if (form == Form::kOpset18Axes) {
            b.AddInt64Initializer("axes", axes);
            ins.push_back("axes");
          }
          n = b.AddNode("Pad", ins, {"y"});
        }
        SetMode(n, mode);
        b.AddOutput("y");
        ExpectExactMatch(b, std::string(mode) + " form " + std::to_string(static_cast<int>(form)) +
                                " x " + graph::ShapeToString(x) + " case " + std::to_string(id++));
      }
    }
  }
}

// int64 (two words per element) and int32, as ONNX's own edge/reflect
// cases use; the fill from a constant input and from the opset-2 attribute.
TEST_F(PadOpsTest, IntegerData) {
  for (int32_t elem : {onnx::TensorProto::INT64, onnx::TensorProto::INT32}) {
    for (const char* mode : {"constant", "reflect", "edge", "wrap"}) {
      Shape x = RandomShape(4, 2, 6);
      std::vector<int64_t> pads = RandomPads(x, {0, 1, 2, 3});
      ModelBuilder b;
      b.AddInput("x", x, elem);
      onnx::NodeProto* n = nullptr;
      if (elem == onnx::TensorProto::INT64) {
        b.AddInt64Initializer("pads", pads);
        b.AddInt64Initializer("cv", {-5});
        n = b.AddNode("Pad", {"x", "pads", "cv"}, {"y"});
      } else {
        n = b.AddNode("Pad", {"x"}, {"y"});
        SetInts(n, "pads", pads);
        SetFloat(n, "value", 3.0f);
      }
      SetMode(n, mode);
      b.AddOutput("y");
      ExpectExactMatch(
          b, std::string(mode) + " elem " + std::to_string(elem) + " x " + graph::ShapeToString(x));
    }
  }
}

// float16 data goes through the half adapter (graph/ops/half_adapter.h).
TEST_F(PadOpsTest, HalfDataThroughTheAdapter) {
  for (const char* mode : {"constant", "reflect"}) {
    ModelBuilder b;
    b.AddInput("x", {1, 3, 5, 4}, onnx::TensorProto::FLOAT16);
    auto* n = b.AddNode("Pad", {"x"}, {"y"});
    SetInts(n, "pads", {0, 0, 2, -1, 0, 0, 1, 3});
    SetFloat(n, "value", 0.5f);
    SetMode(n, mode);
    b.AddOutput("y");
    ExpectExactMatch(b, std::string("float16 ") + mode);
  }
}

}  // namespace
}  // namespace campaign::runner
