#include "graph/ops/reduce.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

using reference::ReduceKind;

ReduceOp::ReduceOp(const onnx::NodeProto& node, ReduceKind kind)
    : node_(node), label_(NodeLabel(node)), kind_(kind) {}

Result<std::vector<TensorInfo>> ReduceOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  ASSIGN_OR_RETURN(auto axes, ConstIntsInput(label_, in, 1, node_, "axes"));
  std::vector<int64_t> list = axes.value_or(std::vector<int64_t>{});
  if (list.empty() && GetInt(node_, "noop_with_empty_axes", 0) != 0) {
    reduced_.assign(in[0].shape.size(), false);
  } else {
    auto r = reference::ReducedAxes(in[0].shape, list);
    if (!r.ok()) return r.status().WithContext(label_);
    reduced_ = *r;
  }
  Shape y = reference::ReduceShape(in[0].shape, reduced_, GetInt(node_, "keepdims", 1) != 0);
  return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
}

Status ReduceOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Reduce(kind_, *in[0], reduced_, out[0]);
  return Status::Ok();
}

ArgReduceOp::ArgReduceOp(const onnx::NodeProto& node, bool is_max)
    : label_(NodeLabel(node)),
      axis_(GetInt(node, "axis", 0)),
      keepdims_(GetInt(node, "keepdims", 1) != 0),
      last_(GetInt(node, "select_last_index", 0) != 0),
      is_max_(is_max) {}

Result<std::vector<TensorInfo>> ArgReduceOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  int64_t rank = static_cast<int64_t>(in[0].shape.size());
  int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
  if (axis < 0 || axis >= rank || in[0].shape[axis] == 0) {
    return Status::Error(Reason::kInvalidModel, label_ + ": axis out of range or empty");
  }
  axis_ = axis;
  std::vector<bool> reduced(rank, false);
  reduced[axis] = true;
  return std::vector<TensorInfo>{
      {true, DType::kInt64, reference::ReduceShape(in[0].shape, reduced, keepdims_), nullptr}};
}

Status ArgReduceOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  reference::ArgReduce(*in[0], axis_, is_max_, last_, out[0]);
  return Status::Ok();
}

namespace {

std::unique_ptr<Op> MakeReduce(const onnx::NodeProto& n) {
  return std::make_unique<ReduceOp>(n, ReduceKindOf(n.op_type()));
}

}  // namespace

ReduceKind ReduceKindOf(const std::string& op_type) {
  for (const ReduceOpType& t : kReduceOpTypes) {
    if (op_type == t.name) return t.kind;
  }
  return ReduceKind::kSum;  // unreachable: only registered op types get here
}

void RegisterReduceOps(OpTable* table) {
  auto& m = *table;
  for (const ReduceOpType& t : kReduceOpTypes) m[t.name] = MakeReduce;
  m["ArgMax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ArgReduceOp>(n, true);
  };
  m["ArgMin"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ArgReduceOp>(n, false);
  };
}

}  // namespace campaign::graph
