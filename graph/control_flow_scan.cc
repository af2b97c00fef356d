// The Scan rewrite of LowerControlFlow (graph/control_flow.h): opset 9+'s
// form with per-input/output axes and directions, and opset 8's batched form
// (axis 0 is a batch of independent scans over axis 1).
#include <algorithm>

#include "graph/attributes.h"
#include "graph/control_flow_lowerer.h"
#include "graph/reference/cast.h"

namespace campaign::graph::control_flow {
namespace {

Status Unsupported(const onnx::NodeProto& node, const std::string& why) {
  return Status::Error(Reason::kUnsupportedOp, NodeLabel(node) + ": " + why);
}

Status Invalid(const onnx::NodeProto& node, const std::string& why) {
  return Status::Error(Reason::kInvalidModel, NodeLabel(node) + ": " + why);
}

// One scan's inputs, attributes and where its results go.
struct ScanSpec {
  std::vector<std::string> states, xs;       // initial states; scanned inputs
  std::vector<int64_t> in_axes, in_dirs;     // per scanned input
  std::vector<int64_t> out_axes, out_dirs;   // per scan output
  std::vector<std::string> finals, stacked;  // output names ("" = omitted)
  std::string tag;                           // marks the inlined names
};

// Axes of the sequence in `infos` (negative ones resolved); the common length.
Result<int64_t> SequenceLength(const onnx::NodeProto& node, const std::vector<TensorInfo>& infos,
                               std::vector<int64_t>* axes) {
  int64_t length = -1;
  for (size_t j = 0; j < infos.size(); ++j) {
    const auto rank = static_cast<int64_t>(infos[j].shape.size());
    int64_t& axis = (*axes)[j];
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank) {
      return Invalid(node, "scan input axis out of range for " + ShapeToString(infos[j].shape));
    }
    if (length >= 0 && infos[j].shape[axis] != length) {
      return Invalid(node, "scanned inputs have different sequence lengths");
    }
    length = infos[j].shape[axis];
  }
  return length;
}

Status ScanOnce(Lowerer& l, const onnx::NodeProto& node, const onnx::GraphProto& body, ScanSpec s) {
  const size_t n = s.states.size(), m = s.xs.size();
  const size_t k_count = body.output_size() - n;
  auto infos = l.Infos(s.xs);
  if (!infos.ok()) {
    return infos.status().WithContext(NodeLabel(node) + ": the scanned inputs' shapes");
  }
  ASSIGN_OR_RETURN(int64_t length, SequenceLength(node, *infos, &s.in_axes));
  if (length == 0 && k_count > 0) {
    return Unsupported(node, "scans a zero-length sequence: its scan outputs would be empty");
  }
  if (length * std::max(body.node_size(), 1) > kMaxInlinedNodes - l.inlined_nodes()) {
    return Unsupported(node, "unrolling " + std::to_string(length) + " steps of a " +
                                 std::to_string(body.node_size()) + "-node body exceeds the " +
                                 std::to_string(kMaxInlinedNodes) + "-node unroll limit");
  }
  std::vector<std::string> cur = s.states;
  std::vector<std::vector<std::string>> per_step(k_count);
  for (int64_t t = 0; t < length; ++t) {
    std::map<std::string, std::string> bind;
    for (size_t j = 0; j < n; ++j) bind[body.input(j).name()] = cur[j];
    for (size_t j = 0; j < m; ++j) {
      const int64_t at = s.in_dirs[j] != 0 ? length - 1 - t : t;
      bind[body.input(n + j).name()] = l.Take(s.xs[j], at, s.in_axes[j]);
    }
    ASSIGN_OR_RETURN(auto outs,
                     l.Inline(body, bind, s.tag + "step" + std::to_string(t) + "/", node));
    for (size_t j = 0; j < n; ++j) cur[j] = outs[j];
    for (size_t k = 0; k < k_count; ++k) per_step[k].push_back(outs[n + k]);
  }
  for (size_t j = 0; j < n; ++j) {
    if (!s.finals[j].empty()) (void)l.Emit(l.MakeNode("Identity", {cur[j]}, {s.finals[j]}));
  }
  for (size_t k = 0; k < k_count; ++k) {
    if (s.stacked[k].empty()) continue;
    int64_t axis = s.out_axes[k];
    if (axis < 0) {
      ASSIGN_OR_RETURN(auto step, l.Infos({per_step[k][0]}));
      axis += static_cast<int64_t>(step[0].shape.size()) + 1;
    }
    if (s.out_dirs[k] != 0) std::reverse(per_step[k].begin(), per_step[k].end());
    l.Stack(per_step[k], axis, s.stacked[k]);
  }
  return Status::Ok();
}

std::string OutputOrEmpty(const onnx::NodeProto& node, size_t i) {
  return static_cast<int>(i) < node.output_size() ? node.output(static_cast<int>(i)) : "";
}

// Opset 8: inputs (sequence_lens, states..., scanned...), all batched on axis 0.
Status LowerScan8(Lowerer& l, const onnx::NodeProto& node, const onnx::GraphProto& body, size_t m) {
  const std::string& lens = node.input(0);
  std::vector<std::string> rest(node.input().begin() + 1, node.input().end());
  const size_t n = rest.size() - m;
  const size_t k_count = body.output_size() - n;
  auto infos = l.Infos({rest[n]});
  if (!infos.ok()) {
    return infos.status().WithContext(NodeLabel(node) + ": the scanned inputs' shapes");
  }
  const Shape& x = (*infos)[0].shape;
  if (x.size() < 2) return Invalid(node, "scanned input has no [batch, sequence] axes");
  if (!lens.empty()) {
    auto v = l.ConstantValue(lens);
    if (!v) return Unsupported(node, "sequence_lens '" + lens + "' is not a constant");
    for (int64_t i = 0; i < v->size(); ++i) {
      if (static_cast<int64_t>(reference::ValueAsDouble(*v, i)) != x[1]) {
        return Unsupported(node, "sequence_lens shorter than the sequence axis (" +
                                     std::to_string(x[1]) + ") are not supported");
      }
    }
  }
  const auto dirs = GetInts(node, "directions", std::vector<int64_t>(m, 0));
  if (dirs.size() != m) return Invalid(node, "directions has the wrong length");
  std::vector<std::vector<std::string>> finals(n), stacked(k_count);
  for (int64_t b = 0; b < x[0]; ++b) {
    ScanSpec s;
    for (size_t j = 0; j < n; ++j) s.states.push_back(l.Take(rest[j], b, 0));
    for (size_t j = 0; j < m; ++j) s.xs.push_back(l.Take(rest[n + j], b, 0));
    s.in_axes.assign(m, 0);
    s.in_dirs = dirs;
    s.out_axes.assign(k_count, 0);
    s.out_dirs.assign(k_count, 0);
    for (size_t j = 0; j < n; ++j) {
      finals[j].push_back(l.Fresh("scan_state" + std::to_string(j) + "_b" + std::to_string(b)));
      s.finals.push_back(finals[j].back());
    }
    for (size_t k = 0; k < k_count; ++k) {
      stacked[k].push_back(l.Fresh("scan_out" + std::to_string(k) + "_b" + std::to_string(b)));
      s.stacked.push_back(stacked[k].back());
    }
    s.tag = (node.name().empty() ? node.op_type() : node.name()) + "/b" + std::to_string(b) + "/";
    RETURN_IF_ERROR(ScanOnce(l, node, body, std::move(s)));
  }
  for (size_t j = 0; j < n; ++j) {
    if (!OutputOrEmpty(node, j).empty()) l.Stack(finals[j], 0, node.output(j));
  }
  for (size_t k = 0; k < k_count; ++k) {
    if (!OutputOrEmpty(node, n + k).empty()) l.Stack(stacked[k], 0, node.output(n + k));
  }
  return Status::Ok();
}

}  // namespace

