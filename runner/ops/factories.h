// One factory per supported ONNX op type; registry.cc maps names to them.
// Factories do not fail: attribute problems are reported by Op::Infer.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
CAMPAIGN_DECLARE_OP(FusedConv)  // ai.campaign.FusedConv (conv_op.cc)
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
CAMPAIGN_DECLARE_OP(LogSoftmax)
CAMPAIGN_DECLARE_OP(Hardmax)
#undef CAMPAIGN_DECLARE_OP

using OpFactory = std::unique_ptr<Op> (*)(const onnx::NodeProto& node);

// Families of ops registered by name (see registry.cc).
void RegisterElementwiseOps(std::map<std::string, OpFactory>* registry);
void RegisterMovementOps(std::map<std::string, OpFactory>* registry);
void RegisterIndexOps(std::map<std::string, OpFactory>* registry);
void RegisterReduceOps(std::map<std::string, OpFactory>* registry);
void RegisterVariadicOps(std::map<std::string, OpFactory>* registry);
void RegisterLossOps(std::map<std::string, OpFactory>* registry);
void RegisterResizeOps(std::map<std::string, OpFactory>* registry);
// QuantizeLinear, DequantizeLinear (quantize_op.cc).
void RegisterQuantizeOps(std::map<std::string, OpFactory>* registry);
// The project's fused ops, keyed "ai.campaign.FusedConv" etc. (fused_op.cc).
void RegisterFusedOps(std::map<std::string, OpFactory>* registry);
void RegisterAttentionOps(std::map<std::string, OpFactory>* registry);

// Integer values of input `i` when it is present (it must then be a
// constant int64/int32 tensor, else kUnsupportedOp), else of attribute
// `attr` (older opsets) when set, else nullopt.
Result<std::optional<std::vector<int64_t>>> ConstIntsInput(const std::string& label,
                                                           const std::vector<TensorInfo>& in,
                                                           size_t i, const onnx::NodeProto& node,
                                                           const std::string& attr);

}  // namespace campaign::runner::ops
