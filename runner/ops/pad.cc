// Pad: the device class, one pad_words launch over the output.
#include "graph/ops/pad.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class PadDevice final : public graph::PadOp, public DeviceOp {
 public:
  using PadOp::PadOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    const Shape& y = out[0].shape;
    const size_t rank = x.size();
    std::vector<int64_t> meta(5 * rank);
    int64_t stride = 1;
    for (size_t k = rank; k-- > 0;) {
      const auto& a = p_.axes[k];
      meta[5 * k] = a.out;
      meta[5 * k + 1] = a.lo;
      meta[5 * k + 2] = a.len;
      meta[5 * k + 3] = a.front;
      meta[5 * k + 4] = stride;
      stride *= x[k];
    }
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(y), label_));
    const int words = static_cast<int>(p_.element_size / 4);
    // The kernel indexes words with 32-bit ints.
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(x) * words, label_).status());
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(y) * words, label_).status());
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta.empty() ? std::vector<int64_t>{0} : meta));
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("pad_words"));
    const auto fill_lo = static_cast<cl_uint>(p_.fill & 0xffffffffu);
    const auto fill_hi = static_cast<cl_uint>(p_.fill >> 32);
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(rank), meta_.get(), fill_lo, fill_hi,
                       static_cast<int>(p_.mode), words);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

}  // namespace

void RegisterPadDeviceOps(graph::OpTable* table) {
  (*table)["Pad"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<PadDevice>(n);
  };
}

}  // namespace campaign::runner::ops
