// Pass "precision": converts the engine to the job's numeric precision.
#pragma once

#include <onnx/onnx_pb.h>

#include "common/precision.h"
#include "common/status.h"

namespace campaign::converter {

// fp32 leaves the model as it is. fp16 and int8 are not implemented yet and
// fail with kUnsupportedPrecision (the job is recorded as failed, not crashed).
Status ApplyPrecision(onnx::ModelProto& model, Precision precision);

}  // namespace campaign::converter
