// Shape, Size, ConstantOfShape, Range, EyeLike: the device classes. The executor folds
// these ops into constants at load time, so the device half only refuses to
// run.
#include "graph/ops/shape.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

template <class Ref>
class LoadTimeDevice final : public Ref, public DeviceOp {
 public:
  using Ref::Ref;

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>&,
                       const std::vector<DeviceTensor>&, const cl::Buffer*) override {
    return Status::Error(Reason::kUnsupportedOp,
                         this->label_ + " runs only at load time on constant inputs");
  }
  Status Enqueue(cl::Runtime&) override { return Status::Ok(); }
};

}  // namespace

void RegisterShapeDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Shape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LoadTimeDevice<graph::ShapeOp>>(n, false);
  };
  t["Size"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LoadTimeDevice<graph::ShapeOp>>(n, true);
  };
  t["ConstantOfShape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LoadTimeDevice<graph::ConstantOfShapeOp>>(n);
  };
  t["Range"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LoadTimeDevice<graph::RangeOp>>(n);
  };
  t["EyeLike"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LoadTimeDevice<graph::EyeLikeOp>>(n);
  };
}

}  // namespace campaign::runner::ops
