// Reshape, Flatten, Identity, Squeeze, Unsqueeze: the device
// classes. Each aliases its input (graph::Op::AliasesInput), so the plan
// gives input and output one buffer and the device has nothing to do.
#include "graph/ops/reshape.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

template <class Ref>
class AliasDevice final : public Ref, public DeviceOp {
 public:
  using Ref::Ref;

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>&,
                       const std::vector<DeviceTensor>&, const cl::Buffer*) override {
    return Status::Ok();
  }
  Status Enqueue(cl::Runtime&) override { return Status::Ok(); }
};

}  // namespace

void RegisterReshapeDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Reshape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<AliasDevice<graph::ReshapeOp>>(n);
  };
  t["Flatten"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<AliasDevice<graph::FlattenOp>>(n);
  };
  t["Identity"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<AliasDevice<graph::IdentityOp>>(n);
  };
  t["Unsqueeze"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<AliasDevice<graph::AxesAliasOp>>(n, true);
  };
  t["Squeeze"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<AliasDevice<graph::AxesAliasOp>>(n, false);
  };
}

}  // namespace campaign::runner::ops
