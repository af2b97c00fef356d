// LSTM, GRU and RNN: the device class against the reference class on
// random shapes (runner/ops/op_test_fixtures.h): every direction and
// layout, optional inputs and outputs, sequence_lens, activations with
// alpha/beta, clip, input_forget, linear_before_reset, float16.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& v) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

void SetStrings(onnx::NodeProto* n, const std::string& name, const std::vector<std::string>& v) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRINGS);
  for (const auto& s : v) a->add_strings(s);
}

void SetFloats(onnx::NodeProto* n, const std::string& name, const std::vector<float>& v) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOATS);
  for (float f : v) a->add_floats(f);
}

void AddInt32Initializer(ModelBuilder& b, const std::string& name, const std::vector<int32_t>& v) {
  auto* t = b.model().mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT32);
  t->add_dims(static_cast<int64_t>(v.size()));
  for (int32_t x : v) t->add_int32_data(x);
}

struct Case {
  std::string op = "LSTM";  // LSTM, GRU, RNN
  std::string direction = "forward";
  int64_t layout = 0;
  int64_t seq = 3, batch = 2, input = 4, hidden = 5;
  bool bias = true, h0 = true, c0 = true, peep = true;
  bool weights_as_inputs = false;  // W, R graph inputs instead of initializers
  // W and R initializers uniform in [-scale, scale) (PyTorch's init is
  // 1/sqrt(H)): long sequences with large recurrent weights are chaotic,
  // and rounding differences between device and host then grow.
  float weight_scale = 1.0f;
  std::vector<int32_t> seq_lens;                   // empty: no sequence_lens input
  std::vector<bool> outputs = {true, true, true};  // Y, Y_h, Y_c requested
  int32_t elem = onnx::TensorProto::FLOAT;
};

std::vector<float> UniformValues(int64_t n, float scale, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-scale, scale);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = d(rng);
  return v;
}

int Gates(const std::string& op) { return op == "LSTM" ? 4 : op == "GRU" ? 3 : 1; }

std::string Describe(const Case& c) {
  std::string s = c.op + " " + c.direction + " layout " + std::to_string(c.layout) + " S" +
                  std::to_string(c.seq) + " B" + std::to_string(c.batch) + " I" +
                  std::to_string(c.input) + " H" + std::to_string(c.hidden);
  if (!c.seq_lens.empty()) s += " with sequence_lens";
  return s;
}

// Builds the model of `c`; returns the node for more attributes.
onnx::NodeProto* Build(ModelBuilder& b, const Case& c) {
  const int64_t D = c.direction == "bidirectional" ? 2 : 1, G = Gates(c.op);
  const int64_t S = c.seq, B = c.batch, H = c.hidden;
  const bool lstm = c.op == "LSTM";
  b.AddInput("x", c.layout == 0 ? graph::Shape{S, B, c.input} : graph::Shape{B, S, c.input},
             c.elem);
  if (c.weights_as_inputs) {
    b.AddInput("w", {D, G * H, c.input}, c.elem);
    b.AddInput("r", {D, G * H, H}, c.elem);
  } else {
    b.AddInitializer("w", {D, G * H, c.input},
                     UniformValues(D * G * H * c.input, c.weight_scale, 11));
    b.AddInitializer("r", {D, G * H, H}, UniformValues(D * G * H * H, c.weight_scale, 12));
  }
  const graph::Shape state = c.layout == 0 ? graph::Shape{D, B, H} : graph::Shape{B, D, H};
  std::vector<std::string> ins = {"x", "w", "r", "", "", "", "", ""};
  if (c.bias) b.AddInitializer("bias", {D, 2 * G * H}, {}, 13), ins[3] = "bias";
  if (!c.seq_lens.empty()) AddInt32Initializer(b, "lens", c.seq_lens), ins[4] = "lens";
  if (c.h0) b.AddInput("h0", state, c.elem), ins[5] = "h0";
  if (lstm && c.c0) b.AddInitializer("c0", state, {}, 14), ins[6] = "c0";
  if (lstm && c.peep) b.AddInitializer("p", {D, 3 * H}, {}, 15), ins[7] = "p";
  while (!ins.empty() && ins.back().empty()) ins.pop_back();
  std::vector<std::string> outs = {"y", "y_h", "y_c"};
  if (!lstm) outs.pop_back();
  for (size_t k = 0; k < outs.size(); ++k) {
    if (!c.outputs[k]) outs[k].clear();
  }
  while (!outs.empty() && outs.back().empty()) outs.pop_back();
  auto* n = b.AddNode(c.op, ins, outs);
  for (const auto& o : outs) {
    if (!o.empty()) b.AddOutput(o);
  }
  SetInt(n, "hidden_size", H);
  if (c.direction != "forward") SetString(n, "direction", c.direction);
  if (c.layout != 0) SetInt(n, "layout", c.layout);
  return n;
}

