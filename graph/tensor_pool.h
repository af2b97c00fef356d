// TensorPool: host tensors' memory reused between the nodes of reference
// runs, so that a large model's activations are not allocated and
// page-faulted afresh for every node (Executor::RunReference).
#pragma once

#include <cstddef>
#include <map>
#include <utility>

#include "graph/tensor.h"

namespace campaign::graph {

// Holds released tensors by (dtype, bytes). Thread-compatible.
class TensorPool {
 public:
  // A zero-filled tensor of `dtype` and `shape` (as HostTensor(dtype,
  // shape)): the memory of a released tensor of the same dtype and byte
  // size when there is one, else a new allocation.
  HostTensor Take(DType dtype, const Shape& shape);
  // Keeps `t`'s memory for a later Take.
  void Release(HostTensor t);
  // Bytes of the tensors held.
  size_t held_bytes() const { return held_bytes_; }

 private:
  std::multimap<std::pair<DType, size_t>, HostTensor> free_;
  size_t held_bytes_ = 0;
};

}  // namespace campaign::graph
