#include "graph/reference/scatter.h"

#include <cstring>
#include <vector>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

namespace {

// Same expressions as scatter_reduce in runner/kernels/scatter.cl.
template <typename T>
T Reduce(T old, T v, ScatterReduction r) {
  switch (r) {
    case ScatterReduction::kAdd:
      return old + v;
    case ScatterReduction::kMul:
      return old * v;
    case ScatterReduction::kMax:
      return v > old ? v : old;
    case ScatterReduction::kMin:
      return v < old ? v : old;
    case ScatterReduction::kNone:
      break;
  }
  return v;
}

Status OutOfRange(const char* op, int64_t v, int64_t dim) {
  return Status::Error(Reason::kInvalidModel, std::string(op) + " index " + std::to_string(v) +
                                                  " is out of range for a dimension of " +
                                                  std::to_string(dim));
}

template <typename T>
Status ScatterNDTyped(const HostTensor& data, const std::vector<int64_t>& idx,
                      const HostTensor& updates, int64_t k, ScatterReduction r, HostTensor* y) {
  const Shape& ds = data.shape();
  auto strides = ContiguousStrides(ds);
  int64_t slice = 1;
  for (size_t d = k; d < ds.size(); ++d) slice *= ds[d];
  int64_t tuples = slice == 0 ? 0 : updates.size() / slice;
  auto out = y->values<T>();
  auto up = updates.values<T>();
  for (int64_t j = 0; j < tuples; ++j) {
    int64_t at = 0;
    for (int64_t d = 0; d < k; ++d) {
      int64_t v = idx[j * k + d];
      if (v < 0) v += ds[d];
      if (v < 0 || v >= ds[d]) return OutOfRange("ScatterND", idx[j * k + d], ds[d]);
      at += v * strides[d];
    }
    for (int64_t q = 0; q < slice; ++q) out[at + q] = Reduce(out[at + q], up[j * slice + q], r);
  }
  return Status::Ok();
}

template <typename T>
Status ScatterElementsTyped(const HostTensor& data, const std::vector<int64_t>& idx,
                            const HostTensor& updates, int64_t axis, ScatterReduction r,
                            HostTensor* y) {
  const Shape& us = updates.shape();
  auto ds = ContiguousStrides(data.shape());
  int64_t dim = data.shape()[axis];
  auto out = y->values<T>();
  auto up = updates.values<T>();
  for (int64_t i = 0; i < updates.size(); ++i) {
    int64_t v = idx[i] < 0 ? idx[i] + dim : idx[i];
    if (v < 0 || v >= dim) return OutOfRange("ScatterElements", idx[i], dim);
    int64_t at = 0, rem = i;
    for (int64_t d = static_cast<int64_t>(us.size()) - 1; d >= 0; --d) {
      int64_t c = rem % us[d];
      rem /= us[d];
      at += (d == axis ? v : c) * ds[d];
    }
    out[at] = Reduce(out[at], up[i], r);
  }
  return Status::Ok();
}

template <template <typename> class F, typename... Args>
Status Dispatch(DType t, Args&&... args) {
  switch (t) {
    case DType::kFloat32:
      return F<float>::Run(args...);
    case DType::kInt32:
      return F<int32_t>::Run(args...);
    case DType::kInt64:
      return F<int64_t>::Run(args...);
    default:
      break;
  }
  return Status::Error(Reason::kUnsupportedOp,
                       "scatter of " + std::string(DTypeName(t)) + " data is not supported");
}

template <typename T>
struct NDRun {
  static Status Run(const HostTensor& data, const std::vector<int64_t>& idx,
                    const HostTensor& updates, int64_t k, ScatterReduction r, HostTensor* y) {
    return ScatterNDTyped<T>(data, idx, updates, k, r, y);
  }
};

template <typename T>
struct ElementsRun {
  static Status Run(const HostTensor& data, const std::vector<int64_t>& idx,
                    const HostTensor& updates, int64_t axis, ScatterReduction r, HostTensor* y) {
    return ScatterElementsTyped<T>(data, idx, updates, axis, r, y);
  }
};

}  // namespace

Result<ScatterReduction> ParseScatterReduction(const std::string& name) {
  if (name == "none") return ScatterReduction::kNone;
  if (name == "add") return ScatterReduction::kAdd;
  if (name == "mul") return ScatterReduction::kMul;
  if (name == "max") return ScatterReduction::kMax;
  if (name == "min") return ScatterReduction::kMin;
  return Status::Error(Reason::kUnsupportedOp, "reduction '" + name + "' is not supported");
}

Status ScatterND(const HostTensor& data, const HostTensor& indices, const HostTensor& updates,
                 ScatterReduction reduction, HostTensor* y) {
  std::memcpy(y->raw(), data.raw(), data.bytes());
  int64_t k = indices.shape().back();
  return Dispatch<NDRun>(data.dtype(), data, ToInt64s(indices), updates, k, reduction, y);
}

Status ScatterElements(const HostTensor& data, const HostTensor& indices, const HostTensor& updates,
                       int64_t axis, ScatterReduction reduction, HostTensor* y) {
  std::memcpy(y->raw(), data.raw(), data.bytes());
  return Dispatch<ElementsRun>(data.dtype(), data, ToInt64s(indices), updates, axis, reduction, y);
}

Status CheckIndexRange(const HostTensor& indices, const std::vector<int64_t>& dims,
                       const std::string& what) {
  std::vector<int64_t> idx = ToInt64s(indices);
  for (size_t i = 0; i < idx.size() && !dims.empty(); ++i) {
    int64_t v = idx[i], dim = dims[i % dims.size()];
    if (v < -dim || v >= dim) {
      return Status::Error(Reason::kInvalidModel, what + ": index " + std::to_string(v) +
                                                      " is out of range for a dimension of " +
                                                      std::to_string(dim));
    }
  }
  return Status::Ok();
}

}  // namespace campaign::graph::reference
