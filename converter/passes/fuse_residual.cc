#include "converter/passes/fuse_residual.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

struct Match {
  int conv = -1;
  int add = -1;
  int relu = -1;         // -1: no activation fused
  std::string residual;  // R
  std::string output;    // z, or r with the Relu
};

// Conv, or a FusedConv without activation or residual yet.
bool IsFusableConv(const onnx::NodeProto& n) {
  if (IsOp(n, "Conv")) return n.input_size() <= 3;
  return n.domain() == kCampaignDomain && n.op_type() == "FusedConv" && n.input_size() <= 3 &&
         AttrString(n, "activation", "None") == "None";
}

class Matcher {
 public:
  explicit Matcher(const onnx::GraphProto& g)
      : g_(g), consumers_(Consumers(g)), reads_(CountReads(g)) {}

  std::optional<Match> At(int conv) const {
    const onnx::NodeProto& n = g_.node(conv);
    if (!IsFusableConv(n) || n.output_size() != 1) return std::nullopt;
    const std::string& y = n.output(0);
    const int add = OnlyConsumer(y);
    if (add < 0 || !IsOp(g_.node(add), "Add") || IsGraphOutput(g_, y)) return std::nullopt;
    const onnx::NodeProto& a = g_.node(add);
    if (a.input_size() != 2 || a.input(0) == a.input(1)) return std::nullopt;
    Match m{conv, add, -1, a.input(0) == y ? a.input(1) : a.input(0), a.output(0)};
    std::optional<graph::Shape> ys = StaticShapeOf(g_, y), rs = StaticShapeOf(g_, m.residual);
    if (!ys || !rs || *ys != *rs) return std::nullopt;
    const int relu = OnlyConsumer(m.output);
    if (relu >= 0 && IsOp(g_.node(relu), "Relu") && !IsGraphOutput(g_, m.output)) {
      m.relu = relu;
      m.output = g_.node(relu).output(0);
    }
    return m;
  }

 private:
  // The single node reading `t` (and nothing else reads it), or -1.
  int OnlyConsumer(const std::string& t) const {
    auto c = consumers_.find(t);
    auto r = reads_.find(t);
    if (c == consumers_.end() || c->second.size() != 1 || r == reads_.end() || r->second != 1) {
      return -1;
    }
    return c->second[0];
  }

  const onnx::GraphProto& g_;
  std::map<std::string, std::vector<int>> consumers_;
  std::map<std::string, int> reads_;
};

// The fused node for `m`: the conv's attributes and name, in the Add's place.
onnx::NodeProto Fused(const onnx::GraphProto& g, const Match& m) {
  onnx::NodeProto f = g.node(m.conv);
  f.set_op_type("FusedConv");
  f.set_domain(kCampaignDomain);
  while (f.input_size() < 3) f.add_input("");
  f.add_input(m.residual);
  SetAttr(f, "activation", std::string(m.relu >= 0 ? "Relu" : "None"));
  f.set_output(0, m.output);
  return f;
}

}  // namespace

int FuseResidualAdds(onnx::ModelProto& model) {
  onnx::GraphProto& g = *model.mutable_graph();
  Matcher matcher(g);
  std::set<int> used, removed;
  std::vector<Match> matches;
  for (int i = 0; i < g.node_size(); ++i) {
    std::optional<Match> m = matcher.At(i);
    if (!m || used.count(m->conv) || used.count(m->add) || (m->relu >= 0 && used.count(m->relu))) {
      continue;
    }
    used.insert({m->conv, m->add});
    if (m->relu >= 0) used.insert(m->relu);
    matches.push_back(*m);
  }
  for (const Match& m : matches) {
    *g.mutable_node(m.add) = Fused(g, m);
    removed.insert(m.conv);
    if (m.relu >= 0) removed.insert(m.relu);
  }
  if (!matches.empty()) EnsureCampaignOpset(model);
  RemoveNodes(g, removed);
  return static_cast<int>(matches.size());
}

}  // namespace campaign::converter
