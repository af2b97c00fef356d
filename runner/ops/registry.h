// The device op registry: ONNX op type -> factory of the op's device class
// (which derives from its reference class, runner/ops/op.h). Same keys as
// graph::ReferenceOps(), the one list of supported op types (a test holds
// them equal).
#pragma once

#include <memory>
#include <string>

#include "graph/ops/registry.h"
#include "graph/plan.h"
#include "runner/ops/half_adapter.h"

namespace campaign::runner::ops {

// Every device op. Thread-safe.
const graph::OpTable& DeviceOps();

// Makes a plan's ops from DeviceOps(), and device half adapters that share
// `scratch` (which must outlive the plan).
class DeviceOpMaker final : public graph::OpMaker {
 public:
  explicit DeviceOpMaker(HalfScratch* scratch) : scratch_(scratch) {}
  Result<std::unique_ptr<graph::Op>> Create(const onnx::NodeProto& node) const override;
  std::unique_ptr<graph::Op> WrapHalf(std::unique_ptr<graph::Op> inner,
                                      std::string label) const override;

 private:
  HalfScratch* scratch_;
};

}  // namespace campaign::runner::ops
