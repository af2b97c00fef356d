#include "graph/ops/quant_linear.h"

#include <algorithm>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/spatial_attrs.h"

namespace campaign::graph {
namespace {

bool IsByte(DType t) { return t == DType::kInt8 || t == DType::kUInt8; }

Status BadType(const std::string& label, const std::string& which, DType t,
               const std::string& want) {
  return Status::Error(Reason::kUnsupportedPrecision, label + ": " + which + " has type " +
                                                          std::string(DTypeName(t)) + "; " + want +
                                                          " is supported");
}

// Checks optional input `i` (a scale when `scale`, else a zero point of
// type `zp_type`) and returns its element count: 0 when absent, else 1 or
// `per` (per row / column / channel; `per_what` names it).
Result<int64_t> ParamCount(const std::string& label, const std::vector<TensorInfo>& in, int i,
                           bool scale, DType zp_type, int64_t per, const std::string& which,
                           const std::string& per_what) {
  if (i < 0 || i >= static_cast<int>(in.size()) || !in[i].present) return int64_t{0};
  const TensorInfo& t = in[i];
  if (scale && t.dtype != DType::kFloat32) return BadType(label, which, t.dtype, "float32");
  if (!scale && t.dtype != zp_type) {
    return BadType(label, which, t.dtype, std::string(DTypeName(zp_type)) + " (the operand's)");
  }
  const int64_t n = NumElements(t.shape);
  if (n == 1) return n;
  if (per > 0 && n == per) return n;
  return Status::Error(Reason::kUnsupportedOp, label + ": " + which + " " + ShapeToString(t.shape) +
                                                   " is neither one value nor one per " + per_what +
                                                   " (" + std::to_string(per) + ")");
}

}  // namespace

// ---- DynamicQuantizeLinear ----

DynamicQuantizeOp::DynamicQuantizeOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> DynamicQuantizeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  if (in[0].dtype != DType::kFloat32) return BadType(label_, "x", in[0].dtype, "float32");
  return std::vector<TensorInfo>{{true, DType::kUInt8, in[0].shape, nullptr},
                                 {true, DType::kFloat32, Shape{}, nullptr},
                                 {true, DType::kUInt8, Shape{}, nullptr}};
}

Status DynamicQuantizeOp::RunReference(const std::vector<const HostTensor*>& in,
                                       const std::vector<HostTensor*>& out) {
  reference::DynamicQuantizeLinear(*in[0], out[0], out[1], out[2]);
  return Status::Ok();
}

// ---- MatMulInteger, QLinearMatMul ----

QMatMulOp::QMatMulOp(const onnx::NodeProto& node, bool qlinear)
    : label_(NodeLabel(node)), qlinear_(qlinear) {
  if (qlinear_) {
    a_ = 0, a_scale_ = 1, a_zp_ = 2, b_ = 3, b_scale_ = 4, b_zp_ = 5, y_scale_ = 6, y_zp_ = 7;
  }
}

