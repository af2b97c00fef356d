// The half adapter: runs an existing float32 Op on float16 or float64
// tensors, so fp16 engines and DOUBLE models need no per-op kernels.
//
// Float16 and float64 inputs are converted to float32, the wrapped op runs
// in float32, and its float32 outputs are converted to the storage type: the
// type of the first float16/float64 input (float16: round to nearest even,
// graph/half.h; float64: exact widening).
//
// Float64 in double: an inner op that ComputesFloat64() (float64_compute.h: the
// elementwise arithmetic, comparisons and Max/Min/Sum/Mean) gets its float64
// tensors as they are and computes them in double, on the reference and on a
// device with fp64 (runner/cl/fp64.h); on a device without it the device adapter falls
// back to the float32 path below (runner/ops/half_adapter.h).
//
// Float64 precision otherwise: TensorRT's convention for DOUBLE models. The storage is
// double, the arithmetic float32: inputs round to float32 (values beyond the
// float range become +-inf, below it 0) and results carry float32 accuracy
// (about 7 significant digits). A finite float64 input beyond the float32
// range is refused (kUnsupportedPrecision; at build time for constants, at
// run time for activations, also on the device), not turned into inf; a
// result that overflows float32 in the computation is inf. Not adapted, so exact on double: Cast
// and CastLike (exact conversions), IsInf/IsNaN (which read the bits), and the ops that only move
// elements (Reshape, Flatten, Identity, Squeeze, Unsqueeze, Transpose, Slice, Expand, Split,
// Concat, Gather, GatherElements, Trilu, Where). docs/conformance.md lists what that means for
// ONNX's float64 test cases. The device class (runner/ops/half_adapter.h) does the same with the
// cast_f16_f32 / cast_f32_f16 kernels, so device and reference agree to float32 accuracy and an
// fp16 engine's error is that of half storage alone. Non-float inputs and outputs (indices, shapes)
// pass through untouched; ops that alias their input (Reshape, Flatten) still alias.
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

// True when `node` reads a float16 or float64 tensor and has no
// implementation of its own for them (every op but Cast, CastLike, IsInf and
// IsNaN; for float64 alone also the element-moving ops listed above): a plan
// then wraps it (OpMaker::WrapHalf) before Infer.
bool NeedsHalfAdapter(const onnx::NodeProto& node, const std::vector<TensorInfo>& inputs);

class HalfAdapter : public Op {
 public:
  // Wraps `inner` (REQUIRES: not yet inferred). `label` names the node in
  // errors.
  HalfAdapter(std::unique_ptr<Op> inner, std::string label);

  // Reports the storage type for every float32 output of the inner op.
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool AliasesInput() const override { return inner_->AliasesInput(); }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::unique_ptr<Op> inner_;
  std::string label_;
  DType storage_ = DType::kFloat16;  // kFloat16 or kFloat64, set by Infer
  // Set by Infer: every input float64 (no mixed-type Pow) and an inner op that
  // ComputesFloat64(): the inner op sees and computes the float64 tensors.
  bool passes_float64_ = false;
  // With passes_float64_: kUnsupportedPrecision when a float64 constant input
  // is beyond the float32 range (for a device falling back to float32).
  Status const_range_;
  std::vector<std::unique_ptr<HostTensor>> const_f32_;  // per input: float copy of a constant
  std::vector<std::unique_ptr<HostTensor>> out_const_;  // per output: stored copy of a constant
};

// float16 or float64: the types the adapter computes in float32.
bool IsFloatStorage(DType t);
// kUnsupportedPrecision naming `label` when a float64 `t` holds a finite
// value beyond the float32 range (it would become inf); Ok otherwise.
Status CheckFloatRange(const HostTensor& t, const std::string& label);

}  // namespace campaign::graph
