#include "graph/ops/max_unpool.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/max_unpool.h"

namespace campaign::graph {

MaxUnpoolOp::MaxUnpoolOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> MaxUnpoolOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
  if (in[0].dtype != DType::kFloat32) {
    return Status::Error(Reason::kUnsupportedPrecision, label_ + ": X has type " +
                                                            std::string(DTypeName(in[0].dtype)) +
                                                            "; only float32 is supported");
  }
  if (in[1].dtype != DType::kInt64 || in[1].shape != in[0].shape) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": I must be int64 of X's shape " + ShapeToString(in[0].shape));
  }
  if (HasAttribute(node_, "auto_pad") && GetString(node_, "auto_pad", "NOTSET") != "NOTSET") {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": auto_pad is not supported");
  }
  ASSIGN_OR_RETURN(Shape y, reference::MaxUnpoolOutputShape(
                                in[0].shape, GetInts(node_, "kernel_shape", {}),
                                GetInts(node_, "strides", {}), GetInts(node_, "pads", {}), label_));
  ASSIGN_OR_RETURN(auto given, ConstIntsInput(label_, in, 2, node_, ""));
  const int64_t total = NumElements(y);
  planes_ = {1, 1, total, 1, total};
  if (given && Shape(given->begin(), given->end()) != y) {
    // Indices address the default shape; the extra rows / columns go at the
    // end. Beyond one extra per dim ONNX does not say where they go.
    bool ok = y.size() == 4 && given->size() == 4 && (*given)[0] == y[0] && (*given)[1] == y[1];
    for (size_t d = 2; ok && d < 4; ++d) ok = (*given)[d] - y[d] == 0 || (*given)[d] - y[d] == 1;
    if (!ok) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": output_shape " + ShapeToString(Shape(*given)) +
                               " differs from the default " + ShapeToString(y) +
                               " by more than one trailing row/column of a 4-D output");
    }
    planes_ = {y[0] * y[1], y[2], y[3], (*given)[2], (*given)[3]};
    y = *given;
  }
  return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
}

Status MaxUnpoolOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  reference::MaxUnpool(*in[0], *in[1], planes_, out[0]);
  return Status::Ok();
}

void RegisterMaxUnpoolOps(OpTable* table) {
  (*table)["MaxUnpool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<MaxUnpoolOp>(n);
  };
}

}  // namespace campaign::graph
