// The If, Loop and Scan rewrites of LowerControlFlow (graph/control_flow.h).
#include <algorithm>
#include <cmath>

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

Result<const onnx::GraphProto*> Subgraph(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name && a.has_g()) return &a.g();
  }
  return Invalid(node, "has no '" + name + "' subgraph");
}

std::string Describe(const TensorInfo& t) {
  return std::string(DTypeName(t.dtype)) + ShapeToString(t.shape);
}

// Emits out = Identity(x), unless `out` is omitted.
void Forward(Lowerer& l, const std::string& x, const std::string& out) {
  if (out.empty()) return;
  (void)l.Emit(l.MakeNode("Identity", {x}, {out}));
}

// A tag that marks the names inlined from `node`'s subgraph.
std::string Tag(const onnx::NodeProto& node, const std::string& part) {
  return (node.name().empty() ? node.op_type() : node.name()) + "/" + part + "/";
}

// Whether the body's cond output is its cond input passed through
// (Identity chains) or a Constant true: then the loop never exits early.
bool CondAlwaysTrue(const onnx::GraphProto& body) {
  std::string name = body.output(0).name();
  for (int guard = 0; guard <= body.node_size(); ++guard) {
    if (name == body.input(1).name()) return true;
    const onnx::NodeProto* producer = nullptr;
    for (const auto& n : body.node()) {
      if (n.output_size() > 0 && n.output(0) == name) producer = &n;
    }
    if (!producer) return false;
    if (producer->op_type() == "Identity") {
      name = producer->input(0);
      continue;
    }
    if (producer->op_type() != "Constant") return false;
    auto v = ConstantNodeValue(*producer);
    if (!v.ok()) return false;
    auto t = TensorFromProto(*v);
    return t.ok() && t->size() == 1 && reference::ValueAsDouble(*t, 0) != 0;
  }
  return false;
}

Result<int64_t> ConstantInt(Lowerer& l, const onnx::NodeProto& node, const std::string& name,
                            const std::string& what) {
  auto v = l.ConstantValue(name);
  if (!v) {
    return Unsupported(node, what + " '" + name +
                                 "' is not a constant (control flow is unrolled when the engine is "
                                 "built: bind it as a constant input or initializer)");
  }
  if (v->size() != 1) return Invalid(node, what + " '" + name + "' is not a single value");
  if (v->dtype() == DType::kInt64) return v->values<int64_t>()[0];  // exact (INT64_MAX)
  const double d = reference::ValueAsDouble(*v, 0);
  return d >= 0x1p62 ? int64_t{1} << 62 : static_cast<int64_t>(d);
}

}  // namespace

Status LowerIf(Lowerer& l, const onnx::NodeProto& node) {
  ASSIGN_OR_RETURN(const onnx::GraphProto* then_g, Subgraph(node, "then_branch"));
  ASSIGN_OR_RETURN(const onnx::GraphProto* else_g, Subgraph(node, "else_branch"));
  if (node.input_size() < 1 || node.input(0).empty()) return Invalid(node, "has no condition");
  if (then_g->output_size() != node.output_size() || else_g->output_size() != node.output_size()) {
    return Invalid(node, "branches do not give one value per output");
  }
  const std::string& cond = node.input(0);
  if (auto c = l.ConstantValue(cond)) {
    if (c->size() != 1) return Invalid(node, "condition is not a single value");
    const bool taken = reference::ValueAsDouble(*c, 0) != 0;
    ASSIGN_OR_RETURN(auto outs, l.Inline(taken ? *then_g : *else_g, {},
                                         Tag(node, taken ? "then" : "else"), node));
    for (int k = 0; k < node.output_size(); ++k) Forward(l, outs[k], node.output(k));
    return Status::Ok();
  }
  // A run-time condition: both branches computed, each output selected.
  ASSIGN_OR_RETURN(auto then_outs, l.Inline(*then_g, {}, Tag(node, "then"), node));
  ASSIGN_OR_RETURN(auto else_outs, l.Inline(*else_g, {}, Tag(node, "else"), node));
  std::vector<std::string> names = {cond};
  names.insert(names.end(), then_outs.begin(), then_outs.end());
  names.insert(names.end(), else_outs.begin(), else_outs.end());
  auto infos = l.Infos(names);
  if (!infos.ok()) {
    return infos.status().WithContext(NodeLabel(node) +
                                      ": the condition is not a constant and the branches' "
                                      "shapes are not known");
  }
  if ((*infos)[0].shape.size() > 0) {
    if (NumElements((*infos)[0].shape) != 1) {
      return Invalid(node, "condition is not a single value");
    }
    HostTensor scalar_shape(DType::kInt64, {0});
    const std::string scalar = l.Fresh(cond + "_scalar");
    (void)l.Emit(
        l.MakeNode("Reshape", {cond, l.AddInitializer("cf_scalar_shape", scalar_shape)}, {scalar}));
    names[0] = scalar;
  }
  const size_t n = then_outs.size();
  for (size_t k = 0; k < n; ++k) {
    const TensorInfo& t = (*infos)[1 + k];
    const TensorInfo& e = (*infos)[1 + n + k];
    if (t.dtype != e.dtype || t.shape != e.shape) {
      return Unsupported(node, "the condition is not a constant and output " + std::to_string(k) +
                                   " is " + Describe(t) + " in the then-branch but " + Describe(e) +
                                   " in the else-branch (no static form)");
    }
    if (node.output(k).empty()) continue;
    (void)l.Emit(l.MakeNode("Where", {names[0], then_outs[k], else_outs[k]}, {node.output(k)}));
  }
  return Status::Ok();
}

