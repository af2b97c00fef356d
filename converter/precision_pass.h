// Pass "precision": converts the engine to the job's numeric precision. A
// dispatcher: each precision's conversion lives in its own pass.
#pragma once

#include <onnx/onnx_pb.h>

#include "common/precision.h"
#include "common/status.h"

namespace campaign::converter {

// fp32 leaves the model as it is. fp16 stores weights and activations as
// float16 (converter/passes/fp16_pass.h) and records the nodes kept in
// float32 in the engine metadata (campaign.fp32_nodes). int8 is not
// implemented yet and fails with kUnsupportedPrecision (the job is recorded
// as failed, not crashed).
Status ApplyPrecision(onnx::ModelProto& model, Precision precision);

}  // namespace campaign::converter
