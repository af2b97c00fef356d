#include "graph/ops/resize.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

ResizeOp::ResizeOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {
  p_.mode = GetString(node, "mode", "nearest");
  p_.coordinate_mode = GetString(node, "coordinate_transformation_mode", "half_pixel");
  p_.nearest_mode = GetString(node, "nearest_mode", "round_prefer_floor");
  p_.cubic_a = GetFloat(node, "cubic_coeff_a", -0.75f);
  p_.exclude_outside = GetInt(node, "exclude_outside", 0) != 0;
  p_.extrapolation = GetFloat(node, "extrapolation_value", 0.0f);
}

Result<std::vector<TensorInfo>> ResizeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 4));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  if (in.size() < 3) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": Resize-10 (X, scales) is not supported; use opset 11+");
  }
  std::vector<float> roi, scales;
  std::vector<int64_t> sizes;
  for (size_t i = 1; i < in.size(); ++i) {
    if (!in[i].present) continue;
    if (!in[i].constant) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": roi/scales/sizes must be constant");
    }
    const HostTensor& c = *in[i].constant;
    if (i == 3) {
      if (c.dtype() != DType::kInt64) {
        return Status::Error(Reason::kInvalidModel, label_ + ": sizes must be int64");
      }
      sizes.assign(c.values<int64_t>().begin(), c.values<int64_t>().end());
    } else {
      if (c.dtype() != DType::kFloat32) {
        return Status::Error(Reason::kUnsupportedOp, label_ + ": roi/scales must be float32");
      }
      (i == 1 ? roi : scales).assign(c.values<float>().begin(), c.values<float>().end());
    }
  }
  if (!sizes.empty()) scales.clear();
  if (in[0].shape.size() > 8) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": rank above 8");
  }
  auto y = reference::ResizeShape(in[0].shape, scales, sizes);
  if (!y.ok()) return y.status().WithContext(label_);
  auto t = reference::MakeResizeTables(in[0].shape, *y, scales, roi, p_);
  if (!t.ok()) return t.status().WithContext(label_);
  tables_ = std::move(t).value();
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status ResizeOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Resize(*in[0], tables_, p_.extrapolation, out[0]);
  return Status::Ok();
}

void RegisterResizeOps(OpTable* table) {
  (*table)["Resize"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ResizeOp>(n);
  };
}

}  // namespace campaign::graph
