#include "converter/passes/fold_pad.h"

#include <optional>
#include <set>
#include <vector>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

using graph::DType;

// The Pad's pads ([begin..., end...]) when it is a foldable zero pad.
std::optional<std::vector<int64_t>> ZeroPads(const onnx::GraphProto& g,
                                             const onnx::NodeProto& pad) {
  if (AttrString(pad, "mode", "constant") != "constant") return std::nullopt;
  if (pad.input_size() > 3 && !pad.input(3).empty()) return std::nullopt;  // axes
  std::vector<int64_t> pads = AttrInts(pad, "pads");
  if (pad.input_size() > 1 && !pad.input(1).empty()) {
    auto v = InitializerValue(g, pad.input(1));
    if (!v || v->dtype() != DType::kInt64) return std::nullopt;
    pads.assign(v->values<int64_t>().begin(), v->values<int64_t>().end());
  }
  if (pad.input_size() > 2 && !pad.input(2).empty()) {
    auto v = InitializerValue(g, pad.input(2));
    if (!v || v->size() != 1) return std::nullopt;
    if (v->dtype() != DType::kFloat32 || v->values<float>()[0] != 0.0f) return std::nullopt;
  }
  if (AttrFloat(pad, "value", 0.0f) != 0.0f) return std::nullopt;
  if (pads.size() != 8) return std::nullopt;  // 4-D input (2-D Conv)
  for (int64_t p : pads) {
    if (p < 0) return std::nullopt;
  }
  if (pads[0] || pads[1] || pads[4] || pads[5]) return std::nullopt;
  return pads;
}

}  // namespace

int FoldPadIntoConv(onnx::GraphProto& g) {
  auto consumers = Consumers(g);
  auto reads = CountReads(g);
  std::set<int> removed;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& pad = g.node(i);
    if (!IsOp(pad, "Pad") || pad.output_size() != 1 || IsGraphOutput(g, pad.output(0))) continue;
    const std::string& y = pad.output(0);
    const std::vector<int>& users = consumers[y];
    bool ok = !users.empty() && reads[y] == static_cast<int>(users.size());
    for (int u : users) {
      const onnx::NodeProto& c = g.node(u);
      int uses = 0;
      for (const auto& in : c.input()) uses += in == y;
      const size_t conv_pads = AttrInts(c, "pads").size();
      ok = ok && IsOp(c, "Conv") && c.input(0) == y && uses == 1 &&
           AttrString(c, "auto_pad", "NOTSET") == "NOTSET" && (conv_pads == 0 || conv_pads == 4);
    }
    if (!ok) continue;
    std::optional<std::vector<int64_t>> p = ZeroPads(g, pad);
    if (!p) continue;
    for (int u : users) {
      onnx::NodeProto& c = *g.mutable_node(u);
      std::vector<int64_t> cp = AttrInts(c, "pads");
      if (cp.empty()) cp.assign(4, 0);
      cp[0] += (*p)[2];
      cp[1] += (*p)[3];
      cp[2] += (*p)[6];
      cp[3] += (*p)[7];
      SetAttr(c, "pads", cp);
      c.set_input(0, pad.input(0));
    }
    removed.insert(i);
  }
  RemoveNodes(g, removed);
  return static_cast<int>(removed.size());
}

}  // namespace campaign::converter
