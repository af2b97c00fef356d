// LSTM, GRU and RNN: the device class (reference class: graph/ops/rnn.h).
// Per inference: one CLBlast GEMM per direction for the input projections
// of every step (X [rows, I] times W[d]^T into the workspace), then one
// rnn_step launch per time step (GRU without linear_before_reset: an
// rnn_gru_reset launch before each), which adds H(t-1) R^T and the biases
// and applies the gates for every (direction, batch, hidden unit). Both
// directions advance in the same launch. A constant R is uploaded
// transposed so that the work items of neighbouring hidden units read
// neighbouring words (coalesced on GPUs). Kernels: runner/kernels/rnn.cl.
#include "graph/ops/rnn.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "runner/ops/clblast_gemm.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

namespace reference = graph::reference;
using reference::RnnCell;

// Flag bits of rnn.cl.
enum RnnFlags : int {
  kHasBias = 1,
  kHasPeep = 2,
  kHasH0 = 4,
  kHasC0 = 8,
  kHasY = 16,
  kHasYh = 32,
  kHasYc = 64,
  kReverse = 128,
  kHasClip = 256,
  kInputForget = 512,
  kLinearBeforeReset = 1024,
};

class RecurrentDevice final : public graph::RecurrentOp, public DeviceOp {
 public:
  using RecurrentOp::RecurrentOp;

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    ASSIGN_OR_RETURN(auto out, RecurrentOp::Infer(in));
    r_const_ = in[kR].constant;
    return out;
  }

  // The input projections: [D][S*B][G*H] floats.
  size_t WorkspaceBytes() const override {
    return static_cast<size_t>(p_.directions * p_.seq * p_.batch *
                               reference::RnnGateCount(p_.cell) * p_.hidden) *
           sizeof(float);
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    const int64_t D = p_.directions, S = p_.seq, B = p_.batch, H = p_.hidden, I = p_.input;
    const int64_t G = reference::RnnGateCount(p_.cell);
    RETURN_IF_ERROR(graph::ToInt(D * S * B * G * H, label_).status());
    RETURN_IF_ERROR(graph::ToInt(D * G * H * std::max(H, I), label_).status());
    ASSIGN_OR_RETURN(items_, graph::ToInt(D * B * H, label_));
    steps_ = static_cast<int>(S);
    cl_mem xw = ws->get();
    gemms_.clear();
    // xw[d] = X W[d]^T: X's rows in their stored order (t, b) or (b, t).
    for (int64_t d = 0; d < D; ++d) {
      GemmCall g;
      g.trans_b = true;
      g.m = static_cast<size_t>(S * B);
      g.n = static_cast<size_t>(G * H);
      g.k = static_cast<size_t>(I);
      g.a = in[kX].buffer->get();
      g.b = in[kW].buffer->get();
      g.c = xw;
      g.b_offset = static_cast<size_t>(d * G * H * I);
      g.c_offset = static_cast<size_t>(d * S * B * G * H);
      g.lda = g.k;
      g.ldb = g.k;
      g.ldc = g.n;
      gemms_.push_back(g);
    }
    // States: two halves of H (ping-pong), C, and GRU's r . H(t-1).
    const size_t state = static_cast<size_t>(D * B * H) * sizeof(float);
    ASSIGN_OR_RETURN(hstate_, rt.CreateBuffer(2 * state));
    ASSIGN_OR_RETURN(cstate_, rt.CreateBuffer(state));
    const bool gru_reset = p_.cell == RnnCell::kGru && !p_.linear_before_reset;
    if (gru_reset) {
      ASSIGN_OR_RETURN(rh_, rt.CreateBuffer(state));
    }
    // meta: the sequence lengths, then (code, alpha bits, beta bits) per activation.
    std::vector<int64_t> meta;
    for (int64_t b = 0; b < B; ++b) meta.push_back(reference::RnnLength(p_, b));
    for (const auto& f : p_.activations) {
      int32_t a, bt;
      std::memcpy(&a, &f.alpha, 4);
      std::memcpy(&bt, &f.beta, 4);
      meta.insert(meta.end(), {static_cast<int64_t>(f.kind), a, bt});
    }
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    // A constant R goes up transposed, [D][H][G*H]: the work items of
    // neighbouring hidden units then read neighbouring words of it.
    cl_mem r = in[kR].buffer->get();
    int r_row = static_cast<int>(H), r_k = 1;
    if (r_const_) {
      const auto src = r_const_->values<float>();
      std::vector<float> host(src.size());
      for (int64_t d = 0; d < D; ++d) {
        for (int64_t gj = 0; gj < G * H; ++gj) {
          for (int64_t k = 0; k < H; ++k) {
            host[(d * H + k) * G * H + gj] = src[(d * G * H + gj) * H + k];
          }
        }
      }
      ASSIGN_OR_RETURN(r_transposed_, rt.CreateBuffer(host.size() * sizeof(float)));
      RETURN_IF_ERROR(rt.Write(r_transposed_, host.data(), host.size() * sizeof(float), true));
      r = r_transposed_.get();
      r_row = 1;
      r_k = static_cast<int>(G * H);
    }

    auto buf = [&](size_t i) { return has_[i] ? in[i].buffer->get() : xw; };
    auto outbuf = [&](int k) { return out_slot_[k] >= 0 ? out[out_slot_[k]].buffer->get() : xw; };
    int flags = 0;
    if (has_[kB]) flags |= kHasBias;
    if (p_.cell == RnnCell::kLstm && has_[kP]) flags |= kHasPeep;
    if (has_[kH0]) flags |= kHasH0;
    if (p_.cell == RnnCell::kLstm && has_[kC0]) flags |= kHasC0;
    if (out_slot_[0] >= 0) flags |= kHasY;
    if (out_slot_[1] >= 0) flags |= kHasYh;
    if (out_slot_[2] >= 0) flags |= kHasYc;
    if (p_.reverse_only) flags |= kReverse;
    if (p_.clip) flags |= kHasClip;
    if (p_.input_forget) flags |= kInputForget;
    if (p_.linear_before_reset) flags |= kLinearBeforeReset;
    const float clip = p_.clip.value_or(0.0f);
    const int d32 = static_cast<int>(D), b32 = static_cast<int>(B), s32 = static_cast<int>(S);
    const int h32 = static_cast<int>(H), layout = static_cast<int>(p_.layout);
    const cl_mem rh = gru_reset ? rh_.get() : xw;
    ASSIGN_OR_RETURN(step_, rt.CreateKernel("rnn_step"));
    RETURN_IF_ERROR(cl::SetArgs(step_, xw, r, buf(kB), buf(kP), buf(kH0), buf(kC0), hstate_.get(),
                                cstate_.get(), rh, outbuf(0), outbuf(1), outbuf(2), meta_.get(),
                                static_cast<int>(p_.cell), d32, b32, s32, h32, layout, flags, clip,
                                r_row, r_k, 0));
    if (gru_reset) {
      ASSIGN_OR_RETURN(reset_, rt.CreateKernel("rnn_gru_reset"));
      RETURN_IF_ERROR(cl::SetArgs(reset_, xw, r, buf(kB), buf(kH0), hstate_.get(), rh, meta_.get(),
                                  d32, b32, s32, h32, layout, flags, clip, r_row, r_k, 0));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    for (const GemmCall& g : gemms_) RETURN_IF_ERROR(EnqueueGemm(rt, g, label_ + " X*W"));
    const size_t items = static_cast<size_t>(items_);
    for (int step = 0; step < steps_; ++step) {
      if (reset_.get()) {
        RETURN_IF_ERROR(cl::SetArg(reset_, kResetStepArg, step));
        RETURN_IF_ERROR(rt.Launch1D(reset_, items, label_));
      }
      RETURN_IF_ERROR(cl::SetArg(step_, kStepStepArg, step));
      RETURN_IF_ERROR(rt.Launch1D(step_, items, label_));
    }
    return Status::Ok();
  }

 private:
  // Index of the `step` argument of rnn_step and rnn_gru_reset.
  static constexpr cl_uint kStepStepArg = 23, kResetStepArg = 16;

  std::vector<GemmCall> gemms_;
  const HostTensor* r_const_ = nullptr;  // R's value when it is a constant
  cl::Buffer hstate_, cstate_, rh_, meta_, r_transposed_;
  cl::Kernel step_, reset_;
  int items_ = 0, steps_ = 0;
};

}  // namespace

void RegisterRnnDeviceOps(graph::OpTable* table) {
  (*table)["LSTM"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<RecurrentDevice>(n, RnnCell::kLstm);
  };
  (*table)["GRU"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<RecurrentDevice>(n, RnnCell::kGru);
  };
  (*table)["RNN"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<RecurrentDevice>(n, RnnCell::kRnn);
  };
}

}  // namespace campaign::runner::ops