class RnnOpsTest : public OpsTest {
 protected:
  std::mt19937 rng_{2024};
  int64_t Uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  Case Random(const std::string& op, const std::string& direction, int64_t layout) {
    Case c;
    c.op = op;
    c.direction = direction;
    c.layout = layout;
    c.seq = Uniform(1, 6);
    c.batch = Uniform(1, 4);
    c.input = Uniform(1, 7);
    c.hidden = Uniform(1, 9);
    return c;
  }
};

TEST_F(RnnOpsTest, EveryCellDirectionAndLayout) {
  for (const char* op : {"LSTM", "GRU", "RNN"}) {
    for (const char* dir : {"forward", "reverse", "bidirectional"}) {
      for (int64_t layout : {0, 1}) {
        Case c = Random(op, dir, layout);
        ModelBuilder b;
        Build(b, c);
        Check(b, Describe(c), 1e-4);
      }
    }
  }
}

// PyTorch exports GRU with linear_before_reset = 1; ONNX's default is 0.
TEST_F(RnnOpsTest, GruLinearBeforeReset) {
  for (int64_t lbr : {0, 1}) {
    for (const char* dir : {"forward", "bidirectional"}) {
      Case c = Random("GRU", dir, 0);
      c.seq = 7;
      ModelBuilder b;
      auto* n = Build(b, c);
      SetInt(n, "linear_before_reset", lbr);
      Check(b, Describe(c) + " linear_before_reset " + std::to_string(lbr), 1e-4);
    }
  }
}

// No B, initial states or peepholes; W and R computed (graph inputs).
TEST_F(RnnOpsTest, OptionalInputsAbsentAndWeightsAsInputs) {
  for (const char* op : {"LSTM", "GRU", "RNN"}) {
    for (bool as_inputs : {false, true}) {
      Case c = Random(op, "bidirectional", as_inputs ? 1 : 0);
      c.bias = c.h0 = c.c0 = c.peep = false;
      c.weights_as_inputs = as_inputs;
      ModelBuilder b;
      Build(b, c);
      Check(b, Describe(c) + " bare" + (as_inputs ? " weights as inputs" : ""), 1e-4);
    }
  }
}

// Per-batch lengths, 0 and full included: Y zero past each length, Y_h and
// Y_c the last valid step.
TEST_F(RnnOpsTest, SequenceLengths) {
  for (const char* op : {"LSTM", "GRU", "RNN"}) {
    for (const char* dir : {"forward", "reverse", "bidirectional"}) {
      for (int64_t layout : {0, 1}) {
        Case c = Random(op, dir, layout);
        c.seq = 5;
        c.batch = 4;
        c.seq_lens = {3, 5, 1, static_cast<int32_t>(Uniform(0, 5))};
        ModelBuilder b;
        Build(b, c);
        Check(b, Describe(c), 1e-4);
      }
    }
  }
}

TEST_F(RnnOpsTest, ActivationsAlphaBetaClipAndInputForget) {
  struct Acts {
    const char* op;
    std::vector<std::string> names;
  };
  const std::vector<Acts> all = {
      {"LSTM", {"HardSigmoid", "LeakyRelu", "ScaledTanh", "Sigmoid", "Elu", "Softsign"}},
      {"LSTM", {"Sigmoid", "Affine", "Softplus", "HardSigmoid", "Tanh", "ThresholdedRelu"}},
      {"GRU", {"Sigmoid", "Relu", "HardSigmoid", "Affine"}},
      {"RNN", {"Relu", "LeakyRelu"}},
      {"RNN", {"ScaledTanh", "Elu"}},
  };
  for (const auto& a : all) {
    Case c = Random(a.op, "bidirectional", 0);
    ModelBuilder b;
    auto* n = Build(b, c);
    SetStrings(n, "activations", a.names);
    SetFloats(n, "activation_alpha", {0.3f, 0.9f, 1.2f});
    SetFloats(n, "activation_beta", {0.4f, 0.7f});
    SetFloat(n, "clip", 0.75f);
    if (c.op == "LSTM") SetInt(n, "input_forget", 1);
    Check(b, Describe(c) + " activations " + a.names[0] + ", " + a.names[1], 1e-4);
  }
}

