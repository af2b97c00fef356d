// Reduce* (float32, axes as attribute or constant input) and ArgMax/ArgMin:
// the reference classes. Device classes: runner/ops/reduce.cc; arithmetic:
// graph/reference/reduce.h; kernels: runner/kernels/reduce.cl.
// LayerNormalization: graph/ops/layer_norm.h.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/reduce.h"

namespace campaign::graph {

// The ONNX op types of ReduceOp with their kinds: the reference and device
// registrations both read this table.
struct ReduceOpType {
  const char* name;
  reference::ReduceKind kind;
};
inline constexpr ReduceOpType kReduceOpTypes[] = {
    {"ReduceSum", reference::ReduceKind::kSum},
    {"ReduceMean", reference::ReduceKind::kMean},
    {"ReduceMax", reference::ReduceKind::kMax},
    {"ReduceMin", reference::ReduceKind::kMin},
    {"ReduceProd", reference::ReduceKind::kProd},
    {"ReduceL1", reference::ReduceKind::kL1},
    {"ReduceL2", reference::ReduceKind::kL2},
    {"ReduceSumSquare", reference::ReduceKind::kSumSquare},
    {"ReduceLogSum", reference::ReduceKind::kLogSum},
    {"ReduceLogSumExp", reference::ReduceKind::kLogSumExp},
};

// The kind of `op_type` in kReduceOpTypes (REQUIRES: it is there).
reference::ReduceKind ReduceKindOf(const std::string& op_type);

class ReduceOp : public Op {
 public:
  ReduceOp(const onnx::NodeProto& node, reference::ReduceKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::ReduceKind kind_;
  std::vector<bool> reduced_;  // set by Infer
};

class ArgReduceOp : public Op {
 public:
  ArgReduceOp(const onnx::NodeProto& node, bool is_max);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t axis_;  // normalized by Infer
  bool keepdims_, last_, is_max_;
};

}  // namespace campaign::graph
