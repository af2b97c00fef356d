#include "graph/ops/movement.h"

#include <memory>
#include <string>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/elementwise.h"

namespace campaign::graph {

using reference::StridedView;

ViewOp::ViewOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Status ViewOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  for (size_t k = 0; k < out.size(); ++k) reference::StridedCopy(*in[0], views_[k], out[k]);
  return Status::Ok();
}

std::vector<TensorInfo> ViewOp::Outputs(DType dt) const {
  std::vector<TensorInfo> r;
  for (const Shape& s : shapes_) r.push_back({true, dt, s, nullptr});
  return r;
}

Result<std::vector<TensorInfo>> TransposeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  auto perm = reference::NormalizePerm(GetInts(node_, "perm", {}),
                                       static_cast<int64_t>(in[0].shape.size()));
  if (!perm.ok()) return perm.status().WithContext(label_);
  shapes_ = {reference::TransposeShape(in[0].shape, *perm)};
  views_ = {reference::TransposeView(in[0].shape, *perm)};
  return Outputs(in[0].dtype);
}

Result<std::vector<TensorInfo>> SliceOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 5));
  ASSIGN_OR_RETURN(auto starts, ConstIntsInput(label_, in, 1, node_, "starts"));
  ASSIGN_OR_RETURN(auto ends, ConstIntsInput(label_, in, 2, node_, "ends"));
  ASSIGN_OR_RETURN(auto axes, ConstIntsInput(label_, in, 3, node_, "axes"));
  ASSIGN_OR_RETURN(auto steps, ConstIntsInput(label_, in, 4, node_, ""));
  if (!starts || !ends) {
    return Status::Error(Reason::kInvalidModel, label_ + ": starts and ends are required");
  }
  StridedView v;
  auto y = reference::SliceShape(in[0].shape, *starts, *ends, axes.value_or(std::vector<int64_t>{}),
                                 steps.value_or(std::vector<int64_t>{}), &v);
  if (!y.ok()) return y.status().WithContext(label_);
  shapes_ = {*y};
  views_ = {v};
  return Outputs(in[0].dtype);
}

Result<std::vector<TensorInfo>> ExpandOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  ASSIGN_OR_RETURN(auto shape, ConstIntsInput(label_, in, 1, node_, ""));
  std::vector<int64_t> dims = shape.value_or(std::vector<int64_t>{});
  auto y = reference::BroadcastShape(in[0].shape, Shape(dims.begin(), dims.end()));
  if (!y.ok()) return y.status().WithContext(label_);
  shapes_ = {*y};
  views_ = {{0, reference::BroadcastStrides(in[0].shape, *y), {}}};
  return Outputs(in[0].dtype);
}

Result<std::vector<TensorInfo>> SplitOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
  int64_t rank = static_cast<int64_t>(in[0].shape.size());
  auto axis = reference::NormalizeAxis(GetInt(node_, "axis", 0), rank);
  if (!axis.ok()) return axis.status().WithContext(label_);
  ASSIGN_OR_RETURN(auto split, ConstIntsInput(label_, in, 1, node_, "split"));
  int64_t outputs = node_.output_size(), dim = in[0].shape[*axis];
  std::vector<int64_t> sizes;
  if (split) {
    sizes = *split;
  } else {
    if (outputs == 0 || dim % outputs != 0) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": uneven split without explicit sizes is not supported");
    }
    sizes.assign(outputs, dim / outputs);
  }
  int64_t total = 0;
  for (int64_t s : sizes) total += s;
  if (static_cast<int64_t>(sizes.size()) != outputs || total != dim) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": split sizes do not add up to " + std::to_string(dim));
  }
  shapes_.clear();
  views_.clear();
  int64_t start = 0;
  for (int64_t s : sizes) {
    Shape y = in[0].shape;
    y[*axis] = s;
    shapes_.push_back(y);
    views_.push_back(reference::AxisRangeView(in[0].shape, *axis, start));
    start += s;
  }
  return Outputs(in[0].dtype);
}

Result<std::vector<TensorInfo>> TileOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  ASSIGN_OR_RETURN(auto repeats, ConstIntsInput(label_, in, 1, node_, ""));
  StridedView v;
  auto y = reference::TileShape(in[0].shape, repeats.value_or(std::vector<int64_t>{}), &v);
  if (!y.ok()) return y.status().WithContext(label_);
  shapes_ = {*y};
  views_ = {v};
  return Outputs(in[0].dtype);
}

DepthSpaceOp::DepthSpaceOp(const onnx::NodeProto& node, bool depth_to_space)
    : ViewOp(node), depth_to_space_(depth_to_space) {}

Result<std::vector<TensorInfo>> DepthSpaceOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  int64_t bs = GetInt(node_, "blocksize", 0);
  std::string mode = GetString(node_, "mode", "DCR");
  if (depth_to_space_ && mode != "DCR" && mode != "CRD") {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": mode '" + mode + "' is unknown");
  }
  StridedView v;
  auto y = depth_to_space_ ? reference::DepthToSpaceShape(in[0].shape, bs, mode == "CRD", &v)
                           : reference::SpaceToDepthShape(in[0].shape, bs, &v);
  if (!y.ok()) return y.status().WithContext(label_);
  shapes_ = {*y};
  views_ = {v};
  return Outputs(in[0].dtype);
}

namespace {

template <typename T>
std::unique_ptr<Op> MakeView(const onnx::NodeProto& n) {
  return std::make_unique<T>(n);
}

}  // namespace

void RegisterMovementOps(OpTable* table) {
  auto& t = *table;
  t["Transpose"] = MakeView<TransposeOp>;
  t["Slice"] = MakeView<SliceOp>;
  t["Expand"] = MakeView<ExpandOp>;
  t["Split"] = MakeView<SplitOp>;
  t["Tile"] = MakeView<TileOp>;
  t["DepthToSpace"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DepthSpaceOp>(n, true);
  };
  t["SpaceToDepth"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DepthSpaceOp>(n, false);
  };
}

}  // namespace campaign::graph
