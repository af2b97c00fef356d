#include "converter/passes/fuse_activation.h"

#include <cfloat>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

struct Match {
  std::string activation;  // FusedOp attribute value
  float alpha = 0, beta = 0;
  std::string output;   // the pattern's last tensor
  std::set<int> nodes;  // pattern nodes, removed after fusion
};

// Read-only view of the graph for matching.
struct View {
  const onnx::GraphProto& g;
  std::map<std::string, std::vector<int>> consumers;
  std::map<std::string, int> reads;

  explicit View(const onnx::GraphProto& graph)
      : g(graph), consumers(Consumers(graph)), reads(CountReads(graph)) {}

  // The single node reading `t` (and nothing else reads it), or -1.
  int OnlyConsumer(const std::string& t) const {
    auto c = consumers.find(t);
    auto r = reads.find(t);
    if (c == consumers.end() || c->second.size() != 1 || r == reads.end() || r->second != 1) {
      return -1;
    }
    return c->second[0];
  }
  const onnx::NodeProto& node(int i) const { return g.node(i); }

  // The other input of binary node i when one input is `t`, else "".
  std::string Other(int i, const std::string& t) const {
    const onnx::NodeProto& n = g.node(i);
    if (n.input_size() != 2) return "";
    if (n.input(0) == t) return n.input(1);
    if (n.input(1) == t) return n.input(0);
    return "";
  }
  bool IsScalar(const std::string& name, float value, float tol = 1e-4f) const {
    auto v = ScalarInitializer(g, name);
    return v && std::fabs(*v - value) <= tol;
  }
};

std::optional<Match> MatchSimple(const View& v, const std::string& x) {
  int c = v.OnlyConsumer(x);
  if (c < 0) return std::nullopt;
  const onnx::NodeProto& n = v.node(c);
  if (n.output_size() != 1 || n.input(0) != x) return std::nullopt;
  Match m{"", 0, 0, n.output(0), {c}};
  for (const char* simple : {"Relu", "Sigmoid", "HardSwish"}) {
    if (IsOp(n, simple)) m.activation = simple;
  }
  if (IsOp(n, "HardSigmoid")) {
    m = {"HardSigmoid", AttrFloat(n, "alpha", 0.2f), AttrFloat(n, "beta", 0.5f), n.output(0), {c}};
  } else if (IsOp(n, "LeakyRelu")) {
    m = {"LeakyRelu", AttrFloat(n, "alpha", 0.01f), 0, n.output(0), {c}};
  } else if (IsOp(n, "Clip")) {
    float lo = AttrFloat(n, "min", -FLT_MAX), hi = AttrFloat(n, "max", FLT_MAX);
    for (int k = 1; k < n.input_size() && k < 3; ++k) {
      if (n.input(k).empty()) continue;
      auto bound = ScalarInitializer(v.g, n.input(k));
      if (!bound) return std::nullopt;
      (k == 1 ? lo : hi) = *bound;
    }
    m = {"Clip", lo, hi, n.output(0), {c}};
  }
  if (m.activation.empty()) return std::nullopt;
  return m;
}

// x consumed by exactly the nodes of `first` (2 of them).
bool TwoConsumers(const View& v, const std::string& x, int* a, int* b) {
  auto c = v.consumers.find(x);
  auto r = v.reads.find(x);
  if (c == v.consumers.end() || c->second.size() != 2 || r->second != 2) return false;
  *a = c->second[0];
  *b = c->second[1];
  return true;
}

std::optional<Match> MatchSilu(const View& v, const std::string& x) {
  int a, b;
  if (!TwoConsumers(v, x, &a, &b)) return std::nullopt;
  if (!IsOp(v.node(a), "Sigmoid")) std::swap(a, b);
  const onnx::NodeProto& sig = v.node(a);
  if (!IsOp(sig, "Sigmoid") || !IsOp(v.node(b), "Mul")) return std::nullopt;
  if (v.OnlyConsumer(sig.output(0)) != b || v.Other(b, x) != sig.output(0)) return std::nullopt;
  return Match{"Silu", 0, 0, v.node(b).output(0), {a, b}};
}

// From tensor `t`, the chain "... -> Add(t, 1) -> Mul(x, .) -> Mul(., 0.5)";
// `head` holds the nodes matched so far. Shared by both GELU forms.
std::optional<Match> MatchGeluTail(const View& v, const std::string& x, const std::string& t,
                                   int mul_x, std::set<int> nodes, const std::string& kind) {
  int add = v.OnlyConsumer(t);
  if (add < 0 || !IsOp(v.node(add), "Add") || !v.IsScalar(v.Other(add, t), 1.0f)) {
    return std::nullopt;
  }
  const std::string& a_out = v.node(add).output(0);
  if (v.OnlyConsumer(a_out) != mul_x || !IsOp(v.node(mul_x), "Mul") || v.Other(mul_x, x) != a_out) {
    return std::nullopt;
  }
  const std::string& m_out = v.node(mul_x).output(0);
  int half = v.OnlyConsumer(m_out);
  if (half < 0 || !IsOp(v.node(half), "Mul") || !v.IsScalar(v.Other(half, m_out), 0.5f)) {
    return std::nullopt;
  }
  nodes.insert({add, mul_x, half});
  return Match{kind, 0, 0, v.node(half).output(0), nodes};
}

