#include "converter/passes/fuse_attention.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "converter/passes/graph_util.h"
#include "graph/reference/attention.h"
#include "graph/reference/movement.h"

namespace campaign::converter {
namespace {

namespace ref = graph::reference;

// One GEMM operand traced back through a scalar scale and a Transpose.
struct Operand {
  std::string tensor;         // what the Attention node reads
  std::vector<int64_t> perm;  // folded Transpose, empty when none
  float scale = 1.0f;
  std::set<int> nodes;  // nodes absorbed into the Attention node
};

struct Match {
  Operand q, k, v;
  float scale = 1.0f;
  std::string y;
  std::vector<int64_t> y_perm;
  std::set<int> nodes;
  int last = -1;  // index of the node the Attention node replaces
};

class Matcher {
 public:
  explicit Matcher(const onnx::GraphProto& g)
      : g_(g), producers_(Producers(g)), consumers_(Consumers(g)), reads_(CountReads(g)) {}

  std::optional<Match> FromSoftmax(int sm) const;

 private:
  int Producer(const std::string& t) const {
    auto it = producers_.find(t);
    return it == producers_.end() ? -1 : it->second;
  }
  // The single node reading `t` exactly once (and not a graph output), or -1.
  int Only(const std::string& t) const {
    auto c = consumers_.find(t);
    auto r = reads_.find(t);
    if (c == consumers_.end() || c->second.size() != 1 || r == reads_.end() || r->second != 1) {
      return -1;
    }
    return c->second[0];
  }
  // t = Mul(x, c) or Div(x, c) with a scalar constant c read only by the
  // pattern: x and the factor.
  bool PeelScale(const std::string& t, std::string* x, float* factor, int* node) const;
  Operand Trace(const std::string& t, bool allow_scale) const;
  // Whether a Transpose of `src` by `perm` (or, for y, written through it)
  // leaves a BLAS-addressable strided matrix.
  bool Addressable(const std::string& src, const std::vector<int64_t>& perm, bool output) const;

