// End to end through the converter: an nn.LSTM(batch_first=True) graph as
// torch.onnx.export writes it at opset 13 (Transpose in, zero initial
// states from Shape/Gather/Unsqueeze/Concat/ConstantOfShape, LSTM with
// iofc weights, Squeeze of the direction axis, Transpose out) converts to
// a static engine that keeps the LSTM, and the engine's outputs on the
// reference operators match an LSTM written out here.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/plan.h"

namespace campaign {
namespace {

namespace tm = converter::testing;
using graph::HostTensor;

constexpr int64_t kSeq = 5, kInput = 3, kHidden = 4, kBatch = 2;

std::vector<float> Random(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-0.8f, 0.8f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

void AddFloats(onnx::GraphProto& g, const std::string& name, const std::vector<int64_t>& dims,
               const std::vector<float>& values) {
  auto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
}

void AddInt64s(onnx::GraphProto& g, const std::string& name, const std::vector<int64_t>& dims,
               const std::vector<int64_t>& values) {
  auto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : dims) t->add_dims(d);
  for (int64_t v : values) t->add_int64_data(v);
}

void AddIntsAttr(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}

struct Weights {
  std::vector<float> w = Random(4 * kHidden * kInput, 1);
  std::vector<float> r = Random(4 * kHidden * kHidden, 2);
  std::vector<float> b = Random(8 * kHidden, 3);
};

// x [N, S, I] -> output [N, S, H] and h_n [1, N, H].
onnx::ModelProto TorchLstmModel(const Weights& wt) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", std::to_string(kSeq), std::to_string(kInput)});
  AddFloats(g, "W", {1, 4 * kHidden, kInput}, wt.w);
  AddFloats(g, "R", {1, 4 * kHidden, kHidden}, wt.r);
  AddFloats(g, "B", {1, 8 * kHidden}, wt.b);
  AddInt64s(g, "zero", {}, {0});
  AddInt64s(g, "axes0", {1}, {0});
  AddInt64s(g, "axes1", {1}, {1});
  AddInt64s(g, "one", {1}, {1});
  AddInt64s(g, "hidden", {1}, {kHidden});
  AddIntsAttr(tm::AddNode(g, "Transpose", {"x"}, {"x_t"}), "perm", {1, 0, 2});
  tm::AddNode(g, "Shape", {"x"}, {"x_shape"});
  auto& gather = tm::AddNode(g, "Gather", {"x_shape", "zero"}, {"n"});
  auto* axis = gather.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(0);
  tm::AddNode(g, "Unsqueeze", {"n", "axes0"}, {"n1"});
  auto& cat = tm::AddNode(g, "Concat", {"one", "n1", "hidden"}, {"h0_shape"});
  auto* cat_axis = cat.add_attribute();
  cat_axis->set_name("axis");
  cat_axis->set_type(onnx::AttributeProto::INT);
  cat_axis->set_i(0);
  tm::AddNode(g, "ConstantOfShape", {"h0_shape"}, {"h0"});
  auto& lstm = tm::AddNode(g, "LSTM", {"x_t", "W", "R", "B", "", "h0", "h0"}, {"y", "h_n", "c_n"});
  auto* hs = lstm.add_attribute();
  hs->set_name("hidden_size");
  hs->set_type(onnx::AttributeProto::INT);
  hs->set_i(kHidden);
  tm::AddNode(g, "Squeeze", {"y", "axes1"}, {"y_sq"});
  AddIntsAttr(tm::AddNode(g, "Transpose", {"y_sq"}, {"output"}), "perm", {1, 0, 2});
  tm::AddOutput(g, "output", {"N", std::to_string(kSeq), std::to_string(kHidden)});
  tm::AddOutput(g, "h_n", {"1", "N", std::to_string(kHidden)});
  return m;
}

// The LSTM of ONNX (gates i, o, f, c; sigmoid, tanh, tanh), batch-first in
// and out: y [N, S, H], h_n [N, H].
void ExpectedLstm(const Weights& wt, const std::vector<float>& x, std::vector<float>* y,
                  std::vector<float>* h_n) {
  const int64_t H = kHidden, I = kInput;
  auto sigmoid = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
  y->assign(kBatch * kSeq * H, 0.0f);
  h_n->assign(kBatch * H, 0.0f);
  for (int64_t n = 0; n < kBatch; ++n) {
    std::vector<float> h(H, 0.0f), c(H, 0.0f), gates(4 * H);
    for (int64_t t = 0; t < kSeq; ++t) {
      for (int64_t gj = 0; gj < 4 * H; ++gj) {
        float v = wt.b[gj] + wt.b[4 * H + gj];
        for (int64_t k = 0; k < I; ++k) v += x[(n * kSeq + t) * I + k] * wt.w[gj * I + k];
        for (int64_t k = 0; k < H; ++k) v += h[k] * wt.r[gj * H + k];
        gates[gj] = v;
      }
      for (int64_t j = 0; j < H; ++j) {
        const float i = sigmoid(gates[j]), o = sigmoid(gates[H + j]);
        const float f = sigmoid(gates[2 * H + j]), g = std::tanh(gates[3 * H + j]);
        c[j] = f * c[j] + i * g;
        h[j] = o * std::tanh(c[j]);
        (*y)[(n * kSeq + t) * H + j] = h[j];
      }
    }
    std::copy(h.begin(), h.end(), h_n->begin() + n * H);
  }
}

// Converts the model at `precision` and checks the engine's reference
// outputs against the LSTM written out above within `tol`.
void ConvertAndCheck(Precision precision, double tol) {
  tm::TempDir dir;
  const Weights wt;
  ConvertRequest req;
  req.precision = precision;
  req.model_path = tm::WriteModel(TorchLstmModel(wt), dir.path() / "lstm.onnx");
  req.batch = kBatch;
  req.output_path = dir.path() / "engine.onnx";
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();

  auto engine = converter::LoadModel(req.output_path);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  std::map<std::string, int> ops;
  for (const auto& n : engine->model.graph().node()) ++ops[n.op_type()];
  EXPECT_EQ(ops["LSTM"], 1);
  EXPECT_EQ(ops["ConstantOfShape"], 0) << "the zero initial states fold to constants";

  auto plan = graph::Plan::Create(engine->model);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  HostTensor x(graph::DType::kFloat32, {kBatch, kSeq, kInput});
  const std::vector<float> xv = Random(static_cast<size_t>(x.size()), 4);
  std::copy(xv.begin(), xv.end(), x.values<float>().begin());
  std::vector<HostTensor> inputs;
  inputs.push_back(std::move(x));
  auto out = (*plan)->RunReference(inputs);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].shape(), (graph::Shape{kBatch, kSeq, kHidden}));
  EXPECT_EQ((*out)[1].shape(), (graph::Shape{1, kBatch, kHidden}));
  std::vector<float> y, h_n;
  ExpectedLstm(wt, xv, &y, &h_n);
  const auto got_y = (*out)[0].values<float>();
  for (size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(got_y[i], y[i], tol) << "output " << i;
  const auto got_h = (*out)[1].values<float>();
  for (size_t i = 0; i < h_n.size(); ++i) EXPECT_NEAR(got_h[i], h_n[i], tol) << "h_n " << i;
}

TEST(RnnConvertTest, TorchStyleLstmConvertsAndMatches) { ConvertAndCheck(Precision::kFp32, 1e-5); }

// fp16 storage: the LSTM reads half weights through the half adapter.
TEST(RnnConvertTest, TorchStyleLstmFp16Engine) { ConvertAndCheck(Precision::kFp16, 5e-3); }

}  // namespace
}  // namespace campaign
