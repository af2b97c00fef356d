// The device op registry: ONNX op type -> factory of the op's device class
// (which derives from its reference class, runner/ops/op.h). Same keys as
// graph::ReferenceOps(), the one list of supported op types (a test holds
// them equal).
#pragma once

#include "graph/ops/registry.h"

namespace campaign::runner::ops {

// Every device op. Thread-safe.
const graph::OpTable& DeviceOps();

}  // namespace campaign::runner::ops
