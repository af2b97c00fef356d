#include "graph/ops/signal.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/half.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/cast.h"

namespace campaign::graph {

namespace {

// The one value of a constant scalar (or one-element) input as a double:
// integer, float32 or float16. kUnsupportedOp when computed at run time.
Result<double> ConstScalar(const std::string& label, const TensorInfo& t, const std::string& which,
                           bool integer) {
  if (!t.present) {
    return Status::Error(Reason::kInvalidModel, label + ": " + which + " is missing");
  }
  if (!t.constant) {
    return Status::Error(Reason::kUnsupportedOp, label + ": " + which +
                                                     " is computed at run time; the runner "
                                                     "needs it constant");
  }
  const HostTensor& c = *t.constant;
  if (c.size() != 1) {
    return Status::Error(Reason::kInvalidModel, label + ": " + which + " must be a scalar, got " +
                                                    ShapeToString(c.shape()));
  }
  switch (c.dtype()) {
    case DType::kInt64:
    case DType::kInt32:
      return static_cast<double>(reference::ToInt64s(c)[0]);
    case DType::kFloat32:
      if (!integer) return static_cast<double>(c.values<float>()[0]);
      break;
    case DType::kFloat16:
      if (!integer) return static_cast<double>(HalfToFloat(c.values<uint16_t>()[0]));
      break;
    default:
      break;
  }
  return Status::Error(Reason::kInvalidModel, label + ": " + which + " has element type " +
                                                  std::string(DTypeName(c.dtype())) +
                                                  "; expected " +
                                                  (integer ? "int32 or int64" : "a number"));
}

Result<int64_t> ConstIntScalar(const std::string& label, const TensorInfo& t,
                               const std::string& which) {
  ASSIGN_OR_RETURN(double v, ConstScalar(label, t, which, true));
  return static_cast<int64_t>(v);
}

// `values` (double) as a constant tensor of the node's output_datatype.
Result<HostTensor> TypedConstant(const std::string& label, const onnx::NodeProto& node,
                                 const std::vector<double>& values, const Shape& shape) {
  ASSIGN_OR_RETURN(
      DType dt,
      DTypeFromOnnx(static_cast<int32_t>(GetInt(node, "output_datatype", onnx::TensorProto::FLOAT)),
                    label + ": output_datatype"));
  HostTensor f(DType::kFloat32, shape);
  auto v = f.values<float>();
  for (size_t i = 0; i < values.size(); ++i) v[i] = static_cast<float>(values[i]);
  if (dt == DType::kFloat32) return f;
  HostTensor typed(dt, shape);
  reference::Cast(f, &typed);
  return typed;
}

Status RequireSignal(const std::string& label, const TensorInfo& x) {
  RETURN_IF_ERROR(RequireFloat(label, x, "the signal"));
  if (x.shape.size() < 2 || (x.shape.back() != 1 && x.shape.back() != 2)) {
    return Status::Error(Reason::kInvalidModel,
                         label +
                             ": the signal must be [..., 1] (real) or [..., 2] (complex), got " +
                             ShapeToString(x.shape));
  }
  return Status::Ok();
}

}  // namespace

WindowOp::WindowOp(const onnx::NodeProto& node, reference::WindowKind kind)
    : LoadTimeOp(node), kind_(kind) {}

Result<std::vector<TensorInfo>> WindowOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  ASSIGN_OR_RETURN(int64_t size, ConstIntScalar(label_, in[0], "size"));
  if (size < 0) {
    return Status::Error(Reason::kInvalidModel, label_ + ": size " + std::to_string(size) + " < 0");
  }
  const bool periodic = GetInt(node_, "periodic", 1) != 0;
  ASSIGN_OR_RETURN(value_,
                   TypedConstant(label_, node_, reference::Window(kind_, size, periodic), {size}));
  return std::vector<TensorInfo>{{true, value_.dtype(), value_.shape(), &value_}};
}

