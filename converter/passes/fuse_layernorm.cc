#include "converter/passes/fuse_layernorm.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

using graph::DType;
using graph::HostTensor;

struct Match {
  std::string x, gamma, beta, y;
  int64_t axis = -1;
  float eps = 1e-5f;
  std::set<int> nodes;  // pattern nodes; the largest index is the last one
};

class Matcher {
 public:
  explicit Matcher(const onnx::GraphProto& g)
      : g_(g), consumers_(Consumers(g)), reads_(CountReads(g)) {}

  std::optional<Match> From(int r1) const;

 private:
  // The single node reading `t` exactly once, or -1.
  int Only(const std::string& t) const {
    auto c = consumers_.find(t);
    if (c == consumers_.end() || c->second.size() != 1 || Reads(t) != 1) return -1;
    return c->second[0];
  }
  int Reads(const std::string& t) const {
    auto r = reads_.find(t);
    return r == reads_.end() ? 0 : r->second;
  }
  // The other input of binary node i when one input is `t`, else "".
  std::string Other(int i, const std::string& t) const {
    const onnx::NodeProto& n = g_.node(i);
    if (n.input_size() != 2) return "";
    if (n.input(0) == t) return n.input(1);
    if (n.input(1) == t) return n.input(0);
    return "";
  }
  // The first normalized axis when node i is a keepdims ReduceMean over the
  // last axes of a rank-`rank` tensor, else nullopt.
  std::optional<int64_t> TrailingAxes(int i, int64_t rank) const;
  // True when `name` is a float constant shaped like the normalized dims
  // (up to leading 1s).
  bool IsAffine(const std::string& name, const graph::Shape& norm) const;

  const onnx::GraphProto& g_;
  std::map<std::string, std::vector<int>> consumers_;
  std::map<std::string, int> reads_;
};

std::optional<int64_t> Matcher::TrailingAxes(int i, int64_t rank) const {
  const onnx::NodeProto& n = g_.node(i);
  if (!IsOp(n, "ReduceMean") || AttrInt(n, "keepdims", 1) != 1) return std::nullopt;
  std::vector<int64_t> axes = AttrInts(n, "axes");
  if (n.input_size() > 1 && !n.input(1).empty()) {
    auto v = InitializerValue(g_, n.input(1));
    if (!v || v->dtype() != DType::kInt64) return std::nullopt;
    auto vals = v->values<int64_t>();
    axes.assign(vals.begin(), vals.end());
  }
  if (axes.empty()) return std::nullopt;  // all axes, or a noop: not a LayerNorm we fuse
  for (int64_t& a : axes) a = a < 0 ? a + rank : a;
  std::sort(axes.begin(), axes.end());
  for (size_t k = 0; k < axes.size(); ++k) {
    if (axes[k] != rank - static_cast<int64_t>(axes.size()) + static_cast<int64_t>(k)) {
      return std::nullopt;
    }
  }
  return axes.front();
}

bool Matcher::IsAffine(const std::string& name, const graph::Shape& norm) const {
  auto v = InitializerValue(g_, name);
  if (!v || v->dtype() != DType::kFloat32 || v->rank() < 1) return false;
  graph::Shape s = v->shape();
  while (s.size() > norm.size()) {
    if (s.front() != 1) return false;
    s.erase(s.begin());
  }
  s.insert(s.begin(), norm.size() - s.size(), 1);
  return s == norm;
}

