// The half adapter: runs an existing float32 Op on float16 tensors, so fp16
// engines need no per-op half kernels.
//
// Float16 inputs are converted to float32, the wrapped op runs in float32,
// and its float32 outputs are rounded to float16 (round to nearest even,
// graph/half.h). The device class (runner/ops/half_adapter.h) does the same
// with the cast_f16_f32 / cast_f32_f16 kernels, so device and reference
// agree to float32 accuracy and an fp16 engine's error is that of half
// storage alone. Non-float inputs and outputs (indices, shapes) pass through
// untouched; ops that alias their input (Reshape, Flatten) still alias.
//
// Cost on the device: two extra conversion kernels per half input/output,
// and weights held twice (half, as uploaded, and float). That is "fp16
// storage, fp32 compute"; docs/converter.md has the numbers.
#pragma once

#include <onnx/onnx_pb.h>

#include <memory>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

// True when `node` reads a float16 tensor and has no half implementation of
// its own (every op but Cast and CastLike): a plan then wraps it (OpMaker::WrapHalf)
// before Infer.
bool NeedsHalfAdapter(const onnx::NodeProto& node, const std::vector<TensorInfo>& inputs);

class HalfAdapter : public Op {
 public:
  // Wraps `inner` (REQUIRES: not yet inferred). `label` names the node in
  // errors.
  HalfAdapter(std::unique_ptr<Op> inner, std::string label);

  // Reports float16 for every float32 output of the inner op.
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool AliasesInput() const override { return inner_->AliasesInput(); }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::unique_ptr<Op> inner_;
  std::string label_;
  std::vector<std::unique_ptr<HostTensor>> const_f32_;  // per input: float copy of a constant
  std::vector<std::unique_ptr<HostTensor>> out_const_;  // per output: half copy of a constant
};

}  // namespace campaign::graph
