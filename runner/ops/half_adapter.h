// The half adapter: runs an existing float32 Op on float16 tensors, so fp16
// engines need no per-op half kernels.
//
// Float16 inputs are converted to float32 (device: cast_f16_f32 into
// scratch buffers shared by all adapters of a plan; constant inputs such as
// weights once, at PrepareDevice, into buffers the adapter owns), the
// wrapped op runs in
// float32, and its float32 outputs are rounded to float16 (cast_f32_f16,
// round to nearest even). The reference path does the same on the host with
// graph/half.h, so device and reference agree to float32 accuracy and an
// fp16 engine's error is that of half storage alone. Non-float inputs and
// outputs (indices, shapes) pass through untouched; ops that alias their
// input (Reshape, Flatten) still alias.
//
// Cost: two extra conversion kernels per half input/output, and weights held
// on the device twice (half, as uploaded by the executor, and float). That is
// "fp16 storage, fp32 compute"; docs/converter.md has the numbers.
#pragma once

#include <onnx/onnx_pb.h>

#include <memory>
#include <string>
#include <vector>

#include "runner/ops/op.h"

namespace campaign::runner::ops {

// True when `node` reads a float16 tensor and has no half implementation of
// its own (every op but Cast): the executor then wraps it with
// MakeHalfAdapter before Infer.
bool NeedsHalfAdapter(const onnx::NodeProto& node, const std::vector<TensorInfo>& inputs);

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

// Wraps `inner` (REQUIRES: not yet inferred). `label` names the node in
// errors. The adapter's Infer reports float16 for every float32 output of
// `inner` when any input was float16. `scratch` (shared by the plan's
// adapters) must outlive the adapter.
std::unique_ptr<Op> MakeHalfAdapter(std::unique_ptr<Op> inner, std::string label,
                                    HalfScratch* scratch);

}  // namespace campaign::runner::ops