std::optional<Match> Matcher::From(int r1) const {
  const onnx::NodeProto& mean = g_.node(r1);
  if (!IsOp(mean, "ReduceMean")) return std::nullopt;
  Match m;
  m.x = mean.input(0);
  auto xs = StaticShapeOf(g_, m.x);
  if (!xs || xs->empty()) return std::nullopt;
  const int64_t rank = static_cast<int64_t>(xs->size());
  auto axis = TrailingAxes(r1, rank);
  if (!axis) return std::nullopt;
  m.axis = *axis;
  int sub = Only(mean.output(0));
  if (sub < 0 || !IsOp(g_.node(sub), "Sub") || g_.node(sub).input(0) != m.x ||
      g_.node(sub).input(1) != mean.output(0)) {
    return std::nullopt;
  }
  const std::string& d = g_.node(sub).output(0);
  auto dc = consumers_.find(d);
  if (dc == consumers_.end() || dc->second.size() != 2) return std::nullopt;
  int sq = -1, norm = -1;
  for (int c : dc->second) {
    const onnx::NodeProto& n = g_.node(c);
    auto two = ScalarInitializer(g_, n.input_size() == 2 ? n.input(1) : "");
    if ((IsOp(n, "Pow") && n.input(0) == d && two && *two == 2.0f) ||
        (IsOp(n, "Mul") && n.input_size() == 2 && n.input(0) == d && n.input(1) == d)) {
      sq = c;
    } else {
      norm = c;
    }
  }
  if (sq < 0 || norm < 0 || Reads(d) != (IsOp(g_.node(sq), "Mul") ? 3 : 2)) return std::nullopt;
  int var = Only(g_.node(sq).output(0));
  if (var < 0 || TrailingAxes(var, rank) != m.axis ||
      g_.node(var).input(0) != g_.node(sq).output(0)) {
    return std::nullopt;
  }
  int add = Only(g_.node(var).output(0));
  if (add < 0 || !IsOp(g_.node(add), "Add")) return std::nullopt;
  auto eps = ScalarInitializer(g_, Other(add, g_.node(var).output(0)));
  if (!eps) return std::nullopt;
  m.eps = *eps;
  int sqrt = Only(g_.node(add).output(0));
  if (sqrt < 0 || !IsOp(g_.node(sqrt), "Sqrt")) return std::nullopt;
  const std::string& s = g_.node(sqrt).output(0);
  m.nodes = {r1, sub, sq, var, add, sqrt, norm};
  const onnx::NodeProto& nn = g_.node(norm);
  if (IsOp(nn, "Div") && nn.input_size() == 2 && nn.input(0) == d && nn.input(1) == s) {
    if (Only(s) != norm) return std::nullopt;
  } else {
    int rec = Only(s);
    if (rec < 0 || !IsOp(g_.node(rec), "Reciprocal") || !IsOp(nn, "Mul") ||
        Other(norm, d) != g_.node(rec).output(0) || Only(g_.node(rec).output(0)) != norm) {
      return std::nullopt;
    }
    m.nodes.insert(rec);
  }
  const graph::Shape normalized(xs->begin() + m.axis, xs->end());
  m.y = nn.output(0);
  int mul = IsGraphOutput(g_, m.y) ? -1 : Only(m.y);
  if (mul >= 0 && IsOp(g_.node(mul), "Mul") && IsAffine(Other(mul, m.y), normalized)) {
    m.gamma = Other(mul, m.y);
    m.nodes.insert(mul);
    m.y = g_.node(mul).output(0);
  }
  int bias = IsGraphOutput(g_, m.y) ? -1 : Only(m.y);
  if (bias >= 0 && IsOp(g_.node(bias), "Add") && IsAffine(Other(bias, m.y), normalized)) {
    m.beta = Other(bias, m.y);
    m.nodes.insert(bias);
    m.y = g_.node(bias).output(0);
  }
  return m;
}

// `name` reshaped to the normalized dims (a new initializer when its shape
// differs).
std::string AffineInput(onnx::GraphProto& g, const std::string& name, const graph::Shape& norm) {
  auto v = InitializerValue(g, name);
  if (v->shape() == norm) return name;
  v->Reshape(norm);
  std::string fresh = FreshName(g, name + "_ln");
  SetInitializer(g, ToTensorProto(*v, fresh));
  return fresh;
}

}  // namespace

std::string LayerNormOpFor(const onnx::ModelProto& model) {
  for (const auto& op : model.opset_import()) {
    if ((op.domain().empty() || op.domain() == "ai.onnx") && op.version() >= 17) {
      return "LayerNormalization";
    }
  }
  return std::string(kCampaignDomain) + ".LayerNormalization";
}

int FuseLayerNorm(onnx::ModelProto& model) {
  onnx::GraphProto& g = *model.mutable_graph();
  std::vector<Match> matches;
  {
    Matcher matcher(g);
    std::set<int> taken;
    for (int i = 0; i < g.node_size(); ++i) {
      std::optional<Match> m = matcher.From(i);
      if (!m) continue;
      bool overlap = false;
      for (int k : m->nodes) overlap = overlap || taken.count(k);
      if (overlap) continue;
      taken.insert(m->nodes.begin(), m->nodes.end());
      matches.push_back(std::move(*m));
    }
  }
  if (matches.empty()) return 0;
  const bool standard = LayerNormOpFor(model) == "LayerNormalization";
  std::set<int> removed;
  for (const Match& m : matches) {
    auto xs = StaticShapeOf(g, m.x);
    const graph::Shape norm(xs->begin() + m.axis, xs->end());
    std::string gamma = m.gamma;
    if (gamma.empty()) {
      HostTensor ones(DType::kFloat32, norm);
      auto vals = ones.values<float>();
      std::fill(vals.begin(), vals.end(), 1.0f);
      gamma = FreshName(g, m.y + "_ln_scale");
      SetInitializer(g, ToTensorProto(ones, gamma));
    } else {
      gamma = AffineInput(g, gamma, norm);
    }
    const int last = *m.nodes.rbegin();
    onnx::NodeProto ln;
    ln.set_name(g.node(last).name().empty() ? m.y + "_LayerNorm" : g.node(last).name());
    ln.set_op_type("LayerNormalization");
    if (!standard) ln.set_domain(kCampaignDomain);
    ln.add_input(m.x);
    ln.add_input(gamma);
    if (!m.beta.empty()) ln.add_input(AffineInput(g, m.beta, norm));
    ln.add_output(m.y);
    SetAttr(ln, "axis", m.axis);
    SetAttr(ln, "epsilon", m.eps);
    *g.mutable_node(last) = std::move(ln);
    for (int k : m.nodes) {
      if (k != last) removed.insert(k);
    }
  }
  if (!standard) EnsureCampaignOpset(model);
  RemoveNodes(g, removed);
  return static_cast<int>(matches.size());
}

}  // namespace campaign::converter
