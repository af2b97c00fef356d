// Opsets 18-21 / IR 10 (PyTorch 2.x's default exporter): every op version
// the lowering rewrites converts, and its engine computes what the same
// model written in opset-13 form (or the ONNX formula) computes.
#include "converter/opset_lower.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/opset_upgrade.h"
#include "converter/test_models.h"
#include "graph/plan.h"

namespace campaign::converter {
namespace {

namespace tm = testing;
using graph::HostTensor;

onnx::ModelProto Model(int64_t opset, int64_t ir = 10) {
  onnx::ModelProto m = tm::NewModel();
  m.set_ir_version(ir);
  m.mutable_opset_import(0)->set_version(opset);
  return m;
}

void AddInts(onnx::GraphProto& g, const std::string& name, const std::vector<int64_t>& v) {
  auto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  t->add_dims(static_cast<int64_t>(v.size()));
  for (int64_t x : v) t->add_int64_data(x);
}

void AddFloats(onnx::GraphProto& g, const std::string& name, const std::vector<float>& v) {
  auto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  t->add_dims(static_cast<int64_t>(v.size()));
  for (float x : v) t->add_float_data(x);
}

void Attr(onnx::NodeProto& n, const std::string& name, int64_t v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

void Attr(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}

void Attr(onnx::NodeProto& n, const std::string& name, const std::string& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

class OpsetLowerTest : public ::testing::Test {
 protected:
  // Converts `model` at batch 2; the engine's outputs on `inputs` (random
  // ones from a fixed seed when empty).
  std::vector<HostTensor> Run(const onnx::ModelProto& model, const std::string& name,
                              std::vector<HostTensor> inputs = {}) {
    tm::ConvertedRun run = tm::ConvertAndRun(model, dir_.path(), name, 2, std::move(inputs));
    if (run.outputs.empty()) return {};
    EXPECT_LE(DefaultOpset(run.engine), kOnnxLibraryOpset) << name;
    EXPECT_LE(run.engine.ir_version(), kOnnxLibraryIrVersion) << name;
    return std::move(run.outputs);
  }

  Status ConvertError(const onnx::ModelProto& model) {
    return tm::ConvertStatus(model, dir_.path(), "bad", 1);
  }

  // The new-opset model and its old-form twin agree on the same inputs.
  void ExpectSame(const onnx::ModelProto& lowered, const onnx::ModelProto& twin) {
    std::vector<HostTensor> a = Run(lowered, "new");
    std::vector<HostTensor> b = Run(twin, "old");
    ASSERT_EQ(a.size(), b.size());
    ASSERT_FALSE(a.empty());
    for (size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(a[i].shape(), b[i].shape()) << "output " << i;
      const auto x = a[i].values<float>(), y = b[i].values<float>();
      for (size_t k = 0; k < x.size(); ++k) ASSERT_NEAR(x[k], y[k], 1e-5) << "output " << i;
    }
  }

  // y = f(x) elementwise, x [N, 3, 4] from random inputs.
  void ExpectFormula(const onnx::ModelProto& model, const std::function<double(double)>& f) {
    HostTensor x(graph::DType::kFloat32, {2, 3, 4});
    auto xs = x.values<float>();
    for (size_t i = 0; i < xs.size(); ++i) xs[i] = -3.0f + 0.25f * static_cast<float>(i);
    std::vector<HostTensor> in;
    in.push_back(x);
    std::vector<HostTensor> out = Run(model, "formula", in);
    ASSERT_EQ(out.size(), 1u);
    const auto y = out[0].values<float>();
    ASSERT_EQ(y.size(), xs.size());
    for (size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(y[i], f(xs[i]), 1e-5) << "x=" << xs[i];
  }

  tm::TempDir dir_;
};

// x [N, 3, 4, 5] -> ReduceMean over H and W.
onnx::ModelProto ReduceMeanModel(bool axes_input, int64_t opset) {
  onnx::ModelProto m = Model(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3", "4", "5"});
  if (axes_input) {
    AddInts(g, "axes", {2, -1});
    tm::AddNode(g, "ReduceMean", {"x", "axes"}, {"y"});
  } else {
    Attr(tm::AddNode(g, "ReduceMean", {"x"}, {"y"}), "axes", std::vector<int64_t>{2, -1});
  }
  tm::AddOutput(g, "y", {"N", "3", "1", "1"});
  return m;
}

TEST_F(OpsetLowerTest, ReduceAxesInputOfOpset18) {
  ExpectSame(ReduceMeanModel(true, 18), ReduceMeanModel(false, 13));
}

TEST_F(OpsetLowerTest, ReduceMaxWithoutAxesAndNoopIsIdentityAtOpset20) {
  onnx::ModelProto m = Model(20);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3", "4"});
  Attr(tm::AddNode(g, "ReduceMax", {"x"}, {"y"}), "noop_with_empty_axes", 1);
  tm::AddOutput(g, "y", {"N", "3", "4"});
  ExpectFormula(m, [](double x) { return x; });
}

TEST_F(OpsetLowerTest, ReduceAxesComputedAtRunTimeIsRefusedNamingTheNode) {
  onnx::ModelProto m = Model(18);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3"});
  tm::AddInput(g, "axes", {"1"});
  g.mutable_input(1)->mutable_type()->mutable_tensor_type()->set_elem_type(
      onnx::TensorProto::INT64);
  tm::AddNode(g, "ReduceSumSquare", {"x", "axes"}, {"y"});
  tm::AddOutput(g, "y", {"N", "1"});
  Status st = ConvertError(m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("ReduceSumSquare"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("axes"), std::string::npos) << st.message();
}

// x [N, 8] -> Split into 3 along axis 1: opset 18's num_outputs gives
// chunks 3, 3, 2 -- the same as explicit sizes.
onnx::ModelProto SplitModel(bool num_outputs, int64_t opset) {
  onnx::ModelProto m = Model(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "8"});
  std::vector<std::string> inputs = {"x"};
  if (!num_outputs) {
    AddInts(g, "split", {3, 3, 2});
    inputs.push_back("split");
  }
  auto& n = tm::AddNode(g, "Split", inputs, {"a", "b", "c"});
  Attr(n, "axis", int64_t{1});
  if (num_outputs) Attr(n, "num_outputs", int64_t{3});
  tm::AddOutput(g, "a", {"N", "3"});
  tm::AddOutput(g, "b", {"N", "3"});
  tm::AddOutput(g, "c", {"N", "2"});
  return m;
}

TEST_F(OpsetLowerTest, SplitNumOutputsOfOpset18WithASmallerLastChunk) {
  ExpectSame(SplitModel(true, 18), SplitModel(false, 13));
}

TEST_F(OpsetLowerTest, SplitNumOutputsEvenly) {
  onnx::ModelProto m = Model(18);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "6"});
  auto& n = tm::AddNode(g, "Split", {"x"}, {"a", "b"});
  Attr(n, "axis", int64_t{-1});
  Attr(n, "num_outputs", int64_t{2});
  tm::AddOutput(g, "a", {"N", "3"});
  tm::AddOutput(g, "b", {"N", "3"});
  std::vector<HostTensor> out = Run(m, "even");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].shape(), (graph::Shape{2, 3}));
}

// x [N, 2, 3, 4] padded by 1 before and 2 after on H and W (reflect).
onnx::ModelProto PadModel(bool axes, int64_t opset) {
  onnx::ModelProto m = Model(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "2", "3", "4"});
  if (axes) {
    AddInts(g, "pads", {1, 1, 2, 2});
    AddInts(g, "axes", {-2, 3});
    Attr(tm::AddNode(g, "Pad", {"x", "pads", "", "axes"}, {"y"}), "mode", std::string("reflect"));
  } else {
    AddInts(g, "pads", {0, 0, 1, 1, 0, 0, 2, 2});
    Attr(tm::AddNode(g, "Pad", {"x", "pads"}, {"y"}), "mode", std::string("reflect"));
  }
  tm::AddOutput(g, "y", {"N", "2", "6", "7"});
  return m;
}

TEST_F(OpsetLowerTest, PadAxesInputOfOpset18) {
  ExpectSame(PadModel(true, 18), PadModel(false, 13));
}

// x [N, 2, 3, 4] resized x2 on H and W (nearest).
onnx::ModelProto ResizeModel(bool axes, int64_t opset) {
  onnx::ModelProto m = Model(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "2", "3", "4"});
  AddFloats(g, "scales", axes ? std::vector<float>{2, 2} : std::vector<float>{1, 1, 2, 2});
  auto& n = tm::AddNode(g, "Resize", {"x", "", "scales"}, {"y"});
  Attr(n, "mode", std::string("nearest"));
  if (axes) {
    Attr(n, "axes", std::vector<int64_t>{2, 3});
    Attr(n, "antialias", int64_t{0});
    Attr(n, "keep_aspect_ratio_policy", std::string("stretch"));
  }
  tm::AddOutput(g, "y", {"N", "2", "6", "8"});
  return m;
}

