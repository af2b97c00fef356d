// BatchNormalization: the device class, one batch_norm_f32 launch that
// reads the four per-channel vectors from device buffers, so constant and
// computed statistics take the same path; in training mode after a
// batch_norm_stats_f32 launch (batch statistics, running outputs).
#include "graph/ops/batch_norm.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class BatchNormDevice final : public graph::BatchNormOp, public DeviceOp {
 public:
  using BatchNormOp::BatchNormOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(x), label_));
    ASSIGN_OR_RETURN(int channels, graph::ToInt(x[1], label_));
    const int64_t planes = x[0] * x[1];
    const int inner = planes > 0 ? static_cast<int>(n / planes) : 1;
    launches_.clear();
    cl_mem mean = in[3].buffer->get(), var = in[4].buffer->get();
    if (training_) {
      ASSIGN_OR_RETURN(batch_mean_, rt.CreateBuffer(sizeof(float) * static_cast<size_t>(channels)));
      ASSIGN_OR_RETURN(batch_var_, rt.CreateBuffer(sizeof(float) * static_cast<size_t>(channels)));
      size_t k = 1;  // the present outputs, in order
      cl_mem run_mean = has_running_mean_ ? out[k++].buffer->get() : batch_mean_.get();
      cl_mem run_var = has_running_var_ ? out[k++].buffer->get() : batch_var_.get();
      ASSIGN_OR_RETURN(int batch, graph::ToInt(x[0], label_));
      Launch stats{{}, static_cast<size_t>(channels), label_ + " (statistics)"};
      ASSIGN_OR_RETURN(stats.kernel, rt.CreateKernel("batch_norm_stats_f32"));
      RETURN_IF_ERROR(cl::SetArgs(stats.kernel, in[0].buffer->get(), mean, var, batch_mean_.get(),
                                  batch_var_.get(), run_mean, run_var, batch, channels, inner,
                                  momentum_, has_running_mean_ ? 1 : 0, has_running_var_ ? 1 : 0));
      launches_.push_back(std::move(stats));
      mean = batch_mean_.get();
      var = batch_var_.get();
    }
    Launch norm{{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(norm.kernel, rt.CreateKernel("batch_norm_f32"));
    RETURN_IF_ERROR(cl::SetArgs(norm.kernel, in[0].buffer->get(), in[1].buffer->get(),
                                in[2].buffer->get(), mean, var, out[0].buffer->get(), n, channels,
                                inner, epsilon_));
    launches_.push_back(std::move(norm));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  cl::Buffer batch_mean_, batch_var_;  // training mode: the batch statistics
  std::vector<Launch> launches_;
};

}  // namespace

void RegisterBatchNormDeviceOps(graph::OpTable* table) {
  (*table)["BatchNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<BatchNormDevice>(n);
  };
}

}  // namespace campaign::runner::ops