Status LowerLoop(Lowerer& l, const onnx::NodeProto& node) {
  ASSIGN_OR_RETURN(const onnx::GraphProto* body, Subgraph(node, "body"));
  if (node.input_size() < 2) return Invalid(node, "needs the inputs M and cond");
  const int carried = node.input_size() - 2;
  const int scans = body->output_size() - 1 - carried;
  if (body->input_size() != carried + 2 || scans < 0 || node.output_size() > carried + scans) {
    return Invalid(node, "body inputs/outputs do not match the loop's");
  }
  if (node.input(0).empty()) {
    return Unsupported(node,
                       "has no trip count M: it ends on its condition only, a data-dependent "
                       "number of iterations");
  }
  ASSIGN_OR_RETURN(int64_t trips, ConstantInt(l, node, node.input(0), "trip count M"));
  if (!node.input(1).empty()) {
    ASSIGN_OR_RETURN(int64_t cond, ConstantInt(l, node, node.input(1), "condition input"));
    if (cond == 0) trips = 0;
  }
  trips = std::max<int64_t>(trips, 0);
  if (trips == 0 && scans > 0) {
    return Unsupported(node, "runs zero iterations: its scan outputs would be empty tensors");
  }
  const int64_t budget = kMaxInlinedNodes - l.inlined_nodes();
  if (trips > 0 && trips > budget / std::max(body->node_size(), 1)) {
    return Unsupported(node, "unrolling " + std::to_string(trips) + " iterations of a " +
                                 std::to_string(body->node_size()) + "-node body exceeds the " +
                                 std::to_string(kMaxInlinedNodes) + "-node unroll limit");
  }
  const bool never_exits = CondAlwaysTrue(*body);
  std::vector<std::string> cur(node.input().begin() + 2, node.input().end());
  std::vector<std::vector<std::string>> stacked(scans);
  for (int64_t i = 0; i < trips; ++i) {
    std::map<std::string, std::string> bind;
    if (!body->input(0).name().empty()) bind[body->input(0).name()] = l.Int64Scalar(i);
    if (!body->input(1).name().empty()) bind[body->input(1).name()] = l.BoolTrue();
    for (int j = 0; j < carried; ++j) bind[body->input(2 + j).name()] = cur[j];
    ASSIGN_OR_RETURN(auto outs, l.Inline(*body, bind, Tag(node, "it" + std::to_string(i)), node));
    for (int j = 0; j < carried; ++j) cur[j] = outs[1 + j];
    for (int k = 0; k < scans; ++k) stacked[k].push_back(outs[1 + carried + k]);
    if (never_exits || i + 1 == trips) continue;
    auto c = l.ConstantValue(outs[0]);
    if (!c) {
      return Unsupported(node,
                         "the body's condition output is not a constant: the loop may "
                         "exit early, a data-dependent number of iterations");
    }
    // A constant false ends the loop here: the scan outputs are as long as
    // it ran.
    if (c->size() == 1 && reference::ValueAsDouble(*c, 0) == 0) break;
  }
  for (int j = 0; j < carried && j < node.output_size(); ++j) Forward(l, cur[j], node.output(j));
  for (int k = 0; k < scans && carried + k < node.output_size(); ++k) {
    if (!node.output(carried + k).empty()) l.Stack(stacked[k], 0, node.output(carried + k));
  }
  return Status::Ok();
}

}  // namespace campaign::graph::control_flow
