#include "graph/ops/shape.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "graph/attributes.h"
#include "graph/half.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/cast.h"

namespace campaign::graph {

LoadTimeOp::LoadTimeOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Status LoadTimeOp::RunReference(const std::vector<const HostTensor*>&,
                                const std::vector<HostTensor*>& out) {
  *out[0] = value_;
  return Status::Ok();
}

Status LoadTimeOp::RequireConstant(const TensorInfo& t, const std::string& which) const {
  if (t.constant) return Status::Ok();
  return Status::Error(
      Reason::kUnsupportedOp,
      label_ + ": " + which + " is computed at run time; the runner needs it constant");
}

ShapeOp::ShapeOp(const onnx::NodeProto& node, bool size) : LoadTimeOp(node), size_(size) {}

Result<std::vector<TensorInfo>> ShapeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  const Shape& x = in[0].shape;
  if (size_) {
    value_ = HostTensor(DType::kInt64, {});
    value_.values<int64_t>()[0] = NumElements(x);
  } else {
    int64_t rank = static_cast<int64_t>(x.size());
    int64_t start = GetInt(node_, "start", 0), end = GetInt(node_, "end", rank);
    if (start < 0) start += rank;
    if (end < 0) end += rank;
    start = std::clamp<int64_t>(start, 0, rank);
    end = std::clamp<int64_t>(end, start, rank);
    value_ = HostTensor(DType::kInt64, {end - start});
    for (int64_t d = start; d < end; ++d) value_.values<int64_t>()[d - start] = x[d];
  }
  return std::vector<TensorInfo>{{true, DType::kInt64, value_.shape(), &value_}};
}

Result<std::vector<TensorInfo>> ConstantOfShapeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireConstant(in[0], "the shape input"));
  HostTensor fill(DType::kFloat32, {1});
  for (const auto& a : node_.attribute()) {
    if (a.name() != "value") continue;
    ASSIGN_OR_RETURN(fill, TensorFromProto(a.t()));
  }
  auto dims = reference::ToInt64s(*in[0].constant);
  value_ = HostTensor(fill.dtype(), Shape(dims.begin(), dims.end()));
  size_t es = DTypeSize(fill.dtype());
  auto* dst = static_cast<std::byte*>(value_.raw());
  for (int64_t i = 0; i < value_.size(); ++i) std::memcpy(dst + i * es, fill.raw(), es);
  return std::vector<TensorInfo>{{true, value_.dtype(), value_.shape(), &value_}};
}

Result<std::vector<TensorInfo>> RangeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  for (int i = 0; i < 3; ++i) RETURN_IF_ERROR(RequireConstant(in[i], "start/limit/delta"));
  DType t = in[0].dtype;
  auto get = [&](int i) -> double {
    const HostTensor& c = *in[i].constant;
    return reference::ValueAsDouble(c, 0);
  };
  double start = get(0), limit = get(1), delta = get(2);
  if (delta == 0 || t == DType::kBool) {
    return Status::Error(Reason::kInvalidModel, label_ + ": delta is 0");
  }
  int64_t n = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((limit - start) / delta)));
  HostTensor values(DType::kFloat64, {n});
  for (int64_t i = 0; i < n; ++i) {
    values.values<double>()[i] = start + static_cast<double>(i) * delta;
  }
  value_ = HostTensor(t, {n});
  reference::Cast(values, &value_);
  return std::vector<TensorInfo>{{true, t, value_.shape(), &value_}};
}

Result<std::vector<TensorInfo>> EyeLikeOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  const Shape& s = in[0].shape;
  if (s.size() != 2) {
    return Status::Error(Reason::kInvalidModel, label_ + ": input must be 2-D");
  }
  DType t = in[0].dtype;
  if (HasAttribute(node_, "dtype")) {
    auto dt = DTypeFromOnnx(static_cast<int32_t>(GetInt(node_, "dtype", 1)), label_ + " dtype");
    if (!dt.ok()) return dt.status();
    t = *dt;
  }
  int64_t k = GetInt(node_, "k", 0);
  value_ = HostTensor(t, s);
  size_t es = DTypeSize(t);
  HostTensor one(DType::kFloat32, {1});
  one.values<float>()[0] = 1.0f;
  HostTensor typed_one(t, {1});
  reference::Cast(one, &typed_one);
  auto* dst = static_cast<std::byte*>(value_.raw());
  for (int64_t r = 0; r < s[0]; ++r) {
    int64_t c = r + k;
    if (c >= 0 && c < s[1]) std::memcpy(dst + (r * s[1] + c) * es, typed_one.raw(), es);
  }
  return std::vector<TensorInfo>{{true, t, value_.shape(), &value_}};
}

void RegisterShapeOps(OpTable* table) {
  auto& t = *table;
  t["Shape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ShapeOp>(n, false);
  };
  t["Size"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ShapeOp>(n, true);
  };
  t["ConstantOfShape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ConstantOfShapeOp>(n);
  };
  t["Range"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<RangeOp>(n);
  };
  t["EyeLike"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<EyeLikeOp>(n);
  };
}

}  // namespace campaign::graph