Result<std::vector<TensorInfo>> QMatMulOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, qlinear_ ? 8 : 2, qlinear_ ? 8 : 4));
  const TensorInfo& a = in[a_];
  const TensorInfo& b = in[b_];
  if (!IsByte(a.dtype)) return BadType(label_, "A", a.dtype, "int8 or uint8");
  if (!IsByte(b.dtype)) return BadType(label_, "B", b.dtype, "int8 or uint8");
  if (a.shape.size() < 2 || b.shape.size() < 2) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": A " + ShapeToString(a.shape) +
                                                     " or B " + ShapeToString(b.shape) +
                                                     " has rank < 2 (1-D operands unsupported)");
  }
  const size_t ra = a.shape.size(), rb = b.shape.size();
  dims_.m = a.shape[ra - 2];
  dims_.k = a.shape[ra - 1];
  dims_.n = b.shape[rb - 1];
  if (b.shape[rb - 2] != dims_.k) {
    return Status::Error(Reason::kInvalidModel, label_ + ": A " + ShapeToString(a.shape) +
                                                    " and B " + ShapeToString(b.shape) +
                                                    " disagree on K");
  }
  const Shape ab(a.shape.begin(), a.shape.end() - 2), bb(b.shape.begin(), b.shape.end() - 2);
  const int64_t na = NumElements(ab), nb = NumElements(bb);
  Shape batch;
  if (na == 1 && (nb != 1 || bb.size() >= ab.size())) {
    batch = bb;
    if (batch.size() < ab.size()) batch.insert(batch.begin(), ab.size() - batch.size(), 1);
  } else if (nb == 1) {
    batch = ab;
    if (batch.size() < bb.size()) batch.insert(batch.begin(), bb.size() - batch.size(), 1);
  } else {
    Shape pa = ab, pb = bb;
    const size_t r = std::max(pa.size(), pb.size());
    pa.insert(pa.begin(), r - pa.size(), 1);
    pb.insert(pb.begin(), r - pb.size(), 1);
    if (pa != pb) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": batch dims of A " + ShapeToString(a.shape) + " and B " +
                               ShapeToString(b.shape) +
                               " broadcast partially (only equal or one-sided batches)");
    }
    batch = pa;
  }
  dims_.batch = NumElements(batch);
  dims_.a_batch_stride = na == 1 ? 0 : dims_.m * dims_.k;
  dims_.b_batch_stride = nb == 1 ? 0 : dims_.k * dims_.n;
  ASSIGN_OR_RETURN(a_zp_count_, ParamCount(label_, in, a_zp_, false, a.dtype, dims_.m,
                                           "a_zero_point", "row of A"));
  ASSIGN_OR_RETURN(b_zp_count_, ParamCount(label_, in, b_zp_, false, b.dtype, dims_.n,
                                           "b_zero_point", "column of B"));
  y_type_ = DType::kInt32;
  if (qlinear_) {
    ASSIGN_OR_RETURN(a_scale_count_, ParamCount(label_, in, a_scale_, true, a.dtype, dims_.m,
                                                "a_scale", "row of A"));
    ASSIGN_OR_RETURN(b_scale_count_, ParamCount(label_, in, b_scale_, true, b.dtype, dims_.n,
                                                "b_scale", "column of B"));
    y_type_ = in[y_zp_].dtype;
    if (!IsByte(y_type_)) return BadType(label_, "y_zero_point", y_type_, "int8 or uint8");
    ASSIGN_OR_RETURN(int64_t ys, ParamCount(label_, in, y_scale_, true, y_type_, 0, "y_scale",
                                            "(per tensor only)"));
    ASSIGN_OR_RETURN(int64_t yz, ParamCount(label_, in, y_zp_, false, y_type_, 0, "y_zero_point",
                                            "(per tensor only)"));
    if (a_scale_count_ == 0 || b_scale_count_ == 0 || ys == 0 || yz == 0) {
      return Status::Error(Reason::kInvalidModel, label_ + ": a scale or zero point is missing");
    }
  }
  Shape y = batch;
  y.push_back(dims_.m);
  y.push_back(dims_.n);
  return std::vector<TensorInfo>{{true, y_type_, y, nullptr}};
}

Status QMatMulOp::RunReference(const std::vector<const HostTensor*>& in,
                               const std::vector<HostTensor*>& out) {
  auto at = [&](int i) { return i >= 0 && i < static_cast<int>(in.size()) ? in[i] : nullptr; };
  reference::QMatMulParams p;
  p.a_zp = {at(a_zp_), a_zp_count_};
  p.b_zp = {at(b_zp_), b_zp_count_};
  p.qlinear = qlinear_;
  if (qlinear_) {
    p.a_scale = {at(a_scale_), a_scale_count_};
    p.b_scale = {at(b_scale_), b_scale_count_};
    p.y_scale = {at(y_scale_), 1};
    p.y_zp = {at(y_zp_), 1};
  }
  reference::QMatMul(*in[a_], *in[b_], dims_, p, out[0]);
  return Status::Ok();
}

// ---- ConvInteger, QLinearConv ----

QConvOp::QConvOp(const onnx::NodeProto& node, bool qlinear)
    : node_(node), label_(NodeLabel(node)), qlinear_(qlinear) {
  if (qlinear_) {
    x_ = 0, x_scale_ = 1, x_zp_ = 2, w_ = 3, w_scale_ = 4, w_zp_ = 5, y_scale_ = 6, y_zp_ = 7,
    bias_ = 8;
  }
}

