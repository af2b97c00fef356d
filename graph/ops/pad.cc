#include "graph/ops/pad.h"

#include <memory>
#include <numeric>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"

namespace campaign::graph {

using reference::PadMode;

namespace {

Result<PadMode> ParseMode(const std::string& label, const std::string& mode) {
  if (mode == "constant") return PadMode::kConstant;
  if (mode == "reflect") return PadMode::kReflect;
  if (mode == "edge") return PadMode::kEdge;
  if (mode == "wrap") return PadMode::kWrap;
  return Status::Error(Reason::kInvalidModel, label + ": unknown mode '" + mode +
                                                  "' (expected constant, reflect, edge or wrap)");
}

// The fill value: input 2 (opset 11+, a constant scalar) or the `value`
// attribute (opset 2); 0 when neither is given.
Result<float> ConstantValue(const std::string& label, const std::vector<TensorInfo>& in,
                            const onnx::NodeProto& node) {
  if (in.size() > 2 && in[2].present) {
    if (!in[2].constant) {
      return Status::Error(Reason::kUnsupportedOp,
                           label +
                               ": constant_value must be a constant (computed values are not "
                               "supported)");
    }
    if (in[2].dtype != DType::kFloat32) {
      return Status::Error(Reason::kInvalidModel, label + ": constant_value is " +
                                                      std::string(DTypeName(in[2].dtype)) +
                                                      ", the data is float32");
    }
    auto v = in[2].constant->values<float>();
    return v.empty() ? 0.0f : v[0];
  }
  return GetFloat(node, "value", 0.0f);
}

}  // namespace

PadOp::PadOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> PadOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 4));
  if (in[0].dtype != DType::kFloat32) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": data is " + std::string(DTypeName(in[0].dtype)) +
                             "; the runner pads float32 (and float16) tensors only");
  }
  ASSIGN_OR_RETURN(p_.mode, ParseMode(label_, GetString(node_, "mode", "constant")));
  ASSIGN_OR_RETURN(auto pads, ConstIntsInput(label_, in, 1, node_, "pads"));
  if (!pads) return Status::Error(Reason::kInvalidModel, label_ + ": pads are required");
  ASSIGN_OR_RETURN(p_.value, ConstantValue(label_, in, node_));
  ASSIGN_OR_RETURN(auto axes_in, ConstIntsInput(label_, in, 3, node_, ""));
  const int64_t rank = static_cast<int64_t>(in[0].shape.size());
  std::vector<int64_t> axes(rank);
  std::iota(axes.begin(), axes.end(), 0);
  if (axes_in) {
    axes.clear();
    for (int64_t a : *axes_in) {
      auto axis = reference::NormalizeAxis(a, rank);
      if (!axis.ok()) return axis.status().WithContext(label_);
      axes.push_back(*axis);
    }
  }
  auto y = reference::PadOutputShape(in[0].shape, *pads, axes, &p_);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status PadOp::RunReference(const std::vector<const HostTensor*>& in,
                           const std::vector<HostTensor*>& out) {
  reference::Pad(*in[0], p_, out[0]);
  return Status::Ok();
}

void RegisterPadOps(OpTable* table) {
  (*table)["Pad"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<PadOp>(n);
  };
}

}  // namespace campaign::graph
