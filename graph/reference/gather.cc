#include "graph/reference/gather.h"

#include <cstring>
#include <string>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

Shape GatherShape(const Shape& data, const Shape& indices, int64_t axis) {
  Shape out(data.begin(), data.begin() + axis);
  out.insert(out.end(), indices.begin(), indices.end());
  out.insert(out.end(), data.begin() + axis + 1, data.end());
  return out;
}

Status Gather(const HostTensor& x, const HostTensor& indices, int64_t axis, HostTensor* y) {
  int64_t outer = 1, inner = 1, dim = x.shape()[axis];
  for (int64_t d = 0; d < axis; ++d) outer *= x.shape()[d];
  for (size_t d = axis + 1; d < x.shape().size(); ++d) inner *= x.shape()[d];
  std::vector<int64_t> idx = ToInt64s(indices);
  size_t es = DTypeSize(x.dtype());
  const auto* src = static_cast<const std::byte*>(x.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  int64_t nidx = static_cast<int64_t>(idx.size());
  for (int64_t j = 0; j < nidx; ++j) {
    int64_t k = idx[j] < 0 ? idx[j] + dim : idx[j];
    if (k < 0 || k >= dim) {
      return Status::Error(Reason::kInvalidModel, "Gather index " + std::to_string(idx[j]) +
                                                      " is out of range for a dimension of " +
                                                      std::to_string(dim));
    }
    for (int64_t o = 0; o < outer; ++o) {
      std::memcpy(dst + ((o * nidx + j) * inner) * es, src + ((o * dim + k) * inner) * es,
                  inner * es);
    }
  }
  return Status::Ok();
}

Status GatherElements(const HostTensor& x, const HostTensor& indices, int64_t axis, HostTensor* y) {
  const Shape& out = y->shape();
  auto xs = ContiguousStrides(x.shape());
  std::vector<int64_t> idx = ToInt64s(indices);
  size_t es = DTypeSize(x.dtype());
  int64_t dim = x.shape()[axis];
  const auto* src = static_cast<const std::byte*>(x.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  for (int64_t i = 0; i < y->size(); ++i) {
    int64_t k = idx[i] < 0 ? idx[i] + dim : idx[i];
    if (k < 0 || k >= dim) {
      return Status::Error(Reason::kInvalidModel,
                           "GatherElements index " + std::to_string(idx[i]) + " is out of range");
    }
    int64_t at = 0, rem = i;
    for (int64_t d = static_cast<int64_t>(out.size()) - 1; d >= 0; --d) {
      int64_t c = rem % out[d];
      rem /= out[d];
      at += (d == axis ? k : c) * xs[d];
    }
    std::memcpy(dst + i * es, src + at * es, es);
  }
  return Status::Ok();
}

Shape GatherNDShape(const Shape& data, const Shape& indices, int64_t batch_dims) {
  Shape out(indices.begin(), indices.end() - 1);
  out.insert(out.end(), data.begin() + batch_dims + indices.back(), data.end());
  return out;
}

Status GatherND(const HostTensor& x, const HostTensor& indices, int64_t batch_dims, HostTensor* y) {
  const Shape& ds = x.shape();
  int64_t k = indices.shape().back();
  auto strides = ContiguousStrides(ds);
  int64_t slice = 1, batches = 1;
  for (int64_t d = 0; d < batch_dims; ++d) batches *= ds[d];
  for (size_t d = batch_dims + k; d < ds.size(); ++d) slice *= ds[d];
  int64_t batch_stride = batch_dims == 0 ? x.size() : strides[batch_dims - 1];
  std::vector<int64_t> idx = ToInt64s(indices);
  int64_t tuples = static_cast<int64_t>(idx.size()) / k,
          per_batch = batches == 0 ? 0 : tuples / batches;
  size_t es = DTypeSize(x.dtype());
  const auto* src = static_cast<const std::byte*>(x.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  for (int64_t t = 0; t < tuples; ++t) {
    int64_t at = (t / per_batch) * batch_stride;
    for (int64_t d = 0; d < k; ++d) {
      int64_t dim = ds[batch_dims + d], v = idx[t * k + d];
      if (v < 0) v += dim;
      if (v < 0 || v >= dim) {
        return Status::Error(Reason::kInvalidModel,
                             "GatherND index " + std::to_string(idx[t * k + d]) +
                                 " is out of range for a dimension of " + std::to_string(dim));
      }
      at += v * strides[batch_dims + d];
    }
    std::memcpy(dst + t * slice * es, src + at * es, slice * es);
  }
  return Status::Ok();
}

}  // namespace campaign::graph::reference
