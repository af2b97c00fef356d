// The op registry: ONNX op type -> factory of the op's reference class.
//
// This is the one list of the op types campaign supports: each family file
// (graph/ops/<family>.cc) registers its types in Register<Family>Ops, and
// the runner registers a device class for exactly the same keys
// (runner/ops/registry.h; a test holds the two equal).
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "graph/op.h"

namespace campaign::graph {

using OpFactory = std::unique_ptr<Op> (*)(const onnx::NodeProto& node);
// Keys: default ONNX domain ops by name ("Conv"), others as "domain.OpType"
// ("ai.campaign.FusedConv").
using OpTable = std::map<std::string, OpFactory>;

// The registry key of `node` (see OpTable).
std::string OpKey(const onnx::NodeProto& node);

// The reference ops of every supported op type. Thread-safe.
const OpTable& ReferenceOps();

// The keys of ReferenceOps(): what the converter and the orchestrator check
// a model against before any job runs. Thread-safe.
const std::set<std::string>& SupportedOpTypes();

// An op of `table` for `node`; kUnsupportedOp when its key is not there.
Result<std::unique_ptr<Op>> CreateOp(const OpTable& table, const onnx::NodeProto& node);

}  // namespace campaign::graph
