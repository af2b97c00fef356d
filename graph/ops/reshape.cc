#include "graph/ops/reshape.h"

#include <cstring>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/reshape.h"

namespace campaign::graph {

AliasOp::AliasOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Status AliasOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  std::memcpy(out[0]->raw(), in[0]->raw(), in[0]->bytes());
  return Status::Ok();
}

Result<std::vector<TensorInfo>> ReshapeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  if (!in[1].constant || in[1].dtype != DType::kInt64 || in[1].shape.size() != 1) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ +
                             ": the target shape must be a 1-D int64 initializer "
                             "(run the converter to fold shape computations)");
  }
  auto y = reference::ReshapeOutputShape(in[0].shape, in[1].constant->values<int64_t>(),
                                         GetInt(node_, "allowzero", 0) != 0);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, in[0].dtype, *y, nullptr}};
}

Result<std::vector<TensorInfo>> FlattenOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  auto y = reference::FlattenOutputShape(in[0].shape, GetInt(node_, "axis", 1));
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, in[0].dtype, *y, nullptr}};
}

Result<std::vector<TensorInfo>> IdentityOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  return std::vector<TensorInfo>{{true, in[0].dtype, in[0].shape, nullptr}};
}

AxesAliasOp::AxesAliasOp(const onnx::NodeProto& node, bool unsqueeze)
    : node_(node), label_(NodeLabel(node)), unsqueeze_(unsqueeze) {}

Result<std::vector<TensorInfo>> AxesAliasOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
  ASSIGN_OR_RETURN(auto axes, ConstIntsInput(label_, in, 1, node_, "axes"));
  const Shape& x = in[0].shape;
  Shape y;
  if (unsqueeze_) {
    if (!axes) return Status::Error(Reason::kInvalidModel, label_ + ": axes are required");
    int64_t rank = static_cast<int64_t>(x.size() + axes->size());
    std::vector<bool> inserted(rank, false);
    for (int64_t a : *axes) {
      int64_t n = a < 0 ? a + rank : a;
      if (n < 0 || n >= rank || inserted[n]) {
        return Status::Error(Reason::kInvalidModel, label_ + ": bad axis " + std::to_string(a));
      }
      inserted[n] = true;
    }
    size_t k = 0;
    for (int64_t d = 0; d < rank; ++d) y.push_back(inserted[d] ? 1 : x[k++]);
  } else {
    int64_t rank = static_cast<int64_t>(x.size());
    std::vector<bool> drop(rank, false);
    if (!axes) {
      for (int64_t d = 0; d < rank; ++d) drop[d] = x[d] == 1;
    } else {
      for (int64_t a : *axes) {
        int64_t n = a < 0 ? a + rank : a;
        if (n < 0 || n >= rank || x[n] != 1) {
          return Status::Error(Reason::kInvalidModel,
                               label_ + ": cannot squeeze axis " + std::to_string(a));
        }
        drop[n] = true;
      }
    }
    for (int64_t d = 0; d < rank; ++d) {
      if (!drop[d]) y.push_back(x[d]);
    }
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, y, nullptr}};
}

Status AxesAliasOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  if (in[0]->bytes() > 0) std::memcpy(out[0]->raw(), in[0]->raw(), in[0]->bytes());
  return Status::Ok();
}

void RegisterReshapeOps(OpTable* table) {
  auto& t = *table;
  t["Reshape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ReshapeOp>(n);
  };
  t["Flatten"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FlattenOp>(n);
  };
  t["Identity"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<IdentityOp>(n);
  };
  t["Unsqueeze"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<AxesAliasOp>(n, true);
  };
  t["Squeeze"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<AxesAliasOp>(n, false);
  };
}

}  // namespace campaign::graph
