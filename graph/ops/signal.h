// The signal family, reference classes: HannWindow, HammingWindow,
// BlackmanWindow and MelWeightMatrix (opset 17; their outputs depend only on
// constant inputs, so Infer computes them and the plan folds them at load,
// like ConstantOfShape), DFT (opset 17: real or complex input, dft_length,
// any axis but the last, inverse, onesided for real forward transforms),
// STFT (opset 17: real or complex signal, optional window, onesided for real
// signals) and Det (float32 [..., M, M]). Data float32 (float16 through the
// half adapter). Arithmetic: graph/reference/signal.h; device classes:
// runner/ops/signal.cc; kernels: runner/kernels/signal.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/ops/shape.h"
#include "graph/reference/signal.h"

namespace campaign::graph {

// HannWindow, HammingWindow, BlackmanWindow: input `size` a constant
// integer scalar; attributes periodic (default 1) and output_datatype
// (default float32; any type the runner carries, values cast as Cast does).
class WindowOp : public LoadTimeOp {
 public:
  WindowOp(const onnx::NodeProto& node, reference::WindowKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;

 private:
  reference::WindowKind kind_;
};

// MelWeightMatrix: num_mel_bins, dft_length, sample_rate (integer scalars),
// lower_edge_hertz, upper_edge_hertz (float scalars), all constant; output
// [dft_length / 2 + 1, num_mel_bins] of output_datatype (default float32).
class MelWeightMatrixOp : public LoadTimeOp {
 public:
  using LoadTimeOp::LoadTimeOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

// DFT and STFT: both a batch of strided DFTs (reference::DftParams); the
// STFT's frames overlap in the signal and take the window input.
class DftOp : public Op {
 public:
  DftOp(const onnx::NodeProto& node, bool stft);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  Result<std::vector<TensorInfo>> InferDft(const std::vector<TensorInfo>& in);
  Result<std::vector<TensorInfo>> InferStft(const std::vector<TensorInfo>& in);
  // The window input (STFT input 2) when present.
  bool has_window() const { return stft_ && window_; }

  onnx::NodeProto node_;
  std::string label_;
  bool stft_;
  bool window_ = false;     // set by Infer
  reference::DftParams p_;  // set by Infer
};

// Det: float32 [..., M, M] -> [...].
class DetOp : public Op {
 public:
  explicit DetOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  int64_t m_ = 0;  // matrix order, set by Infer
};

}  // namespace campaign::graph
