// One factory per supported ONNX op type; registry.cc maps names to them.
// Factories do not fail: attribute problems are reported by Op::Infer.
#pragma once

#include <onnx/onnx_pb.h>

#include <memory>

#include "runner/ops/op.h"

namespace campaign::runner::ops {

#define CAMPAIGN_DECLARE_OP(name) std::unique_ptr<Op> Make##name(const onnx::NodeProto& node);
CAMPAIGN_DECLARE_OP(Relu)
CAMPAIGN_DECLARE_OP(Clip)
CAMPAIGN_DECLARE_OP(Sigmoid)
CAMPAIGN_DECLARE_OP(Add)
CAMPAIGN_DECLARE_OP(Sub)
CAMPAIGN_DECLARE_OP(Mul)
CAMPAIGN_DECLARE_OP(Div)
CAMPAIGN_DECLARE_OP(Conv)
CAMPAIGN_DECLARE_OP(MaxPool)
CAMPAIGN_DECLARE_OP(AveragePool)
CAMPAIGN_DECLARE_OP(GlobalAveragePool)
CAMPAIGN_DECLARE_OP(Gemm)
CAMPAIGN_DECLARE_OP(MatMul)
CAMPAIGN_DECLARE_OP(Concat)
CAMPAIGN_DECLARE_OP(Reshape)
CAMPAIGN_DECLARE_OP(Flatten)
CAMPAIGN_DECLARE_OP(Identity)
CAMPAIGN_DECLARE_OP(Dropout)
CAMPAIGN_DECLARE_OP(Softmax)
#undef CAMPAIGN_DECLARE_OP

}  // namespace campaign::runner::ops