TEST_F(OpsetLowerTest, ResizeAxesOfOpset18) {
  ExpectSame(ResizeModel(true, 18), ResizeModel(false, 13));
}

TEST_F(OpsetLowerTest, AntialiasedResizeIsRefusedNamingTheNode) {
  onnx::ModelProto m = ResizeModel(false, 18);
  Attr(*m.mutable_graph()->mutable_node(0), "antialias", int64_t{1});
  Status st = ConvertError(m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("antialias"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("Resize"), std::string::npos) << st.message();
}

onnx::ModelProto UnaryModel(const std::string& op, int64_t opset) {
  onnx::ModelProto m = Model(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3", "4"});
  tm::AddNode(g, op, {"x"}, {"y"});
  tm::AddOutput(g, "y", {"N", "3", "4"});
  return m;
}

TEST_F(OpsetLowerTest, GeluOfOpset20ComputesTheErfFormula) {
  ExpectFormula(UnaryModel("Gelu", 20),
                [](double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); });
}

TEST_F(OpsetLowerTest, GeluTanhOfOpset20ComputesTheTanhFormula) {
  onnx::ModelProto m = UnaryModel("Gelu", 20);
  Attr(*m.mutable_graph()->mutable_node(0), "approximate", std::string("tanh"));
  ExpectFormula(m, [](double x) {
    return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
  });
}

TEST_F(OpsetLowerTest, MishOfOpset18) {
  ExpectFormula(UnaryModel("Mish", 18),
                [](double x) { return x * std::tanh(std::log1p(std::exp(x))); });
}

TEST_F(OpsetLowerTest, CastWithSaturateOfOpset19AndTypeOnlyBumpsOfOpset21) {
  onnx::ModelProto m = Model(21);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3", "4"});
  auto& cast = tm::AddNode(g, "Cast", {"x"}, {"c"});
  Attr(cast, "to", int64_t{onnx::TensorProto::FLOAT});
  Attr(cast, "saturate", int64_t{1});
  AddInts(g, "shape", {0, 12});
  tm::AddNode(g, "Reshape", {"c", "shape"}, {"r"});
  AddInts(g, "one", {1});
  tm::AddNode(g, "Unsqueeze", {"r", "one"}, {"u"});
  tm::AddNode(g, "Flatten", {"u"}, {"y"});
  tm::AddOutput(g, "y", {"N", "12"});
  std::vector<HostTensor> out = Run(m, "types");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape(), (graph::Shape{2, 12}));
}

