#include "graph/ops/roi_align.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

RoiAlignOp::RoiAlignOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> RoiAlignOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "X"));
  RETURN_IF_ERROR(RequireFloat(label_, in[1], "rois"));
  if (in[2].dtype != DType::kInt64) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": batch_indices must be int64");
  }
  const std::string mode = GetString(node_, "mode", "avg");
  if (mode != "avg" && mode != "max") {
    return Status::Error(Reason::kInvalidModel, label_ + ": unknown mode '" + mode + "'");
  }
  p_.max_mode = mode == "max";
  if (!HasAttribute(node_, "coordinate_transformation_mode")) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ +
                             ": coordinate_transformation_mode is not set, and its default "
                             "depends on the opset (output_half_pixel before 16, half_pixel "
                             "since); set it explicitly");
  }
  const std::string ct = GetString(node_, "coordinate_transformation_mode", "half_pixel");
  if (ct != "half_pixel" && ct != "output_half_pixel") {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": unknown coordinate_transformation_mode '" + ct + "'");
  }
  p_.half_pixel = ct == "half_pixel";
  p_.out_h = GetInt(node_, "output_height", 1);
  p_.out_w = GetInt(node_, "output_width", 1);
  p_.sampling_ratio = GetInt(node_, "sampling_ratio", 0);
  p_.spatial_scale = GetFloat(node_, "spatial_scale", 1.0f);
  const Shape& x = in[0].shape;
  const Shape& r = in[1].shape;
  if (x.size() != 4 || r.size() != 2 || r[1] != 4 || in[2].shape != Shape{r[0]} || p_.out_h <= 0 ||
      p_.out_w <= 0 || p_.sampling_ratio < 0) {
    return Status::Error(Reason::kInvalidModel,
                         label_ +
                             ": expected X [N, C, H, W], rois [R, 4], batch_indices [R] and "
                             "positive output sizes; got " +
                             ShapeToString(x) + ", " + ShapeToString(r) + ", " +
                             ShapeToString(in[2].shape));
  }
  if (in[2].constant) {
    for (int64_t b : in[2].constant->values<int64_t>()) {
      if (b < 0 || b >= x[0]) {
        return Status::Error(Reason::kInvalidModel,
                             label_ + ": batch index " + std::to_string(b) + " out of range");
      }
    }
  }
  return std::vector<TensorInfo>{
      {true, DType::kFloat32, {r[0], x[1], p_.out_h, p_.out_w}, nullptr}};
}

Status RoiAlignOp::RunReference(const std::vector<const HostTensor*>& in,
                                const std::vector<HostTensor*>& out) {
  reference::RoiAlign(*in[0], *in[1], *in[2], p_, out[0]);
  return Status::Ok();
}

void RegisterRoiAlignOps(OpTable* table) {
  (*table)["RoiAlign"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<RoiAlignOp>(n);
  };
}

}  // namespace campaign::graph
