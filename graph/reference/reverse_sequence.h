// Reference ReverseSequence. Byte-generic: any DType. Op class:
// graph/ops/reverse_sequence.h; device class: runner/ops/reverse_sequence.cc;
// kernels: runner/kernels/reverse_sequence.cl.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// For each batch b (along `batch_axis`), reverses the first lens[b] elements
// along `time_axis`; the rest is copied. kInvalidModel for a length outside
// [0, time extent].
Status ReverseSequence(const HostTensor& x, const HostTensor& lens, int64_t batch_axis,
                       int64_t time_axis, HostTensor* y);

}  // namespace campaign::graph::reference
