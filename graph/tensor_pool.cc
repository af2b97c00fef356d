#include "graph/tensor_pool.h"

#include <algorithm>
#include <cstring>

#include "graph/reference/parallel.h"

namespace campaign::graph {

HostTensor TensorPool::Take(DType dtype, const Shape& shape) {
  const size_t bytes = static_cast<size_t>(NumElements(shape)) * DTypeSize(dtype);
  auto it = free_.find({dtype, bytes});
  if (it == free_.end()) return HostTensor(dtype, shape);
  HostTensor t = std::move(it->second);
  free_.erase(it);
  held_bytes_ -= bytes;
  // Reference ops may accumulate into their outputs: hand back zeros, as a
  // fresh tensor would be. Same dtype and bytes, so the element count matches.
  // In parallel, 64 KiB blocks: a batch-32 activation is hundreds of MiB.
  constexpr size_t kBlock = 64 * 1024;
  auto* p = static_cast<std::byte*>(t.raw());
  reference::ParallelFor(static_cast<int64_t>((bytes + kBlock - 1) / kBlock), kBlock / 16,
                         [&](int64_t begin, int64_t end) {
                           const size_t from = static_cast<size_t>(begin) * kBlock;
                           const size_t to = std::min(bytes, static_cast<size_t>(end) * kBlock);
                           std::memset(p + from, 0, to - from);
                         });
  t.Reshape(shape);
  return t;
}

void TensorPool::Release(HostTensor t) {
  if (t.bytes() == 0) return;
  held_bytes_ += t.bytes();
  const std::pair<DType, size_t> key{t.dtype(), t.bytes()};
  free_.emplace(key, std::move(t));
}

}  // namespace campaign::graph
