// LSTM, GRU and RNN (opsets 7 and 14): one reference class for the three
// recurrences. Inputs X, W, R, optional B, sequence_lens (absent or a
// constant: its values size the work), initial_h, initial_c and P (LSTM);
// outputs Y, Y_h, Y_c (LSTM), each optional (absent or an empty name).
// Attributes: direction (forward, reverse, bidirectional), hidden_size,
// activations with activation_alpha/beta (the eleven ONNX names), clip,
// input_forget (LSTM), linear_before_reset (GRU), layout 0 and 1. Float32
// (float16 through the half adapter). Arithmetic: graph/reference/rnn.h;
// device class: runner/ops/rnn.cc; kernels: runner/kernels/rnn.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/rnn.h"

namespace campaign::graph {

class RecurrentOp : public Op {
 public:
  RecurrentOp(const onnx::NodeProto& node, reference::RnnCell cell);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  // Input indices of the ONNX signature.
  static constexpr size_t kX = 0, kW = 1, kR = 2, kB = 3, kSeqLens = 4, kH0 = 5, kC0 = 6, kP = 7;
  // Output k (0 Y, 1 Y_h, 2 Y_c): its position in the outputs the plan
  // passes (absent outputs are left out), or -1 when not requested.
  int out_slot_[3] = {-1, -1, -1};

  onnx::NodeProto node_;
  std::string label_;
  reference::RnnParams p_;  // set by Infer
  bool has_[8] = {};        // which inputs are present; set by Infer

 private:
  Status ParseAttributes(int64_t directions);
};

}  // namespace campaign::graph
