#include "graph/ops/reverse_sequence.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/reverse_sequence.h"

namespace campaign::graph {

ReverseSequenceOp::ReverseSequenceOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)),
      batch_axis_(GetInt(node, "batch_axis", 1)),
      time_axis_(GetInt(node, "time_axis", 0)) {}

Result<std::vector<TensorInfo>> ReverseSequenceOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  const Shape& s = in[0].shape;
  bool ok = s.size() >= 2 && batch_axis_ != time_axis_ && (batch_axis_ == 0 || batch_axis_ == 1) &&
            (time_axis_ == 0 || time_axis_ == 1);
  if (!ok || (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) ||
      in[1].shape != Shape{s[batch_axis_]}) {
    return Status::Error(Reason::kInvalidModel,
                         label_ +
                             ": needs rank >= 2, batch_axis and time_axis 0 and 1 (or 1 and "
                             "0), and one int64/int32 length per batch");
  }
  if (in[1].constant) {
    for (int64_t v : reference::ToInt64s(*in[1].constant)) {
      if (v < 0 || v > s[time_axis_]) {
        return Status::Error(Reason::kInvalidModel, label_ + ": sequence length " +
                                                        std::to_string(v) + " is out of range");
      }
    }
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, s, nullptr}};
}

Status ReverseSequenceOp::RunReference(const std::vector<const HostTensor*>& in,
                                       const std::vector<HostTensor*>& out) {
  Status st = reference::ReverseSequence(*in[0], *in[1], batch_axis_, time_axis_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

void RegisterReverseSequenceOps(OpTable* table) {
  (*table)["ReverseSequence"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ReverseSequenceOp>(n);
  };
}

}  // namespace campaign::graph
