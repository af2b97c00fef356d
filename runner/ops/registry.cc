#include "runner/ops/registry.h"

#include "runner/ops/attributes.h"
#include "runner/ops/factories.h"

namespace campaign::runner::ops {

const std::map<std::string, OpFactory>& OpRegistry() {
  static const auto* registry = [] {
    auto* r = new std::map<std::string, OpFactory>{
        {"Add", MakeAdd},           {"AveragePool", MakeAveragePool},
        {"Clip", MakeClip},         {"Concat", MakeConcat},
        {"Conv", MakeConv},         {"Div", MakeDiv},
        {"Dropout", MakeDropout},   {"Flatten", MakeFlatten},
        {"Gemm", MakeGemm},         {"GlobalAveragePool", MakeGlobalAveragePool},
        {"Identity", MakeIdentity}, {"MatMul", MakeMatMul},
        {"MaxPool", MakeMaxPool},   {"Mul", MakeMul},
        {"Relu", MakeRelu},         {"Reshape", MakeReshape},
        {"Sigmoid", MakeSigmoid},   {"Softmax", MakeSoftmax},
        {"Sub", MakeSub},           {"LogSoftmax", MakeLogSoftmax},
        {"Hardmax", MakeHardmax},
    };
    RegisterElementwiseOps(r);
    RegisterMovementOps(r);
    RegisterIndexOps(r);
    RegisterReduceOps(r);
    RegisterVariadicOps(r);
    RegisterLossOps(r);
    RegisterResizeOps(r);
    RegisterQuantizeOps(r);
    RegisterFusedOps(r);
    RegisterAttentionOps(r);
    return r;
  }();
  return *registry;
}

Result<std::unique_ptr<Op>> CreateOp(const onnx::NodeProto& node) {
  // Ops of other domains are registered as "domain.OpType" (ai.campaign.FusedConv).
  bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
  auto it =
      OpRegistry().find(default_domain ? node.op_type() : node.domain() + "." + node.op_type());
  if (it == OpRegistry().end()) {
    return Status::Error(Reason::kUnsupportedOp,
                         "operator " + NodeLabel(node) + " is not supported by the runner");
  }
  return it->second(node);
}

}  // namespace campaign::runner::ops
