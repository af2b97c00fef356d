// The signal family: DFT, STFT and Det device classes against the reference
// classes on random shapes and attribute combinations, element by element
// at the conformance tolerance (1e-5 + 1e-3 |want|); the window ops and
// MelWeightMatrix folded at load (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetInt;

class SignalOpsTest : public CoverageOpsTest {
 protected:
  // Runs `b` on the device and on the reference with the same random inputs
  // and expects every output element within 1e-5 + 1e-3 |want|.
  void ExpectClose(ModelBuilder& b, const std::string& what) {
    SCOPED_TRACE(what);
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    Status st = (*ex)->PrepareDevice(*testing::SharedRuntime());
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto inputs = (*ex)->MakeRandomInputs(static_cast<uint32_t>(rng_()));
    std::vector<HostTensor> got;
    st = (*ex)->Run(inputs, &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto want = (*ex)->RunReference(inputs);
    ASSERT_TRUE(want.ok()) << want.status().ToString();
    ASSERT_EQ(got.size(), want->size());
    ASSERT_EQ(got[0].shape(), (*want)[0].shape());
    ASSERT_GT(got[0].size(), 0);
    auto g = got[0].values<float>();
    auto w = (*want)[0].values<float>();
    int bad = 0;
    for (size_t i = 0; i < g.size() && bad < 5; ++i) {
      if (!(std::fabs(g[i] - w[i]) <= 1e-5 + 1e-3 * std::fabs(w[i]))) {
        ++bad;
        ADD_FAILURE() << "element " << i << ": device " << g[i] << ", reference " << w[i];
      }
    }
  }

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
};

TEST_F(SignalOpsTest, DftEveryAxisAndForm) {
  for (int c = 0; c < 40; ++c) {
    const int rank = Uniform(3, 5);
    Shape x = RandomShape(rank - 1, 1, 5);
    const int64_t axis = Uniform(0, rank - 2);
    x[axis] = Uniform(1, 24);
    const int comps = Uniform(1, 2);
    x.push_back(comps);
    const bool inverse = c % 3 == 1;
    const bool onesided = !inverse && comps == 1 && c % 2 == 0;
    const int length_form = c % 4;  // 0: none, 1: equal, 2: shorter, 3: longer
    int64_t n = x[axis];
    if (length_form == 2) n = std::max<int64_t>(1, n - Uniform(1, 4));
    if (length_form == 3) n += Uniform(1, 7);
    ModelBuilder b;
    b.AddInput("x", x);
    std::vector<std::string> ins = {"x"};
    if (length_form > 0) {
      b.AddInt64Initializer("n", {n});
      ins.push_back("n");
    }
    auto* node = b.AddNode("DFT", ins, {"y"});
    // Axis 1 is the default; write it out otherwise, sometimes negative.
    if (axis != 1) SetInt(node, "axis", c % 5 == 0 ? axis - rank : axis);
    if (inverse) SetInt(node, "inverse", 1);
    if (onesided) SetInt(node, "onesided", 1);
    b.AddOutput("y");
    ExpectClose(b, "DFT x " + graph::ShapeToString(x) + " axis " + std::to_string(axis) + " n " +
                       std::to_string(n) + " inverse " + std::to_string(inverse) + " onesided " +
                       std::to_string(onesided));
  }
}

// Long transforms: float accumulation must stay within the tolerance.
TEST_F(SignalOpsTest, DftLongSignal) {
  for (int64_t n : {256, 500, 1024}) {
    ModelBuilder b;
    b.AddInput("x", {2, n, 2});
    b.AddNode("DFT", {"x"}, {"y"});
    b.AddOutput("y");
    ExpectClose(b, "DFT length " + std::to_string(n));
  }
}

TEST_F(SignalOpsTest, StftWithAndWithoutWindow) {
  for (int c = 0; c < 16; ++c) {
    const int64_t batch = Uniform(1, 3), len = Uniform(16, 90);
    const int comps = c % 4 == 3 ? 2 : 1;
    const bool onesided = comps == 1 && c % 2 == 0;
    const int64_t frame_length = Uniform(1, 20), step = Uniform(1, 9);
    const int form = c % 3;  // 0: window, 1: frame_length, 2: both
    ModelBuilder b;
    b.AddInput("signal", {batch, len, comps});
    b.AddInt64Initializer("step", {step});
    std::vector<std::string> ins = {"signal", "step", "", ""};
    if (form != 1) {
      b.AddInput("window", {frame_length});
      ins[2] = "window";
    }
    if (form != 0) {
      b.AddInt64Initializer("frame_length", {frame_length});
      ins[3] = "frame_length";
    }
    if (form == 0) ins.pop_back();
    auto* node = b.AddNode("STFT", ins, {"y"});
    SetInt(node, "onesided", onesided ? 1 : 0);
    b.AddOutput("y");
    ExpectClose(b, "STFT " + std::to_string(batch) + "x" + std::to_string(len) + "x" +
                       std::to_string(comps) + " frame " + std::to_string(frame_length) + " step " +
                       std::to_string(step) + " form " + std::to_string(form));
  }
}

TEST_F(SignalOpsTest, Det) {
  for (int c = 0; c < 12; ++c) {
    Shape x = RandomShape(Uniform(0, 2), 1, 4);
    const int64_t m = Uniform(1, 6);
    x.push_back(m);
    x.push_back(m);
    ModelBuilder b;
    b.AddInput("x", x);
    b.AddNode("Det", {"x"}, {"y"});
    b.AddOutput("y");
    ExpectClose(b, "Det x " + graph::ShapeToString(x));
  }
}

// Window ops and MelWeightMatrix are folded: the executor serves the
// constant the reference computed. Known values pin the formulas.
TEST_F(SignalOpsTest, WindowsFoldToKnownValues) {
  struct Case {
    const char* op;
    int64_t size;
    int periodic;
    std::vector<float> want;
  };
  const Case cases[] = {
      {"HannWindow", 4, 1, {0.0f, 0.5f, 1.0f, 0.5f}},
      {"HannWindow", 5, 0, {0.0f, 0.5f, 1.0f, 0.5f, 0.0f}},
      {"HammingWindow", 4, 1, {0.0869565f, 0.5434783f, 1.0f, 0.5434783f}},
      {"BlackmanWindow", 3, 0, {-1.3877788e-17f, 1.0f, -1.3877788e-17f}},
  };
  for (const Case& k : cases) {
    ModelBuilder b;
    b.AddInt64Initializer("size", {k.size});
    auto* node = b.AddNode(k.op, {"size"}, {"w"});
    SetInt(node, "periodic", k.periodic);
    b.AddOutput("w");
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    ASSERT_TRUE((*ex)->PrepareDevice(*testing::SharedRuntime()).ok());
    std::vector<HostTensor> got;
    ASSERT_TRUE((*ex)->Run({}, &got).ok());
    ASSERT_EQ(got[0].shape(), Shape{k.size}) << k.op;
    for (int64_t i = 0; i < k.size; ++i) {
      EXPECT_NEAR(got[0].values<float>()[i], k.want[i], 1e-6) << k.op << " " << i;
    }
  }
}

// ONNX's test_melweightmatrix parameters: 8 mel bins of a 16-point DFT at
// 8192 Hz from 0 to 4096 Hz.
TEST_F(SignalOpsTest, MelWeightMatrixFolds) {
  ModelBuilder b;
  b.AddInt64Initializer("bins", {8});
  b.AddInt64Initializer("n", {16});
  b.AddInt64Initializer("rate", {8192});
  b.AddInitializer("lo", {}, {0.0f});
  b.AddInitializer("hi", {}, {4096.0f});
  b.AddNode("MelWeightMatrix", {"bins", "n", "rate", "lo", "hi"}, {"m"});
  b.AddOutput("m");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_TRUE((*ex)->PrepareDevice(*testing::SharedRuntime()).ok());
  std::vector<HostTensor> got;
  ASSERT_TRUE((*ex)->Run({}, &got).ok());
  ASSERT_EQ(got[0].shape(), (Shape{9, 8}));
  // Every mel triangle peaks at 1 somewhere.
  for (int i = 0; i < 8; ++i) {
    float peak = 0;
    for (int j = 0; j < 9; ++j) peak = std::max(peak, got[0].values<float>()[j * 8 + i]);
    EXPECT_FLOAT_EQ(peak, 1.0f) << "mel bin " << i;
  }
}

// A window computed at run time is a device input the STFT reads; a
// non-constant size is refused as unsupported, naming the input.
TEST_F(SignalOpsTest, RunTimeWindowSizeIsUnsupported) {
  ModelBuilder b;
  b.AddInput("size", {1}, onnx::TensorProto::INT64);
  b.AddNode("HannWindow", {"size"}, {"w"});
  b.AddOutput("w");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
  EXPECT_NE(ex.status().message().find("size"), std::string::npos);
}

}  // namespace
}  // namespace campaign::runner