// Any output may be omitted, by an empty name or by leaving it off.
TEST_F(RnnOpsTest, OptionalOutputs) {
  const std::vector<std::vector<bool>> sets = {
      {true, false, false}, {false, true, false}, {false, false, true}, {false, true, true}};
  for (const char* op : {"LSTM", "GRU"}) {
    for (const auto& outs : sets) {
      if (op == std::string("GRU") && !outs[0] && !outs[1]) continue;
      Case c = Random(op, "reverse", 1);
      c.outputs = outs;
      c.seq_lens.assign(static_cast<size_t>(c.batch), static_cast<int32_t>(c.seq));
      c.seq_lens[0] = static_cast<int32_t>(Uniform(0, c.seq));
      ModelBuilder b;
      Build(b, c);
      Check(b,
            Describe(c) + " outputs " + std::to_string(outs[0]) + std::to_string(outs[1]) +
                std::to_string(outs[2]),
            1e-4);
    }
  }
}

// Longer sequences and wider states than the random cases.
TEST_F(RnnOpsTest, LongerSequences) {
  for (const char* op : {"LSTM", "GRU", "RNN"}) {
    Case c = Random(op, "bidirectional", 0);
    c.seq = 24;
    c.batch = 3;
    c.input = 17;
    c.hidden = 33;
    c.weight_scale = 0.25f;
    ModelBuilder b;
    Build(b, c);
    Check(b, Describe(c), 1e-4);
  }
}

// Two stacked layers (PyTorch's num_layers=2 export: LSTM, Squeeze of the
// direction axis, LSTM; a bidirectional first layer through Transpose and
// Reshape): both nodes use the plan's one workspace.
TEST_F(RnnOpsTest, StackedLayersShareTheWorkspace) {
  for (const char* op : {"LSTM", "GRU"}) {
    const int64_t S = 6, B = 2, I = 5, H = 7, G = Gates(op);
    ModelBuilder b;
    b.AddInput("x", {S, B, I});
    b.AddInitializer("w1", {2, G * H, I}, UniformValues(2 * G * H * I, 0.4f, 1));
    b.AddInitializer("r1", {2, G * H, H}, UniformValues(2 * G * H * H, 0.4f, 2));
    b.AddInitializer("w2", {1, G * H, 2 * H}, UniformValues(G * H * 2 * H, 0.4f, 3));
    b.AddInitializer("r2", {1, G * H, H}, UniformValues(G * H * H, 0.4f, 4));
    b.AddInt64Initializer("shape", {S, B, 2 * H});
    b.AddInt64Initializer("axes", {1});
    auto* l1 = b.AddNode(op, {"x", "w1", "r1"}, {"y1"});
    SetInt(l1, "hidden_size", H);
    SetString(l1, "direction", "bidirectional");
    testing::SetInts(b.AddNode("Transpose", {"y1"}, {"y1t"}), "perm", {0, 2, 1, 3});
    b.AddNode("Reshape", {"y1t", "shape"}, {"x2"});
    SetInt(b.AddNode(op, {"x2", "w2", "r2"}, {"y2", "h2"}), "hidden_size", H);
    b.AddNode("Squeeze", {"y2", "axes"}, {"y"});
    b.AddOutput("y");
    b.AddOutput("h2");
    Check(b, std::string(op) + " two layers", 1e-4);
  }
}

// float16 tensors go through the half adapter (graph/ops/half_adapter.h).
TEST_F(RnnOpsTest, HalfThroughTheAdapter) {
  for (const char* op : {"LSTM", "GRU"}) {
    Case c = Random(op, "forward", 0);
    c.elem = onnx::TensorProto::FLOAT16;
    c.weights_as_inputs = true;
    c.bias = c.c0 = c.peep = false;
    ModelBuilder b;
    Build(b, c);
    Check(b, Describe(c) + " float16", 1e-3);
  }
}

// Computed sequence lengths and unknown activations are unsupported_op
// (never a wrong answer); the message names the node and the reason.
TEST(RnnUnsupportedTest, ComputedLengthsAndUnknownActivation) {
  {
    ModelBuilder b;
    Case c;
    Build(b, c);
    b.AddInput("lens", {c.batch}, onnx::TensorProto::INT32);
    auto* n = b.model().mutable_graph()->mutable_node(0);
    n->set_input(4, "lens");
    auto ex = Executor::Create(b.model());
    ASSERT_FALSE(ex.ok());
    EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp) << ex.status().ToString();
    EXPECT_NE(ex.status().message().find("constant"), std::string::npos);
  }
  {
    ModelBuilder b;
    Case c;
    c.op = "RNN";
    auto* n = Build(b, c);
    SetStrings(n, "activations", {"Gelu"});
    auto ex = Executor::Create(b.model());
    ASSERT_FALSE(ex.ok());
    EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp) << ex.status().ToString();
    EXPECT_NE(ex.status().message().find("Gelu"), std::string::npos);
  }
}

}  // namespace
}  // namespace campaign::runner