Result<std::vector<TensorInfo>> MelWeightMatrixOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 5, 5));
  ASSIGN_OR_RETURN(int64_t bins, ConstIntScalar(label_, in[0], "num_mel_bins"));
  ASSIGN_OR_RETURN(int64_t dft_length, ConstIntScalar(label_, in[1], "dft_length"));
  ASSIGN_OR_RETURN(int64_t rate, ConstIntScalar(label_, in[2], "sample_rate"));
  ASSIGN_OR_RETURN(double lower, ConstScalar(label_, in[3], "lower_edge_hertz", false));
  ASSIGN_OR_RETURN(double upper, ConstScalar(label_, in[4], "upper_edge_hertz", false));
  auto m = reference::MelWeightMatrix(bins, dft_length, rate, lower, upper);
  if (!m.ok()) return m.status().WithContext(label_);
  ASSIGN_OR_RETURN(value_, TypedConstant(label_, node_, *m, {dft_length / 2 + 1, bins}));
  return std::vector<TensorInfo>{{true, value_.dtype(), value_.shape(), &value_}};
}

DftOp::DftOp(const onnx::NodeProto& node, bool stft)
    : node_(node), label_(NodeLabel(node)), stft_(stft) {}

Result<std::vector<TensorInfo>> DftOp::Infer(const std::vector<TensorInfo>& in) {
  return stft_ ? InferStft(in) : InferDft(in);
}

// DFT-17/20: input [..., L, ..., 1|2], DFT along `axis` over dft_length points
// (the signal zero-padded or truncated), output [..., bins, ..., 2].
Result<std::vector<TensorInfo>> DftOp::InferDft(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 3));
  RETURN_IF_ERROR(RequireSignal(label_, in[0]));
  const Shape& x = in[0].shape;
  const int64_t rank = static_cast<int64_t>(x.size());
  // Opset 17 has the axis attribute (default 1); opset 20 the third input
  // (default -2), negative counting from the back.
  int64_t axis = GetInt(node_, "axis", 1);
  if (in.size() > 2) {
    axis = -2;
    if (in[2].present) {
      ASSIGN_OR_RETURN(axis, ConstIntScalar(label_, in[2], "axis"));
    }
  }
  const int64_t given_axis = axis;
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank - 2) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": axis " + std::to_string(given_axis) +
                             " is not a signal axis of " + ShapeToString(x) +
                             " (the last dim holds the real/imaginary parts)");
  }
  const int64_t len = x[axis];
  int64_t n = len;
  if (in.size() > 1 && in[1].present) {
    ASSIGN_OR_RETURN(n, ConstIntScalar(label_, in[1], "dft_length"));
  }
  if (n < 1) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": dft_length " + std::to_string(n) + " must be positive");
  }
  const bool inverse = GetInt(node_, "inverse", 0) != 0;
  const bool onesided = GetInt(node_, "onesided", 0) != 0;
  p_ = {};
  p_.comps = x.back();
  if (onesided && (inverse || p_.comps == 2)) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": onesided is supported for forward DFTs of real input only");
  }
  p_.outer = 1;
  for (int64_t d = 0; d < axis; ++d) p_.outer *= x[d];
  p_.inner = 1;
  for (int64_t d = axis + 1; d < rank - 1; ++d) p_.inner *= x[d];
  p_.frames = 1;
  p_.bins = onesided ? n / 2 + 1 : n;
  p_.x_outer = len * p_.inner;
  p_.x_n = p_.inner;
  p_.x_inner = 1;
  p_.x_frame = 0;
  p_.n_avail = std::min(len, n);
  p_.length = n;
  p_.inverse = inverse;
  Shape y = x;
  y[axis] = p_.bins;
  y.back() = 2;
  return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
}

