// InstanceNormalization: the device class, one group_norm_f32 launch
// (NormGroupsLaunch, runner/ops/norm_groups.h) with one set per (n, c).
#include "graph/ops/instance_norm.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/norm_groups.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class InstanceNormDevice final : public graph::InstanceNormOp, public DeviceOp {
 public:
  using InstanceNormOp::InstanceNormOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    return launch_.Prepare(rt, layout_, affine_, in, out, label_);
  }
  Status Enqueue(cl::Runtime& rt) override { return launch_.Enqueue(rt); }

 private:
  NormGroupsLaunch launch_;
};

}  // namespace

void RegisterInstanceNormDeviceOps(graph::OpTable* table) {
  (*table)["InstanceNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<InstanceNormDevice>(n);
  };
}

}  // namespace campaign::runner::ops
