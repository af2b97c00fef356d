// Max, Min, Sum, Mean over any number of broadcasting inputs: the device
// class, a chain of binary kernels accumulating into the output.
#include "graph/ops/variadic.h"

#include <memory>

#include "runner/cl/error.h"
#include "runner/ops/binary_kernel.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

namespace reference = graph::reference;
using reference::BinaryKind;

class VariadicDevice final : public graph::VariadicOp, public DeviceOp {
 public:
  using VariadicOp::VariadicOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(ys), label_));
    launches_.clear();
    // A single input reads itself twice (max(a, a) == a, a + 0 for Sum via a
    // zero constant would need a buffer: use Max for the copy).
    auto add = [&](const DeviceTensor& a, const DeviceTensor& b, BinaryKind k) -> Status {
      std::vector<int64_t> meta(ys.begin(), ys.end());
      for (const Shape* s : {&a.shape, &b.shape}) {
        auto st = reference::BroadcastStrides(*s, ys);
        meta.insert(meta.end(), st.begin(), st.end());
      }
      meta.push_back(0);
      ASSIGN_OR_RETURN(cl::Buffer m, UploadInts(rt, meta));
      metas_.push_back(std::move(m));
      Launch l{{}, static_cast<size_t>(n), label_};
      ASSIGN_OR_RETURN(l.kernel,
                       MakeBinaryKernel(rt, k, a, b, out[0], n, static_cast<int>(ys.size()),
                                        metas_.back(), label_));
      launches_.push_back(std::move(l));
      return Status::Ok();
    };
    if (in.size() == 1) {
      RETURN_IF_ERROR(add(in[0], in[0], BinaryKind::kMax));
    } else {
      RETURN_IF_ERROR(add(in[0], in[1], kind_));
      for (size_t i = 2; i < in.size(); ++i) RETURN_IF_ERROR(add(out[0], in[i], kind_));
    }
    if (mean_ && out[0].dtype == DType::kFloat64) {  // a device with fp64
      double scale = 1.0 / static_cast<double>(in.size());
      ASSIGN_OR_RETURN(scale_, rt.CreateBuffer(sizeof(double)));
      RETURN_IF_ERROR(rt.Write(scale_, &scale, sizeof(double), true));
      DeviceTensor s{&scale_, DType::kFloat64, {}};
      RETURN_IF_ERROR(add(out[0], s, BinaryKind::kMul));
    } else if (mean_) {
      float scale = 1.0f / static_cast<float>(in.size());
      ASSIGN_OR_RETURN(scale_, rt.CreateBuffer(sizeof(float)));
      RETURN_IF_ERROR(rt.Write(scale_, &scale, sizeof(float), true));
      DeviceTensor s{&scale_, DType::kFloat32, {}};
      RETURN_IF_ERROR(add(out[0], s, BinaryKind::kMul));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  std::vector<cl::Buffer> metas_;
  cl::Buffer scale_;
  std::vector<Launch> launches_;
};

}  // namespace

void RegisterVariadicDeviceOps(graph::OpTable* table) {
  auto& m = *table;
  m["Max"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<VariadicDevice>(n, BinaryKind::kMax, false);
  };
  m["Min"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<VariadicDevice>(n, BinaryKind::kMin, false);
  };
  m["Sum"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<VariadicDevice>(n, BinaryKind::kAdd, false);
  };
  m["Mean"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<VariadicDevice>(n, BinaryKind::kAdd, true);
  };
}

}  // namespace campaign::runner::ops
