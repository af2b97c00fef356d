#include "graph/ops/conv_transpose.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/spatial_attrs.h"

namespace campaign::graph {

ConvTransposeOp::ConvTransposeOp(const onnx::NodeProto& node)
    : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> ConvTransposeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
  for (const auto& t : in) {
    if (t.present) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  }
  const Shape& x = in[0].shape;
  const Shape& w = in[1].shape;
  if (x.size() < 3 || x.size() > 5 || w.size() != x.size()) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": input " + ShapeToString(x) + " and weight " +
                             ShapeToString(w) +
                             ": only 1-D to 3-D ConvTranspose (equal ranks 3 to 5) is supported");
  }
  const size_t k = x.size() - 2, o = 3 - k;
  const int64_t group = GetInt(node_, "group", 1);
  if (group <= 0 || x[1] % group != 0 || w[0] != x[1]) {
    return Status::Error(Reason::kInvalidModel, label_ + ": weight " + ShapeToString(w) +
                                                    " does not fit input " + ShapeToString(x) +
                                                    " with group " + std::to_string(group));
  }
  ASSIGN_OR_RETURN(p_.win,
                   ParseWindow3d(node_, x, std::vector<int64_t>(w.begin() + 2, w.end()), false));
  p_.group = group;
  auto op = GetInts(node_, "output_padding", std::vector<int64_t>(k, 0));
  auto os = GetInts(node_, "output_shape", {});
  if (op.size() != k || (!os.empty() && os.size() != k && os.size() != k + 2)) {
    return Status::Error(Reason::kInvalidModel, label_ +
                                                    ": output_padding/output_shape do not have " +
                                                    std::to_string(k) + " spatial dims");
  }
  if (os.size() == k + 2) os.erase(os.begin(), os.begin() + 2);
  const std::string auto_pad = GetString(node_, "auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && auto_pad != "SAME_UPPER" &&
      auto_pad != "SAME_LOWER") {
    return Status::Error(Reason::kInvalidModel, label_ + ": unknown auto_pad '" + auto_pad + "'");
  }
  const reference::Dims3 xin = reference::Spatial3(x);
  Shape y{x[0], w[1] * group};
  for (size_t d = 0; d < k; ++d) {
    reference::Window3d& win = p_.win;
    const size_t a = o + d;
    if (op[d] < 0) {
      return Status::Error(Reason::kInvalidModel, label_ + ": negative output_padding");
    }
    const int64_t full = reference::ConvTransposeFullSize(xin[a], win.kernel[a], win.stride[a],
                                                          win.dilation[a], op[d]);
    int64_t out = 0;
    if (!os.empty() || auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      out = !os.empty() ? os[d] : xin[a] * win.stride[a];
      const int64_t total = full - out;
      // floor(total / 2), as the ONNX reference computes it (total < 0 when
      // output_shape exceeds the full result).
      const int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
      win.pad_begin[a] = auto_pad == "SAME_UPPER" ? half : total - half;
      win.pad_end[a] = total - win.pad_begin[a];
    } else {
      if (auto_pad == "VALID") win.pad_begin[a] = win.pad_end[a] = 0;
      out = full - win.pad_begin[a] - win.pad_end[a];
    }
    if (out <= 0) {
      return Status::Error(Reason::kInvalidModel, label_ + ": output extent " +
                                                      std::to_string(out) + " of dim " +
                                                      std::to_string(d) + " is not positive");
    }
    y.push_back(out);
  }
  has_bias_ = in.size() > 2 && in[2].present;
  if (has_bias_ && in[2].shape != Shape{y[1]}) {
    return Status::Error(Reason::kInvalidModel, label_ + ": bias " + ShapeToString(in[2].shape) +
                                                    " should be [" + std::to_string(y[1]) + "]");
  }
  x_ = x;
  y_ = y;
  return std::vector<TensorInfo>{{true, DType::kFloat32, y_, nullptr}};
}

Status ConvTransposeOp::RunReference(const std::vector<const HostTensor*>& in,
                                     const std::vector<HostTensor*>& out) {
  reference::ConvTranspose(*in[0], *in[1], has_bias_ ? in[2] : nullptr, p_, out[0]);
  return Status::Ok();
}

void RegisterConvTransposeOps(OpTable* table) {
  (*table)["ConvTranspose"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ConvTransposeOp>(n);
  };
}

}  // namespace campaign::graph
