#include "graph/ops/nms.h"

#include <algorithm>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

NmsOp::NmsOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), center_point_box_(GetInt(node, "center_point_box", 0) != 0) {}

Result<std::vector<TensorInfo>> NmsOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 5));
  const Shape& boxes = in[0].shape;
  const Shape& scores = in[1].shape;
  if (in[0].dtype != DType::kFloat32 || in[1].dtype != DType::kFloat32) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": the runner takes float32 boxes and scores");
  }
  if (boxes.size() != 3 || boxes[2] != 4 || scores.size() != 3 || scores[0] != boxes[0] ||
      scores[2] != boxes[1]) {
    return Status::Error(Reason::kInvalidModel, label_ + ": boxes " + ShapeToString(boxes) +
                                                    " and scores " + ShapeToString(scores) +
                                                    " are not [B, N, 4] and [B, C, N]");
  }
  if (in.size() > 2 && in[2].present && in[2].dtype != DType::kInt64) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": max_output_boxes_per_class must be int64");
  }
  for (size_t i = 3; i < in.size(); ++i) {
    if (in[i].present && in[i].dtype != DType::kFloat32) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": thresholds must be float32");
    }
  }
  for (size_t i = 2; i < in.size(); ++i) {
    if (in[i].present && NumElements(in[i].shape) != 1) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": input " + std::to_string(i) + " must hold one value");
    }
  }
  const int64_t n = boxes[1];
  per_class_bound_ = n;
  if (in.size() <= 2 || !in[2].present) {
    per_class_bound_ = 0;
  } else if (in[2].constant) {
    per_class_bound_ = std::clamp<int64_t>(in[2].constant->values<int64_t>()[0], 0, n);
  }
  Shape y{scores[0] * scores[1] * per_class_bound_, 3};
  return std::vector<TensorInfo>{{true, DType::kInt64, y, nullptr}};
}

Status NmsOp::RunReference(const std::vector<const HostTensor*>& in,
                           const std::vector<HostTensor*>& out) {
  auto given = [&](size_t i) { return in.size() > i && in[i]; };
  reference::NmsParams p;
  p.center_point_box = center_point_box_;
  p.max_per_class = given(2) ? in[2]->values<int64_t>()[0] : 0;
  p.iou_threshold = given(3) ? in[3]->values<float>()[0] : 0.0f;
  if (given(4)) p.score_threshold = in[4]->values<float>()[0];
  return reference::NonMaxSuppression(*in[0], *in[1], p, out[0]);
}

void RegisterNmsOps(OpTable* table) {
  (*table)["NonMaxSuppression"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<NmsOp>(n);
  };
}

}  // namespace campaign::graph
