// ReverseSequence: the device class (one kernel typed by element size and
// the lengths' type, runner/kernels/reverse_sequence.cl; float16 data comes
// through the half adapter as float32).
#include "graph/ops/reverse_sequence.h"

#include <memory>
#include <string>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class ReverseSequenceDevice final : public graph::ReverseSequenceOp, public DeviceOp {
 public:
  using ReverseSequenceOp::ReverseSequenceOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& s = in[0].shape;
    auto strides = graph::ContiguousStrides(s);
    size_t es = graph::DTypeSize(in[0].dtype);
    std::string name = std::string("reverse_sequence_") +
                       (es == 1   ? "8"
                        : es == 2 ? "16"
                        : es == 4 ? "32"
                                  : "64") +
                       (in[1].dtype == DType::kInt64 ? "_i64" : "_i32");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(s), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), n, static_cast<int>(s[time_axis_]),
                       static_cast<int>(strides[time_axis_]), static_cast<int>(s[batch_axis_]),
                       static_cast<int>(strides[batch_axis_]));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterReverseSequenceDeviceOps(graph::OpTable* table) {
  (*table)["ReverseSequence"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ReverseSequenceDevice>(n);
  };
}

}  // namespace campaign::runner::ops
