// Unary float32 functions, broadcasting binaries (arithmetic, comparisons,
// logic), Not and Where: the reference classes. Device classes:
// runner/ops/elementwise.cc; arithmetic: graph/reference/elementwise.h;
// kernels: runner/kernels/elementwise.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/elementwise.h"

namespace campaign::graph {

class UnaryOp : public Op {
 public:
  UnaryOp(const onnx::NodeProto& node, reference::UnaryKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  reference::UnaryKind kind_;
  float p0_ = 0, p1_ = 0;
};

class BinaryOp : public Op {
 public:
  BinaryOp(const onnx::NodeProto& node, reference::BinaryKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  reference::BinaryKind kind_;
  bool fmod_ = false;
};

class NotOp : public Op {
 public:
  explicit NotOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

class WhereOp : public Op {
 public:
  explicit WhereOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

}  // namespace campaign::graph
