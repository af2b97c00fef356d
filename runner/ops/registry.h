// The op registry: ONNX op type -> factory of an executable Op.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <memory>
#include <string>

#include "runner/ops/factories.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {

// All registered op types: default ONNX domain by name, others as
// "domain.OpType" (ai.campaign.FusedConv). Keys equal SupportedOpTypes().
const std::map<std::string, OpFactory>& OpRegistry();

// An Op for `node`; kUnsupportedOp when its (domain, type) is not registered.
Result<std::unique_ptr<Op>> CreateOp(const onnx::NodeProto& node);

}  // namespace campaign::runner::ops
