// Einsum: the device class, one einsum_f32 launch (a strided sum of
// products per output element) for up to 3 operands and 8 summed labels;
// more is kUnsupportedOp.
#include "graph/ops/einsum.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class EinsumDevice final : public graph::EinsumOp, public DeviceOp {
 public:
  using EinsumOp::EinsumOp;

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    ASSIGN_OR_RETURN(auto out, EinsumOp::Infer(in));
    if (plan_.strides.size() > 3 || plan_.sum_dims.size() > 8) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ +
                               ": the device runs Einsum on at most 3 operands and 8 "
                               "summed labels");
    }
    return out;
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    std::vector<int64_t> meta = plan_.out_dims;
    meta.insert(meta.end(), plan_.sum_dims.begin(), plan_.sum_dims.end());
    for (const auto& s : plan_.strides) meta.insert(meta.end(), s.begin(), s.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    for (const auto& t : in) {
      RETURN_IF_ERROR(graph::ToInt(graph::NumElements(t.shape), label_).status());
    }
    int64_t sum_count = 1;
    for (int64_t e : plan_.sum_dims) sum_count *= e;
    ASSIGN_OR_RETURN(int sc, graph::ToInt(sum_count, label_));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("einsum_f32"));
    auto buf = [&](size_t k) { return in[k < in.size() ? k : 0].buffer->get(); };
    return cl::SetArgs(launch_.kernel, buf(0), buf(1), buf(2), out[0].buffer->get(), n,
                       static_cast<int>(in.size()), static_cast<int>(plan_.out_dims.size()),
                       static_cast<int>(plan_.sum_dims.size()), sc, meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

}  // namespace

void RegisterEinsumDeviceOps(graph::OpTable* table) {
  (*table)["Einsum"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<EinsumDevice>(n);
  };
}

}  // namespace campaign::runner::ops
