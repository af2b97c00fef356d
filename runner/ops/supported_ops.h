// The ONNX op types the runner can execute (library campaign_ops_registry,
// no OpenCL): the converter and the orchestrator use it to reject a model
// early. It lists exactly the keys of ops::OpRegistry() (checked by a test).
#pragma once

#include <set>
#include <string>

namespace campaign::runner {

// Default-domain ONNX op types, e.g. "Conv", "Relu", and the project's own
// as "domain.OpType", e.g. "ai.campaign.FusedConv" (the form
// converter::CountOpTypes uses). Thread-safe.
const std::set<std::string>& SupportedOpTypes();

}  // namespace campaign::runner
