// The signal family, device classes: DFT and STFT (one signal_dft launch over
// the output), Det (one signal_det work item per matrix, factoring a copy in
// the workspace). The window ops and MelWeightMatrix are folded into
// constants at load (graph/ops/signal.h), so their device half only refuses
// to run.
#include "graph/ops/signal.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

template <class Ref>
class SignalLoadTimeDevice final : public Ref, public DeviceOp {
 public:
  using Ref::Ref;

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>&,
                       const std::vector<DeviceTensor>&, const cl::Buffer*) override {
    return Status::Error(Reason::kUnsupportedOp,
                         this->label_ + " runs only at load time on constant inputs");
  }
  Status Enqueue(cl::Runtime&) override { return Status::Ok(); }
};

class DftDevice final : public graph::DftOp, public DeviceOp {
 public:
  using DftOp::DftOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    // The kernel indexes floats with 32-bit ints.
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[0].shape), label_).status());
    ASSIGN_OR_RETURN(int out_floats, graph::ToInt(graph::NumElements(out[0].shape), label_));
    const int total = out_floats / 2;
    ASSIGN_OR_RETURN(int frames, graph::ToInt(p_.frames, label_));
    ASSIGN_OR_RETURN(int bins, graph::ToInt(p_.bins, label_));
    ASSIGN_OR_RETURN(int inner, graph::ToInt(p_.inner, label_));
    ASSIGN_OR_RETURN(int x_outer, graph::ToInt(p_.x_outer, label_));
    ASSIGN_OR_RETURN(int x_frame, graph::ToInt(p_.x_frame, label_));
    ASSIGN_OR_RETURN(int x_n, graph::ToInt(p_.x_n, label_));
    ASSIGN_OR_RETURN(int x_inner, graph::ToInt(p_.x_inner, label_));
    ASSIGN_OR_RETURN(int n_avail, graph::ToInt(p_.n_avail, label_));
    ASSIGN_OR_RETURN(int length, graph::ToInt(p_.length, label_));
    // (k n) mod length is kept below length; k + j must not overflow.
    RETURN_IF_ERROR(graph::ToInt(2 * p_.length, label_).status());
    const bool window = has_window();
    launch_ = {{}, static_cast<size_t>(total), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("signal_dft"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), (window ? in[2] : in[0]).buffer->get(),
                       out[0].buffer->get(), total, frames, bins, inner, x_outer, x_frame, x_n,
                       x_inner, static_cast<int>(p_.comps), n_avail, length, window ? 1 : 0,
                       p_.inverse ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (launch_.items == 0) return Status::Ok();
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

class DetDevice final : public graph::DetOp, public DeviceOp {
 public:
  using DetOp::DetOp;

  size_t WorkspaceBytes() const override { return workspace_bytes_; }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    ASSIGN_OR_RETURN(int mats, graph::ToInt(graph::NumElements(out[0].shape), label_));
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[0].shape), label_).status());
    ASSIGN_OR_RETURN(int m, graph::ToInt(m_, label_));
    launch_ = {{}, static_cast<size_t>(mats), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("signal_det"));
    // A 0x0 matrix still needs a bound scratch argument; x stands in.
    const cl::Buffer* scratch = ws && workspace_bytes_ > 0 ? ws : in[0].buffer;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), scratch->get(), out[0].buffer->get(),
                       mats, m);
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (launch_.items == 0) return Status::Ok();
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    ASSIGN_OR_RETURN(auto out, DetOp::Infer(in));
    workspace_bytes_ = static_cast<size_t>(graph::NumElements(in[0].shape)) * sizeof(float);
    return out;
  }

 private:
  size_t workspace_bytes_ = 0;
  Launch launch_;
};

}  // namespace

void RegisterSignalDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  using graph::reference::WindowKind;
  t["HannWindow"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SignalLoadTimeDevice<graph::WindowOp>>(n, WindowKind::kHann);
  };
  t["HammingWindow"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SignalLoadTimeDevice<graph::WindowOp>>(n, WindowKind::kHamming);
  };
  t["BlackmanWindow"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SignalLoadTimeDevice<graph::WindowOp>>(n, WindowKind::kBlackman);
  };
  t["MelWeightMatrix"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SignalLoadTimeDevice<graph::MelWeightMatrixOp>>(n);
  };
  t["DFT"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<DftDevice>(n, false);
  };
  t["STFT"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<DftDevice>(n, true);
  };
  t["Det"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<DetDevice>(n);
  };
}

}  // namespace campaign::runner::ops