Result<std::vector<TensorInfo>> QConvOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, qlinear_ ? 8 : 2, qlinear_ ? 9 : 4));
  const TensorInfo& x = in[x_];
  const TensorInfo& w = in[w_];
  if (!IsByte(x.dtype)) return BadType(label_, "x", x.dtype, "int8 or uint8");
  if (!IsByte(w.dtype)) return BadType(label_, "w", w.dtype, "int8 or uint8");
  if (x.shape.size() != 4 || w.shape.size() != 4) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": x " + ShapeToString(x.shape) +
                                                     " and w " + ShapeToString(w.shape) +
                                                     " must be 4-D (only 2-D convolution)");
  }
  ASSIGN_OR_RETURN(Window2d win, ParseWindow2d(node_, x.shape, {w.shape[2], w.shape[3]}));
  p_ = {win.kernel_h,
        win.kernel_w,
        win.stride_h,
        win.stride_w,
        win.pad_top,
        win.pad_left,
        win.pad_bottom,
        win.pad_right,
        win.dilation_h,
        win.dilation_w,
        GetInt(node_, "group", 1)};
  Result<Shape> y = reference::Conv2dOutputShape(x.shape, w.shape, p_);
  if (!y.ok()) return y.status().WithContext(label_);
  x_shape_ = x.shape;
  w_shape_ = w.shape;
  y_shape_ = *y;
  const int64_t m = w.shape[0];
  ASSIGN_OR_RETURN(int64_t xz, ParamCount(label_, in, x_zp_, false, x.dtype, 0, "x_zero_point",
                                          "(per tensor only)"));
  ASSIGN_OR_RETURN(w_zp_count_, ParamCount(label_, in, w_zp_, false, w.dtype, m, "w_zero_point",
                                           "output channel"));
  (void)xz;
  y_type_ = DType::kInt32;
  if (qlinear_) {
    ASSIGN_OR_RETURN(int64_t xs, ParamCount(label_, in, x_scale_, true, x.dtype, 0, "x_scale",
                                            "(per tensor only)"));
    ASSIGN_OR_RETURN(w_scale_count_, ParamCount(label_, in, w_scale_, true, w.dtype, m, "w_scale",
                                                "output channel"));
    y_type_ = in[y_zp_].dtype;
    if (!IsByte(y_type_)) return BadType(label_, "y_zero_point", y_type_, "int8 or uint8");
    ASSIGN_OR_RETURN(int64_t ys, ParamCount(label_, in, y_scale_, true, y_type_, 0, "y_scale",
                                            "(per tensor only)"));
    ASSIGN_OR_RETURN(int64_t yz, ParamCount(label_, in, y_zp_, false, y_type_, 0, "y_zero_point",
                                            "(per tensor only)"));
    if (xs == 0 || w_scale_count_ == 0 || ys == 0 || yz == 0) {
      return Status::Error(Reason::kInvalidModel, label_ + ": a scale or zero point is missing");
    }
    if (static_cast<int>(in.size()) > bias_ && in[bias_].present) {
      if (in[bias_].dtype != DType::kInt32) {
        return BadType(label_, "B", in[bias_].dtype, "int32");
      }
      if (in[bias_].shape != Shape{m}) {
        return Status::Error(Reason::kInvalidModel, label_ + ": B " +
                                                        ShapeToString(in[bias_].shape) +
                                                        " should be [" + std::to_string(m) + "]");
      }
    } else {
      bias_ = -1;
    }
  }
  return std::vector<TensorInfo>{{true, y_type_, *y, nullptr}};
}

Status QConvOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  auto at = [&](int i) { return i >= 0 && i < static_cast<int>(in.size()) ? in[i] : nullptr; };
  reference::QConvParams q;
  q.x_zp = {at(x_zp_), at(x_zp_) ? 1 : 0};
  q.w_zp = {at(w_zp_), w_zp_count_};
  q.qlinear = qlinear_;
  if (qlinear_) {
    q.bias = at(bias_);
    q.x_scale = {at(x_scale_), 1};
    q.w_scale = {at(w_scale_), w_scale_count_};
    q.y_scale = {at(y_scale_), 1};
    q.y_zp = {at(y_zp_), 1};
  }
  reference::QConv2d(*in[x_], *in[w_], p_, q, out[0]);
  return Status::Ok();
}

void RegisterQuantLinearOps(OpTable* table) {
  auto& t = *table;
  t["DynamicQuantizeLinear"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DynamicQuantizeOp>(n);
  };
  t["MatMulInteger"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<QMatMulOp>(n, false);
  };
  t["QLinearMatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<QMatMulOp>(n, true);
  };
  t["ConvInteger"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<QConvOp>(n, false);
  };
  t["QLinearConv"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<QConvOp>(n, true);
  };
}

}  // namespace campaign::graph
