// GroupNormalization and MeanVarianceNormalization: the device classes, and
// NormGroupsLaunch (runner/ops/norm_groups.h), which InstanceNormalization's
// device class shares.
#include "graph/ops/group_norm.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/norm_groups.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {

Status NormGroupsLaunch::Prepare(cl::Runtime& rt, const graph::reference::NormLayout& l,
                                 bool affine, const std::vector<DeviceTensor>& in,
                                 const std::vector<DeviceTensor>& out, const std::string& label) {
  std::vector<int64_t> meta = l.kept_dims;
  meta.insert(meta.end(), l.kept_strides.begin(), l.kept_strides.end());
  meta.insert(meta.end(), l.red_dims.begin(), l.red_dims.end());
  meta.insert(meta.end(), l.red_strides.begin(), l.red_strides.end());
  meta.push_back(0);  // never empty
  ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
  ASSIGN_OR_RETURN(int groups, graph::ToInt(l.groups(), label));
  ASSIGN_OR_RETURN(int n, graph::ToInt(l.group_size(), label));
  RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[0].shape), label).status());
  if (n == 0) groups = 0;  // an empty set: nothing to write
  launch_.items = static_cast<size_t>(groups) * 64;
  launch_.what = label;
  ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("group_norm_f32"));
  cl_mem scale = (affine ? in[1] : in[0]).buffer->get();
  cl_mem bias = (affine ? in[2] : in[0]).buffer->get();
  return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), scale, bias, groups,
                     static_cast<int>(l.kept_dims.size()), static_cast<int>(l.red_dims.size()),
                     meta_.get(), n, static_cast<int>(l.param_div), static_cast<int>(l.param_mod),
                     affine ? 1 : 0, l.eps,
                     l.eps_mode == graph::reference::EpsMode::kEpsOutside ? 1 : 0);
}

Status NormGroupsLaunch::Enqueue(cl::Runtime& rt) const {
  return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
}

namespace {

template <class Ref>
class NormGroupsDevice final : public Ref, public DeviceOp {
 public:
  using Ref::Ref;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    return launch_.Prepare(rt, this->layout_, this->affine_, in, out, this->label_);
  }
  Status Enqueue(cl::Runtime& rt) override { return launch_.Enqueue(rt); }

 private:
  NormGroupsLaunch launch_;
};

}  // namespace

void RegisterGroupNormDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["GroupNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<NormGroupsDevice<graph::GroupNormOp>>(n);
  };
  t["MeanVarianceNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<NormGroupsDevice<graph::MvnOp>>(n);
  };
}

}  // namespace campaign::runner::ops