  const onnx::GraphProto& g_;
  std::map<std::string, int> producers_;
  std::map<std::string, std::vector<int>> consumers_;
  std::map<std::string, int> reads_;
};

bool Matcher::PeelScale(const std::string& t, std::string* x, float* factor, int* node) const {
  int p = Producer(t);
  if (p < 0 || Only(t) < 0) return false;
  const onnx::NodeProto& n = g_.node(p);
  if (n.input_size() != 2 || !(IsOp(n, "Mul") || IsOp(n, "Div"))) return false;
  for (int side = 0; side < 2; ++side) {
    if (IsOp(n, "Div") && side == 0) continue;  // only x / c
    auto c = ScalarInitializer(g_, n.input(side));
    if (!c || *c == 0.0f) continue;
    *x = n.input(1 - side);
    *factor = IsOp(n, "Div") ? 1.0f / *c : *c;
    *node = p;
    return true;
  }
  return false;
}

bool Matcher::Addressable(const std::string& src, const std::vector<int64_t>& perm,
                          bool output) const {
  auto s = StaticShapeOf(g_, src);
  if (!s) return false;
  auto p = ref::NormalizePerm(perm, static_cast<int64_t>(s->size()));
  if (!p.ok() || perm.size() != s->size()) return false;
  if (!output) {
    return ref::BlasLayout(ref::TransposeShape(*s, perm), ref::PermutedStrides(*s, perm))
        .has_value();
  }
  // src is y after the Transpose; the GEMM writes y0 = its input.
  std::vector<int64_t> inv(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) inv[perm[i]] = static_cast<int64_t>(i);
  const graph::Shape y0 = ref::TransposeShape(*s, inv);
  auto l = ref::BlasLayout(y0, ref::InversePermutedStrides(y0, perm));
  return l && l->col_stride == 1;
}

Operand Matcher::Trace(const std::string& t, bool allow_scale) const {
  Operand o{t, {}, 1.0f, {}};
  for (int step = 0; step < 3; ++step) {
    std::string x;
    float f = 1.0f;
    int node = -1;
    if (allow_scale && PeelScale(o.tensor, &x, &f, &node)) {
      o.tensor = x;
      o.scale *= f;
      o.nodes.insert(node);
      continue;
    }
    int p = Producer(o.tensor);
    if (o.perm.empty() && p >= 0 && IsOp(g_.node(p), "Transpose") && Only(o.tensor) >= 0) {
      std::vector<int64_t> perm = AttrInts(g_.node(p), "perm");
      const std::string& src = g_.node(p).input(0);
      if (!perm.empty() && Addressable(src, perm, false)) {
        o.tensor = src;
        o.perm = perm;
        o.nodes.insert(p);
        continue;
      }
    }
    break;
  }
  return o;
}

std::optional<Match> Matcher::FromSoftmax(int sm) const {
  const onnx::NodeProto& softmax = g_.node(sm);
  if (!IsOp(softmax, "Softmax")) return std::nullopt;
  auto ss = StaticShapeOf(g_, softmax.input(0));
  if (!ss || ss->size() < 2) return std::nullopt;
  const int64_t axis = AttrInt(softmax, "axis", -1);
  if (axis != -1 && axis != static_cast<int64_t>(ss->size()) - 1) return std::nullopt;
  Match m;
  m.nodes.insert(sm);
  std::string s = softmax.input(0);
  std::string x;
  float f = 1.0f;
  int node = -1;
  if (PeelScale(s, &x, &f, &node)) {
    m.scale = f;
    m.nodes.insert(node);
    s = x;
  }
  const int mm1 = Producer(s);
  if (mm1 < 0 || !IsOp(g_.node(mm1), "MatMul") || Only(s) < 0) return std::nullopt;
  const int mm2 = Only(softmax.output(0));
  if (mm2 < 0 || !IsOp(g_.node(mm2), "MatMul") || g_.node(mm2).input(0) != softmax.output(0)) {
    return std::nullopt;
  }
  m.nodes.insert({mm1, mm2});
  m.q = Trace(g_.node(mm1).input(0), true);
  m.k = Trace(g_.node(mm1).input(1), true);
  m.v = Trace(g_.node(mm2).input(1), false);  // a scale on V stays outside
  m.scale *= m.q.scale * m.k.scale;
  for (const Operand* o : {&m.q, &m.k, &m.v}) m.nodes.insert(o->nodes.begin(), o->nodes.end());
  m.y = g_.node(mm2).output(0);
  m.last = mm2;
  int t = IsGraphOutput(g_, m.y) ? -1 : Only(m.y);
  if (t >= 0 && IsOp(g_.node(t), "Transpose")) {
    std::vector<int64_t> perm = AttrInts(g_.node(t), "perm");
    const std::string& out = g_.node(t).output(0);
    if (!perm.empty() && Addressable(out, perm, true)) {
      m.y = out;
      m.y_perm = perm;
      m.nodes.insert(t);
      m.last = t;
    }
  }
  return m;
}

// The Attention node's shape check, as the runner will do it.
bool RunnerAccepts(const onnx::GraphProto& g, const Match& m) {
  auto q = StaticShapeOf(g, m.q.tensor), k = StaticShapeOf(g, m.k.tensor),
       v = StaticShapeOf(g, m.v.tensor);
  if (!q || !k || !v) return false;
  ref::AttentionParams p{m.scale, m.q.perm, m.k.perm, m.v.perm, m.y_perm};
  return ref::AttentionShape(*q, *k, *v, p).ok();
}

}  // namespace

int FuseAttention(onnx::ModelProto& model) {
  onnx::GraphProto& g = *model.mutable_graph();
  std::vector<Match> matches;
  {
    Matcher matcher(g);
    std::set<int> taken;
    for (int i = 0; i < g.node_size(); ++i) {
      std::optional<Match> m = matcher.FromSoftmax(i);
      if (!m || !RunnerAccepts(g, *m)) continue;
      bool overlap = false;
      for (int k : m->nodes) overlap = overlap || taken.count(k);
      if (overlap) continue;
      taken.insert(m->nodes.begin(), m->nodes.end());
      matches.push_back(std::move(*m));
    }
  }
  std::set<int> removed;
  for (const Match& m : matches) {
    onnx::NodeProto at;
    at.set_name(g.node(m.last).name().empty() ? m.y + "_Attention" : g.node(m.last).name());
    at.set_op_type("Attention");
    at.set_domain(kCampaignDomain);
    for (const Operand* o : {&m.q, &m.k, &m.v}) at.add_input(o->tensor);
    at.add_output(m.y);
    SetAttr(at, "scale", m.scale);
    if (!m.q.perm.empty()) SetAttr(at, "q_perm", m.q.perm);
    if (!m.k.perm.empty()) SetAttr(at, "k_perm", m.k.perm);
    if (!m.v.perm.empty()) SetAttr(at, "v_perm", m.v.perm);
    if (!m.y_perm.empty()) SetAttr(at, "y_perm", m.y_perm);
    *g.mutable_node(m.last) = std::move(at);
    for (int k : m.nodes) {
      if (k != m.last) removed.insert(k);
    }
  }
  if (!matches.empty()) EnsureCampaignOpset(model);
  RemoveNodes(g, removed);
  return static_cast<int>(matches.size());
}

}  // namespace campaign::converter
