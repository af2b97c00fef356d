// Pass "opset": the converter (and the runner's operators) follow ONNX
// opset 13 semantics (axes as inputs of Squeeze/Unsqueeze/Split/ReduceSum,
// Clip bounds as inputs, ...). An older model is upgraded with the ONNX
// version converter (onnx::version_conversion::ConvertVersion) after its
// shapes are inferred (the pass runs after fix_shapes, so input overrides
// have made dynamic H/W static); newer ones are kept as they are.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "common/status.h"

namespace campaign::converter {

inline constexpr int kTargetOpset = 13;

// Default-domain opset of `model` (ai.onnx or ""), or -1 when none is imported.
int64_t DefaultOpset(const onnx::ModelProto& model);

// Upgrades `model` to opset kTargetOpset when it is older; metadata_props
// are kept. Returns what it did, for the log.
// Errors: kInvalidModel when the model imports no default-domain opset, or
// when the version converter fails (the message has ONNX's reason and says
// to re-export with opset_version >= 13).
Result<std::string> UpgradeOpset(onnx::ModelProto& model);

}  // namespace campaign::converter