Status LowerScan(Lowerer& l, const onnx::NodeProto& node) {
  const onnx::GraphProto* body = nullptr;
  for (const auto& a : node.attribute()) {
    if (a.name() == "body" && a.has_g()) body = &a.g();
  }
  if (!body) return Invalid(node, "has no 'body' subgraph");
  const int64_t m = GetInt(node, "num_scan_inputs", 0);
  const int64_t first = l.opset() < 9 ? 1 : 0;  // opset 8: sequence_lens first
  const int64_t n = node.input_size() - first - m;
  const int64_t k_count = body->output_size() - n;
  if (m < 1 || n < 0 || k_count < 0 || body->input_size() != n + m ||
      node.output_size() > n + k_count) {
    return Invalid(node, "inputs/outputs do not match num_scan_inputs and the body");
  }
  if (first == 1) return LowerScan8(l, node, *body, static_cast<size_t>(m));
  ScanSpec s;
  s.states.assign(node.input().begin(), node.input().begin() + n);
  s.xs.assign(node.input().begin() + n, node.input().end());
  s.in_axes = GetInts(node, "scan_input_axes", std::vector<int64_t>(m, 0));
  s.in_dirs = GetInts(node, "scan_input_directions", std::vector<int64_t>(m, 0));
  s.out_axes = GetInts(node, "scan_output_axes", std::vector<int64_t>(k_count, 0));
  s.out_dirs = GetInts(node, "scan_output_directions", std::vector<int64_t>(k_count, 0));
  if (static_cast<int64_t>(s.in_axes.size()) != m || static_cast<int64_t>(s.in_dirs.size()) != m ||
      static_cast<int64_t>(s.out_axes.size()) != k_count ||
      static_cast<int64_t>(s.out_dirs.size()) != k_count) {
    return Invalid(node, "scan axes/directions attributes have the wrong length");
  }
  for (int64_t j = 0; j < n; ++j) s.finals.push_back(OutputOrEmpty(node, j));
  for (int64_t k = 0; k < k_count; ++k) s.stacked.push_back(OutputOrEmpty(node, n + k));
  s.tag = (node.name().empty() ? node.op_type() : node.name()) + "/";
  return ScanOnce(l, node, *body, std::move(s));
}

}  // namespace campaign::graph::control_flow
