// NonMaxSuppression: the reference class, an op with data-dependent outputs
// (graph/op.h Op::DataDependentOutputs). Device class: runner/ops/nms.cc;
// arithmetic: graph/reference/nms.h; kernels: runner/kernels/nms.cl.
//
// float32 boxes [B, N, 4] and scores [B, C, N]; max_output_boxes_per_class,
// iou_threshold and score_threshold optional, constants or computed.
// Upper bound of selected_indices: [B * C * min(max_output_boxes_per_class,
// N), 3] when max_output_boxes_per_class is a constant, else [B * C * N, 3].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/nms.h"

namespace campaign::graph {

class NmsOp : public Op {
 public:
  explicit NmsOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool DataDependentOutputs() const override { return true; }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  bool center_point_box_;
  int64_t per_class_bound_ = 0;  // set by Infer
};

}  // namespace campaign::graph
