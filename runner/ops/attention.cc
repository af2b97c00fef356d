// ai.campaign.Attention(Q, K, V; scale, q_perm, k_perm, v_perm, y_perm)
// (graph/reference/attention.h): the device class (reference class:
// graph/ops/attention.h). Two CLBlast strided-batched GEMMs that
// read Q, K, V and write Y in place through their perms (no transpose
// copies), with the scale as the first GEMM's alpha, and a one-pass softmax
// (one work group per row) on the scores in the workspace between them.
// Three enqueues for the whole attention of a layer.
#include "graph/ops/attention.h"

#include "runner/ops/clblast_gemm.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::MatrixLayout;

// Binds one GEMM operand to a layout: no transpose when its columns are
// contiguous, else transposed with the column stride as leading dimension.
void SetOperand(const MatrixLayout& l, bool* trans, size_t* ld) {
  *trans = l.col_stride != 1;
  *ld = static_cast<size_t>(*trans ? l.col_stride : l.row_stride);
}

class AttentionDevice final : public graph::AttentionOp, public DeviceOp {
 public:
  using AttentionOp::AttentionOp;

  size_t WorkspaceBytes() const override {
    return static_cast<size_t>(q_.batch * q_.rows * k_.cols) * sizeof(float);
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    const size_t n = static_cast<size_t>(q_.batch);
    const size_t sq = static_cast<size_t>(q_.rows), sk = static_cast<size_t>(k_.cols);
    batch_ = n;
    cl_mem scores = ws->get();
    // scores[b] = scale * Qo[b] Ko[b]   ([Sq, Sk], contiguous in the workspace)
    scores_.m = sq;
    scores_.n = sk;
    scores_.k = static_cast<size_t>(q_.cols);
    scores_.alpha = p_.scale;
    scores_.a = in[0].buffer->get();
    scores_.b = in[1].buffer->get();
    scores_.c = scores;
    SetOperand(q_, &scores_.trans_a, &scores_.lda);
    SetOperand(k_, &scores_.trans_b, &scores_.ldb);
    scores_.ldc = sk;
    // Yo[b] = P[b] Vo[b], written through y_perm's strides.
    out_.m = sq;
    out_.n = static_cast<size_t>(v_.cols);
    out_.k = sk;
    out_.a = scores;
    out_.b = in[2].buffer->get();
    out_.c = out[0].buffer->get();
    out_.lda = sk;
    SetOperand(v_, &out_.trans_b, &out_.ldb);
    out_.ldc = static_cast<size_t>(y_.row_stride);
    ASSIGN_OR_RETURN(int rows, graph::ToInt(static_cast<int64_t>(n * sq), label_));
    softmax_ = {{}, static_cast<size_t>(rows) * 64, label_ + " softmax"};
    ASSIGN_OR_RETURN(softmax_.kernel, rt.CreateKernel("softmax_rows_f32"));
    return cl::SetArgs(softmax_.kernel, scores, scores, rows, static_cast<int>(sk), 1.0f);
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (batch_ == 0 || scores_.m == 0 || scores_.n == 0) return Status::Ok();
    const size_t sq_sk = scores_.m * scores_.n;
    RETURN_IF_ERROR(EnqueueGemmStridedBatched(rt, scores_, Stride(q_), Stride(k_), sq_sk, batch_,
                                              label_ + " Q*K"));
    RETURN_IF_ERROR(rt.Launch1D(softmax_.kernel, softmax_.items, softmax_.what));
    return EnqueueGemmStridedBatched(rt, out_, sq_sk, Stride(v_), Stride(y_), batch_,
                                     label_ + " P*V");
  }

 private:
  static size_t Stride(const MatrixLayout& l) { return static_cast<size_t>(l.batch_stride); }

  size_t batch_ = 0;
  GemmCall scores_, out_;
  Launch softmax_;
};

}  // namespace

void RegisterAttentionDeviceOps(graph::OpTable* table) {
  (*table)["ai.campaign.Attention"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<AttentionDevice>(n);
  };
}

}  // namespace campaign::runner::ops