// STFT-17: signal [batch, len, 1|2], frame_step, window [frame_length],
// frame_length; output [batch, frames, bins, 2].
Result<std::vector<TensorInfo>> DftOp::InferStft(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 4));
  RETURN_IF_ERROR(RequireSignal(label_, in[0]));
  const Shape& x = in[0].shape;
  if (x.size() != 3) {
    return Status::Error(Reason::kInvalidModel, label_ +
                                                    ": the signal must be [batch, length, "
                                                    "1|2], got " +
                                                    ShapeToString(x));
  }
  ASSIGN_OR_RETURN(int64_t step, ConstIntScalar(label_, in[1], "frame_step"));
  window_ = in.size() > 2 && in[2].present;
  int64_t frame_length = -1;
  if (window_) {
    RETURN_IF_ERROR(RequireFloat(label_, in[2], "the window"));
    if (in[2].shape.size() != 1) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": the window must be 1-D, got " + ShapeToString(in[2].shape));
    }
    frame_length = in[2].shape[0];
  }
  if (in.size() > 3 && in[3].present) {
    ASSIGN_OR_RETURN(int64_t fl, ConstIntScalar(label_, in[3], "frame_length"));
    if (window_ && fl != frame_length) {
      return Status::Error(Reason::kInvalidModel, label_ + ": frame_length " + std::to_string(fl) +
                                                      " differs from the window's length " +
                                                      std::to_string(frame_length));
    }
    frame_length = fl;
  }
  if (frame_length < 0) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": needs a window or a frame_length to size its frames");
  }
  const int64_t len = x[1];
  if (step < 1 || frame_length < 1 || frame_length > len) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": frame_step " + std::to_string(step) + " and frame_length " +
                             std::to_string(frame_length) + " do not frame a signal of " +
                             std::to_string(len) + " samples");
  }
  const bool onesided = GetInt(node_, "onesided", 1) != 0;
  p_ = {};
  p_.comps = x[2];
  if (onesided && p_.comps == 2) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": onesided is supported for real signals only");
  }
  p_.outer = x[0];
  p_.frames = (len - frame_length) / step + 1;
  p_.bins = onesided ? frame_length / 2 + 1 : frame_length;
  p_.inner = 1;
  p_.x_outer = len;
  p_.x_frame = step;
  p_.x_n = 1;
  p_.x_inner = 0;
  p_.n_avail = frame_length;
  p_.length = frame_length;
  p_.inverse = false;
  return std::vector<TensorInfo>{
      {true, DType::kFloat32, Shape{x[0], p_.frames, p_.bins, 2}, nullptr}};
}

Status DftOp::RunReference(const std::vector<const HostTensor*>& in,
                           const std::vector<HostTensor*>& out) {
  const float* window = has_window() ? in[2]->values<float>().data() : nullptr;
  reference::Dft(in[0]->values<float>().data(), window, p_, out[0]->values<float>().data());
  return Status::Ok();
}

DetOp::DetOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> DetOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "the input"));
  const Shape& x = in[0].shape;
  if (x.size() < 2 || x[x.size() - 1] != x[x.size() - 2]) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": expects square matrices [..., M, M], got " + ShapeToString(x));
  }
  m_ = x.back();
  return std::vector<TensorInfo>{{true, DType::kFloat32, Shape(x.begin(), x.end() - 2), nullptr}};
}

Status DetOp::RunReference(const std::vector<const HostTensor*>& in,
                           const std::vector<HostTensor*>& out) {
  reference::Det(*in[0], out[0]);
  return Status::Ok();
}

void RegisterSignalOps(OpTable* table) {
  auto& t = *table;
  using reference::WindowKind;
  t["HannWindow"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<WindowOp>(n, WindowKind::kHann);
  };
  t["HammingWindow"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<WindowOp>(n, WindowKind::kHamming);
  };
  t["BlackmanWindow"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<WindowOp>(n, WindowKind::kBlackman);
  };
  t["MelWeightMatrix"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<MelWeightMatrixOp>(n);
  };
  t["DFT"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DftOp>(n, false);
  };
  t["STFT"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DftOp>(n, true);
  };
  t["Det"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<DetOp>(n);
  };
}

}  // namespace campaign::graph
