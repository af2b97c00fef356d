// Concat: the device class, one rectangular buffer copy per input (no
// kernel).
#include "graph/ops/concat.h"

#include <memory>

#include "graph/reference/axes.h"
#include "runner/cl/error.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

namespace reference = graph::reference;

class ConcatDevice final : public graph::ConcatOp, public DeviceOp {
 public:
  using ConcatOp::ConcatOp;

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    size_t esize = graph::DTypeSize(out[0].dtype);
    auto ys = reference::SplitAtAxis(out[0].shape, axis_);
    size_t offset = 0;
    copies_.clear();
    for (const DeviceTensor& t : in) {
      auto s = reference::SplitAtAxis(t.shape, axis_);
      size_t chunk = static_cast<size_t>(s.extent * s.inner) * esize;
      copies_.push_back({t.buffer->get(), out[0].buffer->get(), offset, chunk,
                         static_cast<size_t>(s.outer),
                         static_cast<size_t>(ys.extent * ys.inner) * esize});
      offset += chunk;
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    for (const Copy& c : copies_) {
      if (c.chunk == 0 || c.rows == 0) continue;
      size_t src_origin[3] = {0, 0, 0}, dst_origin[3] = {c.dst_offset, 0, 0};
      size_t region[3] = {c.chunk, c.rows, 1};
      RETURN_IF_ERROR(cl::CheckCl(
          clEnqueueCopyBufferRect(rt.queue(), c.src, c.dst, src_origin, dst_origin, region, c.chunk,
                                  0, c.dst_pitch, 0, 0, nullptr, rt.EventSlot()),
          label_ + " clEnqueueCopyBufferRect"));
    }
    return Status::Ok();
  }

 private:
  struct Copy {
    cl_mem src, dst;
    size_t dst_offset, chunk, rows, dst_pitch;  // bytes, except rows
  };
  std::vector<Copy> copies_;
};

}  // namespace

void RegisterConcatDeviceOps(graph::OpTable* table) {
  (*table)["Concat"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ConcatDevice>(n);
  };
}

}  // namespace campaign::runner::ops
