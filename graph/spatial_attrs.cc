#include "graph/spatial_attrs.h"

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

}  // namespace campaign::graph
