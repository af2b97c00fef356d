#include "graph/ops/dropout.h"

#include <cstring>
#include <memory>
#include <optional>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

namespace {

// The value of a constant scalar input, or nullopt when it is not one.
std::optional<double> ConstScalar(const TensorInfo& t) {
  if (!t.constant || t.constant->size() != 1) return std::nullopt;
  switch (t.dtype) {
    case DType::kFloat32:
      return t.constant->values<float>()[0];
    case DType::kBool:
      return t.constant->values<uint8_t>()[0];
    default:
      return std::nullopt;
  }
}

}  // namespace

DropoutOp::DropoutOp(const onnx::NodeProto& node)
    : node_(node),
      label_(NodeLabel(node)),
      mask_(node.output_size() > 1 && !node.output(1).empty()) {}

Result<std::vector<TensorInfo>> DropoutOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 3));
  if (in.size() > 2 && in[2].present) {
    auto training = ConstScalar(in[2]);
    if (!training) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": training_mode must be a constant (false)");
    }
    if (*training != 0) {
      // Training drops at random, except with a ratio of 0.
      auto ratio = in.size() > 1 && in[1].present ? ConstScalar(in[1]) : std::optional(0.5);
      if (!ratio || *ratio != 0) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ +
                                 ": training_mode true drops at random (only ratio 0 is "
                                 "supported)");
      }
    }
  }
  std::vector<TensorInfo> out{{true, in[0].dtype, in[0].shape, nullptr}};
  if (mask_) out.push_back({true, DType::kBool, in[0].shape, nullptr});
  return out;
}

Status DropoutOp::RunReference(const std::vector<const HostTensor*>& in,
                               const std::vector<HostTensor*>& out) {
  if (in[0]->bytes() > 0) std::memcpy(out[0]->raw(), in[0]->raw(), in[0]->bytes());
  if (mask_ && out.size() > 1 && out[1]->bytes() > 0) {
    std::memset(out[1]->raw(), 1, out[1]->bytes());
  }
  return Status::Ok();
}

void RegisterDropoutOps(OpTable* table) {
  (*table)["Dropout"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DropoutOp>(n);
  };
}

}  // namespace campaign::graph
