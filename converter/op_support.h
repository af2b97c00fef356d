// Pass "supported_ops": refuses a model the runner could not execute, before
// any device time is spent on it.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <set>
#include <string>

#include "common/status.h"

namespace campaign::converter {

// Op type -> node count over the graph and its subgraphs. Ops outside the
// default ONNX domain are named "domain.OpType" (e.g. "com.microsoft.Gelu").
std::map<std::string, int> CountOpTypes(const onnx::GraphProto& graph);

// kUnsupportedOp listing every op type not in `supported`, with counts, and
// the list the runner supports. OK when all are supported.
// REQUIRES: !supported.empty() (an empty set means "skip the check").
// Op types in `ignored` pass too (used before cleanup, for ops it removes).
Status CheckSupportedOps(const onnx::GraphProto& graph, const std::set<std::string>& supported,
                         const std::set<std::string>& ignored = {});

}  // namespace campaign::converter
