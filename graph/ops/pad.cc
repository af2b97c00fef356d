#include "graph/ops/pad.h"

#include <cstring>
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

// The fill value's bytes in the data's dtype: input 2 (opset 11+, a
// constant scalar of that dtype) or the `value` attribute (opset 2, a
// float); 0 when neither is given.
Result<uint64_t> ConstantFill(const std::string& label, const std::vector<TensorInfo>& in,
                              const onnx::NodeProto& node) {
  const DType dt = in[0].dtype;
  uint64_t fill = 0;
  if (in.size() > 2 && in[2].present) {
    if (!in[2].constant) {
      return Status::Error(Reason::kUnsupportedOp,
                           label +
                               ": constant_value must be a constant (computed values are not "
                               "supported)");
    }
    if (in[2].dtype != dt) {
      return Status::Error(Reason::kInvalidModel,
                           label + ": constant_value is " + std::string(DTypeName(in[2].dtype)) +
                               ", the data is " + std::string(DTypeName(dt)));
    }
    const HostTensor& v = *in[2].constant;
    if (v.bytes() >= DTypeSize(dt)) std::memcpy(&fill, v.raw(), DTypeSize(dt));
    return fill;
  }
  const float value = GetFloat(node, "value", 0.0f);
  if (dt == DType::kFloat32) return reference::FloatFill(value);
  if (dt == DType::kInt32) {
    int32_t v = static_cast<int32_t>(value);
    std::memcpy(&fill, &v, sizeof v);
  } else {
    int64_t v = static_cast<int64_t>(value);
    std::memcpy(&fill, &v, sizeof v);
  }
  return fill;
}

}  // namespace

PadOp::PadOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> PadOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 4));
  const DType dt = in[0].dtype;
  if (dt != DType::kFloat32 && dt != DType::kInt32 && dt != DType::kInt64) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": data is " + std::string(DTypeName(dt)) +
                             "; the runner pads float32, float16, int32 and int64 tensors only");
  }
  p_.element_size = DTypeSize(dt);
  ASSIGN_OR_RETURN(p_.mode, ParseMode(label_, GetString(node_, "mode", "constant")));
  ASSIGN_OR_RETURN(auto pads, ConstIntsInput(label_, in, 1, node_, "pads"));
  if (!pads) return Status::Error(Reason::kInvalidModel, label_ + ": pads are required");
  ASSIGN_OR_RETURN(p_.fill, ConstantFill(label_, in, node_));
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
  return std::vector<TensorInfo>{{true, dt, *y, nullptr}};
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