// GroupNormalization of x [N, 4, 2, 3] in 2 groups; opset 18 scales per
// group, opset 21 per channel.
void ExpectGroupNorm(const std::vector<HostTensor>& out, const HostTensor& x,
                     const std::vector<float>& scale_c, const std::vector<float>& bias_c) {
  ASSERT_EQ(out.size(), 1u);
  const auto xs = x.values<float>();
  const auto y = out[0].values<float>();
  ASSERT_EQ(y.size(), xs.size());
  const size_t group = 2 * 6;  // 2 channels of 2x3
  for (size_t n = 0; n < 2; ++n) {
    for (size_t gi = 0; gi < 2; ++gi) {
      const size_t base = (n * 2 + gi) * group;
      double mean = 0, var = 0;
      for (size_t i = 0; i < group; ++i) mean += xs[base + i];
      mean /= group;
      for (size_t i = 0; i < group; ++i) var += (xs[base + i] - mean) * (xs[base + i] - mean);
      var /= group;
      for (size_t i = 0; i < group; ++i) {
        const size_t c = gi * 2 + i / 6;
        const double want = (xs[base + i] - mean) / std::sqrt(var + 1e-5) * scale_c[c] + bias_c[c];
        EXPECT_NEAR(y[base + i], want, 1e-4) << "n " << n << " c " << c << " i " << i;
      }
    }
  }
}

