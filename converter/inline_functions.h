// Pass "inline_functions": model-local functions (ModelProto.functions,
// IR >= 8) replaced by their bodies. PyTorch's dynamo exporter of 2.1-2.4
// (torch.onnx.dynamo_export) writes every module and many aten operators as
// such functions (domains pkg.onnxscript.torch_lib, pkg.torch.*); the
// runner, like TensorRT and ONNX Runtime's optimizer, sees plain operators.
//
// Each call node becomes the function's nodes with
//   - the function's inputs and outputs bound to the call's (an omitted
//     optional input stays omitted),
//   - its other values renamed uniquely (call name + function name prefix),
//     outer-scope reads of nested subgraphs included,
//   - attributes that reference the caller's (ref_attr_name) taken from the
//     call, else from the function's default (attribute_proto, IR 9), else
//     dropped, as ONNX specifies,
// repeatedly, so functions calling functions are inlined too (nesting
// deeper than kMaxInlineDepth is refused as recursive). The functions'
// opset imports are merged into the model's; the function list is emptied.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "common/status.h"

namespace campaign::converter {

inline constexpr int kMaxInlineDepth = 64;

// Inlines every call of a model-local function in `model` (subgraphs
// included) and removes the functions; returns what it did, for the log.
// Errors: kInvalidModel for a call with more inputs or outputs than its
// function declares, a function that calls itself (deeper than
// kMaxInlineDepth), or a function importing another version of an opset
// the model imports (the message names the function and the domain).
Result<std::string> InlineLocalFunctions(onnx::ModelProto& model);

}  // namespace campaign::converter
