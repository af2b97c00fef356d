// Dropout in inference: the device class. Without a mask it aliases its
// input (nothing to run); with one, a buffer copy of X and a fill of the
// mask with true.
#include "graph/ops/dropout.h"

#include <memory>

#include "runner/cl/error.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class DropoutDevice final : public graph::DropoutOp, public DeviceOp {
 public:
  using DropoutOp::DropoutOp;

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    if (!mask_) return Status::Ok();
    x_ = in[0].buffer->get();
    y_ = out[0].buffer->get();
    mask_buf_ = out.size() > 1 && out[1].buffer ? out[1].buffer->get() : nullptr;
    bytes_ = static_cast<size_t>(graph::NumElements(in[0].shape)) * graph::DTypeSize(in[0].dtype);
    mask_bytes_ = static_cast<size_t>(graph::NumElements(in[0].shape));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (!mask_) return Status::Ok();
    if (bytes_ > 0 && x_ != y_) {
      RETURN_IF_ERROR(cl::CheckCl(
          clEnqueueCopyBuffer(rt.queue(), x_, y_, 0, 0, bytes_, 0, nullptr, rt.EventSlot()),
          label_ + " clEnqueueCopyBuffer"));
    }
    if (mask_buf_ && mask_bytes_ > 0) {
      const cl_uchar one = 1;
      RETURN_IF_ERROR(cl::CheckCl(clEnqueueFillBuffer(rt.queue(), mask_buf_, &one, sizeof one, 0,
                                                      mask_bytes_, 0, nullptr, rt.EventSlot()),
                                  label_ + " clEnqueueFillBuffer"));
    }
    return Status::Ok();
  }

 private:
  cl_mem x_ = nullptr, y_ = nullptr, mask_buf_ = nullptr;
  size_t bytes_ = 0, mask_bytes_ = 0;
};

}  // namespace

void RegisterDropoutDeviceOps(graph::OpTable* table) {
  (*table)["Dropout"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<DropoutDevice>(n);
  };
}

}  // namespace campaign::runner::ops