onnx::ModelProto GroupNormModel(int64_t opset, const std::vector<float>& scale,
                                const std::vector<float>& bias) {
  onnx::ModelProto m = Model(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "4", "2", "3"});
  AddFloats(g, "scale", scale);
  AddFloats(g, "bias", bias);
  Attr(tm::AddNode(g, "GroupNormalization", {"x", "scale", "bias"}, {"y"}), "num_groups",
       int64_t{2});
  tm::AddOutput(g, "y", {"N", "4", "2", "3"});
  return m;
}

TEST_F(OpsetLowerTest, GroupNormalizationPerGroupAtOpset18AndPerChannelAtOpset21) {
  HostTensor x(graph::DType::kFloat32, {2, 4, 2, 3});
  auto xs = x.values<float>();
  for (size_t i = 0; i < xs.size(); ++i) xs[i] = std::sin(0.7f * static_cast<float>(i)) * 3.0f;
  {
    SCOPED_TRACE("opset 18");
    std::vector<HostTensor> out = Run(GroupNormModel(18, {2.0f, -1.0f}, {0.5f, 1.0f}), "gn18", {x});
    ExpectGroupNorm(out, x, {2, 2, -1, -1}, {0.5f, 0.5f, 1, 1});
  }
  {
    SCOPED_TRACE("opset 21");
    std::vector<HostTensor> out =
        Run(GroupNormModel(21, {1.0f, 2.0f, 3.0f, -1.0f}, {0, 0.1f, 0.2f, 0.3f}), "gn21", {x});
    ExpectGroupNorm(out, x, {1, 2, 3, -1}, {0, 0.1f, 0.2f, 0.3f});
  }
}

TEST_F(OpsetLowerTest, IrVersion10OfAnOpset13ModelConverts) {
  onnx::ModelProto m = UnaryModel("Relu", 13);
  m.set_ir_version(10);
  ExpectFormula(m, [](double x) { return x > 0 ? x : 0; });
}

TEST_F(OpsetLowerTest, OpsetNewerThanKnownSaysWhatToDo) {
  Status st = ConvertError(UnaryModel("Relu", 23));
  EXPECT_EQ(st.reason(), Reason::kInvalidModel) << st.ToString();
  EXPECT_NE(st.message().find("opset 23"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("opset_version=21"), std::string::npos) << st.message();
}

TEST_F(OpsetLowerTest, OperatorNewInOpset19IsRefusedByName) {
  onnx::ModelProto m = Model(19);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "1", "4", "4"});
  tm::AddInitializer(g, "w", {1, 1, 3, 3}, 0.1f);
  tm::AddInitializer(g, "offset", {1, 18, 2, 2}, 0.0f);
  tm::AddNode(g, "DeformConv", {"x", "w", "offset"}, {"y"});
  tm::AddOutput(g, "y", {"N", "1", "2", "2"});
  Status st = ConvertError(m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("DeformConv"), std::string::npos) << st.message();
}

TEST_F(OpsetLowerTest, Float8TensorIsRefusedAsAPrecision) {
  onnx::ModelProto m = UnaryModel("Relu", 19);
  auto* t = m.mutable_graph()->add_initializer();
  t->set_name("f8");
  t->set_data_type(17);  // FLOAT8E4M3FN
  t->add_dims(1);
  t->set_raw_data(std::string(1, '\0'));
  Status st = ConvertError(m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedPrecision) << st.ToString();
  EXPECT_NE(st.message().find("'f8'"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace campaign::converter
