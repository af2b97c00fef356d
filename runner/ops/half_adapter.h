// The device class of the half adapter (graph/ops/half_adapter.h). An inner
// op that computes float64 in double gets the float64 tensors as they are
// when the device has fp64 (runner/cl/fp64.h, chosen at PrepareDevice);
// otherwise, and for everything else, float16
// inputs converted to float32 by cast_f16_f32 (float64 ones by cast_any)
// into scratch buffers shared by all adapters of a plan (constant inputs
// such as weights once, at PrepareDevice, into buffers the adapter owns),
// the wrapped op's device half run in float32, its outputs converted back by
// cast_f32_f16 (cast_any for float64).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/op.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {

// Float32 device buffers shared by the half adapters of one plan. An
// adapter's float copies of its inputs and outputs live only during its own
// Enqueue (converted in, computed, converted out), and a plan runs its ops
// one after the other on an in-order queue, so slot i of every adapter can
// be the same buffer: the scratch costs (inputs + outputs of the widest op)
// x (the largest activation), not a copy of every activation. Plain buffers,
// not sub-buffers of the workspace (PoCL 5 crashes copying rectangles
// between sub-buffers). Thread-compatible.
class HalfScratch {
 public:
  // Slot `slot` must hold at least `bytes`. REQUIRES: before the first Get.
  void Reserve(size_t slot, size_t bytes);
  // The buffer of `slot`; the first call allocates every slot on `rt`.
  Result<const cl::Buffer*> Get(cl::Runtime& rt, size_t slot);
  // Bytes of all slots (allocated or to be).
  size_t bytes() const;

 private:
  std::vector<size_t> sizes_;
  std::vector<cl::Buffer> buffers_;  // allocated once: addresses stay valid
};

// Wraps `inner`, a device op (REQUIRES: not yet inferred). `label` names the
// node in errors. `scratch` (shared by the plan's adapters) must outlive the
// adapter.
std::unique_ptr<graph::Op> MakeHalfAdapterDevice(std::unique_ptr<graph::Op> inner,
                                                 std::string label, HalfScratch* scratch);

}  // namespace campaign::runner::ops
