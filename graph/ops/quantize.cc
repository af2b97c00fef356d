#include "graph/ops/quantize.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

QuantOp::QuantOp(const onnx::NodeProto& node, bool quantize)
    : label_(NodeLabel(node)), quantize_(quantize), axis_attr_(GetInt(node, "axis", 1)) {}

Result<std::vector<TensorInfo>> QuantOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
  RETURN_IF_ERROR(RequireFloat(label_, in[1], "the scale"));
  has_zp_ = in.size() > 2 && in[2].present;
  const DType x = in[0].dtype;
  DType y = DType::kFloat32;
  if (quantize_) {
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "the input"));
    y = has_zp_ ? in[2].dtype : DType::kUInt8;
    if (y != DType::kInt8 && y != DType::kUInt8) return BadType("the zero point", y);
  } else {
    if (x != DType::kInt8 && x != DType::kUInt8 && x != DType::kInt32) {
      return BadType("the input", x);
    }
    if (has_zp_ && in[2].dtype != x) return BadType("the zero point", in[2].dtype);
  }
  ASSIGN_OR_RETURN(
      axis_, reference::ResolveQuantAxis(in[0].shape, in[1].shape, has_zp_ ? &in[2].shape : nullptr,
                                         axis_attr_, label_));
  return std::vector<TensorInfo>{{true, y, in[0].shape, nullptr}};
}

Status QuantOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  const HostTensor* zp = in.size() > 2 ? in[2] : nullptr;
  if (quantize_) {
    reference::QuantizeLinear(*in[0], *in[1], zp, axis_, out[0]);
  } else {
    reference::DequantizeLinear(*in[0], *in[1], zp, axis_, out[0]);
  }
  return Status::Ok();
}

Status QuantOp::BadType(std::string_view which, DType t) const {
  return Status::Error(Reason::kUnsupportedPrecision,
                       label_ + ": " + std::string(which) + " has type " +
                           std::string(DTypeName(t)) +
                           (quantize_ ? "; QuantizeLinear produces int8 or uint8"
                                      : "; DequantizeLinear reads int8, uint8 or int32"));
}

void RegisterQuantizeOps(OpTable* table) {
  auto& t = *table;
  t["QuantizeLinear"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<QuantOp>(n, true);
  };
  t["DequantizeLinear"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<QuantOp>(n, false);
  };
}

}  // namespace campaign::graph
