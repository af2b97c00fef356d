// Pass "gemm_weights": Gemm / FusedGemm with transB=1 and a constant B is
// given B transposed once at conversion (transB=0), so CLBlast does not
// transpose the weight matrix on every inference (torch exports
// nn.Linear / out_proj as Gemm(transB=1)). The transposed weight is a new
// initializer; the old one goes when nothing else reads it.
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of Gemm nodes rewritten.
int PretransposeGemmWeights(onnx::GraphProto& g);

}  // namespace campaign::converter
