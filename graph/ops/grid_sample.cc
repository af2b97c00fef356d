#include "graph/ops/grid_sample.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

using reference::GridSampleMode;
using reference::GridSamplePadding;

GridSampleOp::GridSampleOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> GridSampleOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "X"));
  RETURN_IF_ERROR(RequireFloat(label_, in[1], "grid"));
  const std::string mode = GetString(node_, "mode", "linear");
  if (mode == "bilinear" || mode == "linear") {
    p_.mode = GridSampleMode::kLinear;
  } else if (mode == "nearest") {
    p_.mode = GridSampleMode::kNearest;
  } else if (mode == "bicubic" || mode == "cubic") {
    p_.mode = GridSampleMode::kCubic;
  } else {
    return Status::Error(Reason::kInvalidModel, label_ + ": unknown mode '" + mode + "'");
  }
  const std::string pad = GetString(node_, "padding_mode", "zeros");
  if (pad == "zeros") {
    p_.padding = GridSamplePadding::kZeros;
  } else if (pad == "border") {
    p_.padding = GridSamplePadding::kBorder;
  } else if (pad == "reflection") {
    p_.padding = GridSamplePadding::kReflection;
  } else {
    return Status::Error(Reason::kInvalidModel, label_ + ": unknown padding_mode '" + pad + "'");
  }
  p_.align_corners = GetInt(node_, "align_corners", 0) != 0;
  const Shape& x = in[0].shape;
  const Shape& g = in[1].shape;
  if (x.size() != 4) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": only 4-D input is supported; got " + ShapeToString(x));
  }
  if (g.size() != 4 || g[0] != x[0] || g[3] != 2) {
    return Status::Error(Reason::kInvalidModel, label_ + ": grid must be [N, Ho, Wo, 2]; got " +
                                                    ShapeToString(g) + " for X " +
                                                    ShapeToString(x));
  }
  return std::vector<TensorInfo>{{true, DType::kFloat32, {x[0], x[1], g[1], g[2]}, nullptr}};
}

Status GridSampleOp::RunReference(const std::vector<const HostTensor*>& in,
                                  const std::vector<HostTensor*>& out) {
  reference::GridSample(*in[0], *in[1], p_, out[0]);
  return Status::Ok();
}

void RegisterGridSampleOps(OpTable* table) {
  (*table)["GridSample"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GridSampleOp>(n);
  };
}

}  // namespace campaign::graph
