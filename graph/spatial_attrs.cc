#include "graph/spatial_attrs.h"

#include <algorithm>
#include <string>

#include "graph/attributes.h"

namespace campaign::graph {

Result<Window2d> ParseWindow2d(const onnx::NodeProto& node, const Shape& x,
                               std::array<int64_t, 2> kernel) {
  std::string label = NodeLabel(node);
  if (x.size() != 4) {
    return Status::Error(Reason::kUnsupportedOp, label + ": input " + ShapeToString(x) +
                                                     " is not 4-D; only 2-D windows are supported");
  }
  auto ks = GetInts(node, "kernel_shape", {kernel[0], kernel[1]});
  auto st = GetInts(node, "strides", {1, 1});
  auto dl = GetInts(node, "dilations", {1, 1});
  auto pd = GetInts(node, "pads", {0, 0, 0, 0});
  if (ks.size() != 2 || st.size() != 2 || dl.size() != 2 || pd.size() != 4) {
    return Status::Error(Reason::kUnsupportedOp,
                         label + ": only 2-D kernel_shape/strides/dilations/pads are supported");
  }
  if (ks[0] <= 0 || ks[1] <= 0 || st[0] <= 0 || st[1] <= 0 || dl[0] <= 0 || dl[1] <= 0) {
    return Status::Error(Reason::kInvalidModel,
                         label + ": kernel_shape, strides and dilations must be positive");
  }
  Window2d w{ks[0], ks[1], st[0], st[1], pd[0], pd[1], pd[2], pd[3], dl[0], dl[1]};
  std::string auto_pad = GetString(node, "auto_pad", "NOTSET");
  if (auto_pad == "VALID") {
    w.pad_top = w.pad_left = w.pad_bottom = w.pad_right = 0;
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    int64_t* begin[2] = {&w.pad_top, &w.pad_left};
    int64_t* end[2] = {&w.pad_bottom, &w.pad_right};
    for (int d = 0; d < 2; ++d) {
      int64_t in = x[2 + d], s = st[d];
      int64_t out = (in + s - 1) / s;
      int64_t total = std::max<int64_t>(0, (out - 1) * s + (ks[d] - 1) * dl[d] + 1 - in);
      int64_t small = total / 2, big = total - small;
      *begin[d] = auto_pad == "SAME_UPPER" ? small : big;
      *end[d] = auto_pad == "SAME_UPPER" ? big : small;
    }
  } else if (auto_pad != "NOTSET") {
    return Status::Error(Reason::kInvalidModel, label + ": unknown auto_pad '" + auto_pad + "'");
  }
  return w;
}

Result<reference::Window3d> ParseWindow3d(const onnx::NodeProto& node, const Shape& x,
                                          const std::vector<int64_t>& kernel,
                                          bool resolve_auto_pad) {
  std::string label = NodeLabel(node);
  if (x.size() < 3 || x.size() > 5) {
    return Status::Error(
        Reason::kUnsupportedOp,
        label + ": input " + ShapeToString(x) + " has not 1 to 3 spatial dimensions (rank 3 to 5)");
  }
  const size_t k = x.size() - 2;
  if (!kernel.empty() && kernel.size() != k) {
    return Status::Error(Reason::kInvalidModel,
                         label + ": the kernel has " + std::to_string(kernel.size()) +
                             " spatial dims, the input " + std::to_string(k));
  }
  if (kernel.empty() && !HasAttribute(node, "kernel_shape")) {
    return Status::Error(Reason::kInvalidModel, label + ": kernel_shape is required");
  }
  auto ks = GetInts(node, "kernel_shape", kernel);
  auto st = GetInts(node, "strides", std::vector<int64_t>(k, 1));
  auto dl = GetInts(node, "dilations", std::vector<int64_t>(k, 1));
  auto pd = GetInts(node, "pads", std::vector<int64_t>(2 * k, 0));
  if (ks.size() != k || st.size() != k || dl.size() != k || pd.size() != 2 * k) {
    return Status::Error(Reason::kInvalidModel,
                         label + ": kernel_shape/strides/dilations/pads do not have " +
                             std::to_string(k) + " spatial dims (pads " + std::to_string(2 * k) +
                             ")");
  }
  reference::Window3d w;
  const size_t o = 3 - k;
  for (size_t d = 0; d < k; ++d) {
    if (ks[d] <= 0 || st[d] <= 0 || dl[d] <= 0) {
      return Status::Error(Reason::kInvalidModel,
                           label + ": kernel_shape, strides and dilations must be positive");
    }
    if (!kernel.empty() && ks[d] != kernel[d]) {
      return Status::Error(Reason::kInvalidModel,
                           label + ": kernel_shape disagrees with the weight's shape");
    }
    w.kernel[o + d] = ks[d];
    w.stride[o + d] = st[d];
    w.dilation[o + d] = dl[d];
    w.pad_begin[o + d] = pd[d];
    w.pad_end[o + d] = pd[k + d];
  }
  if (!resolve_auto_pad) return w;
  std::string auto_pad = GetString(node, "auto_pad", "NOTSET");
  if (auto_pad == "VALID") {
    w.pad_begin = w.pad_end = {0, 0, 0};
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    const reference::Dims3 in = reference::Spatial3(x);
    for (size_t d = o; d < 3; ++d) {
      int64_t s = w.stride[d];
      int64_t out = (in[d] + s - 1) / s;
      int64_t total =
          std::max<int64_t>(0, (out - 1) * s + (w.kernel[d] - 1) * w.dilation[d] + 1 - in[d]);
      int64_t small = total / 2, big = total - small;
      w.pad_begin[d] = auto_pad == "SAME_UPPER" ? small : big;
      w.pad_end[d] = auto_pad == "SAME_UPPER" ? big : small;
    }
  } else if (auto_pad != "NOTSET") {
    return Status::Error(Reason::kInvalidModel, label + ": unknown auto_pad '" + auto_pad + "'");
  }
  return w;
}

}  // namespace campaign::graph
