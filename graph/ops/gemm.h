// Gemm and MatMul: the reference classes. Device classes (CLBlast):
// runner/ops/gemm.cc; arithmetic: graph/reference/gemm.h; kernel:
// runner/kernels/gemm.cl (Gemm's bias).
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/gemm.h"

namespace campaign::graph {

class GemmOp : public Op {
 public:
  explicit GemmOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  reference::GemmParams p_;
  bool has_c_ = false;  // set by Infer
};

class MatMulOp : public Op {
 public:
  explicit MatMulOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

}  // namespace campaign::graph
