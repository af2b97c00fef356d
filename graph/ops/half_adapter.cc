#include "graph/ops/half_adapter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <string>

#include "graph/half.h"
#include "graph/ops/float64_compute.h"

namespace campaign::graph {

HalfAdapter::HalfAdapter(std::unique_ptr<Op> inner, std::string label)
    : inner_(std::move(inner)), label_(std::move(label)) {}

bool IsFloatStorage(DType t) { return t == DType::kFloat16 || t == DType::kFloat64; }

Status CheckFloatRange(const HostTensor& t, const std::string& label) {
  if (t.dtype() != DType::kFloat64) return Status::Ok();
  for (double v : t.values<double>()) {
    if (std::isfinite(v) && std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max())) {
      char value[32];
      std::snprintf(value, sizeof(value), "%.6g", v);
      return Status::Error(Reason::kUnsupportedPrecision,
                           label + ": float64 value " + value +
                               " is beyond the float32 range the runner computes float64 in");
    }
  }
  return Status::Ok();
}

Result<std::vector<TensorInfo>> HalfAdapter::Infer(const std::vector<TensorInfo>& in) {
  std::vector<TensorInfo> f32 = in;
  const_f32_.clear();
  const_f32_.resize(in.size());
  storage_ = DType::kFloat16;
  for (size_t i = in.size(); i-- > 0;) {
    if (in[i].present && IsFloatStorage(in[i].dtype)) storage_ = in[i].dtype;  // the first one
  }
  const auto* f64 = dynamic_cast<const Float64Compute*>(inner_.get());
  passes_float64_ = storage_ == DType::kFloat64 && f64 && f64->ComputesFloat64();
  for (size_t i = in.size(); i-- > 0;) {
    if (in[i].present && in[i].dtype != DType::kFloat64) passes_float64_ = false;
  }
  const_range_ = Status::Ok();
  for (size_t i = 0; i < in.size(); ++i) {
    if (!in[i].present || !IsFloatStorage(in[i].dtype)) continue;
    f32[i].dtype = DType::kFloat32;
    if (in[i].constant) {
      Status range = CheckFloatRange(*in[i].constant, label_);
      if (!passes_float64_) RETURN_IF_ERROR(range);
      if (const_range_.ok()) const_range_ = range;
      const_f32_[i] = std::make_unique<HostTensor>(ToFloat32(*in[i].constant));
      f32[i].constant = const_f32_[i].get();
    }
  }
  // Float copies of constants stay for a device without float64 (the device
  // adapter's fallback); the inner op itself sees the float64 tensors.
  if (passes_float64_) return inner_->Infer(in);
  ASSIGN_OR_RETURN(std::vector<TensorInfo> out, inner_->Infer(f32));
  out_const_.clear();
  out_const_.resize(out.size());
  for (size_t j = 0; j < out.size(); ++j) {
    if (out[j].dtype != DType::kFloat32) continue;
    out[j].dtype = storage_;
    if (out[j].constant) {
      out_const_[j] = std::make_unique<HostTensor>(FromFloat32(*out[j].constant, storage_));
      out[j].constant = out_const_[j].get();
    }
  }
  return out;
}

Status HalfAdapter::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  if (passes_float64_) return inner_->RunReference(in, out);
  std::vector<HostTensor> converted(in.size());
  std::vector<const HostTensor*> f32_in = in;
  for (size_t i = 0; i < in.size(); ++i) {
    if (!in[i] || !IsFloatStorage(in[i]->dtype())) continue;
    if (i < const_f32_.size() && const_f32_[i]) {
      f32_in[i] = const_f32_[i].get();
    } else {
      RETURN_IF_ERROR(CheckFloatRange(*in[i], label_));
      converted[i] = ToFloat32(*in[i]);
      f32_in[i] = &converted[i];
    }
  }
  std::vector<HostTensor> results(out.size());
  std::vector<HostTensor*> f32_out = out;
  for (size_t j = 0; j < out.size(); ++j) {
    if (out[j]->dtype() != storage_) continue;
    results[j] = HostTensor(DType::kFloat32, out[j]->shape());
    f32_out[j] = &results[j];
  }
  RETURN_IF_ERROR(inner_->RunReference(f32_in, f32_out));
  for (size_t j = 0; j < out.size(); ++j) {
    if (f32_out[j] == out[j]) continue;
    if (storage_ == DType::kFloat16) {
      FloatsToHalves(results[j].values<float>(), out[j]->values<uint16_t>());
    } else {
      std::copy(results[j].values<float>().begin(), results[j].values<float>().end(),
                out[j]->values<double>().begin());
    }
  }
  return Status::Ok();
}

bool NeedsHalfAdapter(const onnx::NodeProto& node, const std::vector<TensorInfo>& inputs) {
  const std::string& op = node.op_type();
  if ((op == "Cast" || op == "CastLike" || op == "IsInf" || op == "IsNaN") &&
      (node.domain().empty() || node.domain() == "ai.onnx")) {
    return false;
  }
  bool half = false, dbl = false;
  for (const TensorInfo& t : inputs) {
    if (!t.present) continue;
    half = half || t.dtype == DType::kFloat16;
    dbl = dbl || t.dtype == DType::kFloat64;
  }
  if (half) return true;
  if (!dbl) return false;
  // Ops that only move elements (by their size, on the reference and the
  // device) carry float64 exactly.
  static const std::set<std::string> kMoves = {
      "Reshape", "Flatten", "Identity", "Squeeze", "Unsqueeze",      "Transpose", "Slice",
      "Expand",  "Split",   "Concat",   "Gather",  "GatherElements", "Trilu",     "Where"};
  return !(kMoves.count(op) && (node.domain().empty() || node.domain() == "ai.onnx"));
}

}  // namespace campaign::graph