std::optional<Match> MatchGeluErf(const View& v, const std::string& x) {
  int a, b;
  if (!TwoConsumers(v, x, &a, &b)) return std::nullopt;
  if (!IsOp(v.node(a), "Div")) std::swap(a, b);
  const onnx::NodeProto& div = v.node(a);
  if (!IsOp(div, "Div") || div.input(0) != x || !v.IsScalar(div.input(1), 1.41421356f)) {
    return std::nullopt;
  }
  int erf = v.OnlyConsumer(div.output(0));
  if (erf < 0 || !IsOp(v.node(erf), "Erf")) return std::nullopt;
  return MatchGeluTail(v, x, v.node(erf).output(0), b, {a, erf}, "Gelu");
}

std::optional<Match> MatchGeluTanh(const View& v, const std::string& x) {
  auto c = v.consumers.find(x);
  if (c == v.consumers.end() || c->second.size() != 3 || v.reads.at(x) != 3) return std::nullopt;
  int pow = -1, add = -1, mul = -1;
  for (int i : c->second) {
    if (IsOp(v.node(i), "Pow")) pow = i;
    if (IsOp(v.node(i), "Add")) add = i;
    if (IsOp(v.node(i), "Mul")) mul = i;
  }
  if (pow < 0 || add < 0 || mul < 0 || v.node(pow).input(0) != x ||
      !v.IsScalar(v.node(pow).input(1), 3.0f)) {
    return std::nullopt;
  }
  int cube_mul = v.OnlyConsumer(v.node(pow).output(0));
  if (cube_mul < 0 || !IsOp(v.node(cube_mul), "Mul") ||
      !v.IsScalar(v.Other(cube_mul, v.node(pow).output(0)), 0.044715f, 1e-6f) ||
      v.OnlyConsumer(v.node(cube_mul).output(0)) != add ||
      v.Other(add, x) != v.node(cube_mul).output(0)) {
    return std::nullopt;
  }
  int scale = v.OnlyConsumer(v.node(add).output(0));
  if (scale < 0 || !IsOp(v.node(scale), "Mul") ||
      !v.IsScalar(v.Other(scale, v.node(add).output(0)), 0.7978845608f)) {
    return std::nullopt;
  }
  int tanh = v.OnlyConsumer(v.node(scale).output(0));
  if (tanh < 0 || !IsOp(v.node(tanh), "Tanh")) return std::nullopt;
  return MatchGeluTail(v, x, v.node(tanh).output(0), mul, {pow, cube_mul, add, scale, tanh},
                       "GeluTanh");
}

// The fused op type for node n, or "" when n cannot take an activation.
std::string FusedType(const onnx::NodeProto& n) {
  for (const char* base : {"Conv", "Gemm", "MatMul"}) {
    if (IsOp(n, base)) return std::string("Fused") + base;
  }
  if (n.domain() == kCampaignDomain && AttrString(n, "activation", "None") == "None") {
    return n.op_type();
  }
  return "";
}

}  // namespace

int FuseActivations(onnx::ModelProto& model) {
  onnx::GraphProto& g = *model.mutable_graph();
  int fused = 0;
  for (bool changed = true; changed;) {
    changed = false;
    View v(g);
    std::set<int> removed;
    std::vector<std::pair<int, Match>> matches;
    for (int i = 0; i < g.node_size(); ++i) {
      const onnx::NodeProto& n = g.node(i);
      if (FusedType(n).empty() || n.output_size() != 1 || removed.count(i)) continue;
      const std::string& x = n.output(0);
      if (IsGraphOutput(g, x)) continue;
      std::optional<Match> m = MatchSimple(v, x);
      if (!m) m = MatchSilu(v, x);
      if (!m) m = MatchGeluErf(v, x);
      if (!m) m = MatchGeluTanh(v, x);
      if (!m) continue;
      bool overlap = m->nodes.count(i) > 0;
      for (int k : m->nodes) overlap = overlap || removed.count(k);
      if (overlap) continue;
      removed.insert(m->nodes.begin(), m->nodes.end());
      matches.emplace_back(i, std::move(*m));
    }
    for (auto& [i, m] : matches) {
      onnx::NodeProto& n = *g.mutable_node(i);
      n.set_op_type(FusedType(n));
      n.set_domain(kCampaignDomain);
      SetAttr(n, "activation", m.activation);
      if (m.alpha != 0) SetAttr(n, "activation_alpha", m.alpha);
      if (m.beta != 0) SetAttr(n, "activation_beta", m.beta);
      n.set_output(0, m.output);
      EnsureCampaignOpset(model);
    }
    RemoveNodes(g, removed);
    fused += static_cast<int>(matches.size());
    changed = !matches.empty();
  }
  return fused;
}

}  // namespace campaign::converter
