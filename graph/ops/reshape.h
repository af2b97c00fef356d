// The aliasing ops: Reshape, Flatten, Identity, Squeeze and Unsqueeze
// (Dropout: graph/ops/dropout.h). Output 0 is input 0 with another shape;
// a device plan gives both the same buffer and skips the op. Reference
// classes here; device classes: runner/ops/reshape.cc (no kernel); shape
// arithmetic: graph/reference/reshape.h.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

// Output 0 is input 0 with a new shape computed by the subclass.
class AliasOp : public Op {
 public:
  explicit AliasOp(const onnx::NodeProto& node);
  bool AliasesInput() const override { return true; }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
};

class ReshapeOp : public AliasOp {
 public:
  using AliasOp::AliasOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

class FlattenOp : public AliasOp {
 public:
  using AliasOp::AliasOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

// Identity.
class IdentityOp : public AliasOp {
 public:
  using AliasOp::AliasOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

// Unsqueeze/Squeeze: output 0 is input 0 with another shape.
class AxesAliasOp : public Op {
 public:
  AxesAliasOp(const onnx::NodeProto& node, bool unsqueeze);
  bool AliasesInput() const override { return true; }
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  bool unsqueeze_;
};

}  // namespace campaign::graph
