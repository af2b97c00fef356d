// Shape, Size, ConstantOfShape, Range and EyeLike: the ops whose outputs are
// known at load time. Infer computes the value; the executor folds it into a
// constant, so they never run on the device. The reference classes; device
// classes (which only refuse to run): runner/ops/shape.cc.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

// An op whose output Infer computes entirely (Shape, Size), or that needs
// constant inputs (ConstantOfShape, Range): never on the device.
class LoadTimeOp : public Op {
 public:
  explicit LoadTimeOp(const onnx::NodeProto& node);
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  Status RequireConstant(const TensorInfo& t, const std::string& which) const;
  onnx::NodeProto node_;
  std::string label_;
  HostTensor value_;  // set by Infer
};

// Shape, or Size when `size`.
class ShapeOp : public LoadTimeOp {
 public:
  ShapeOp(const onnx::NodeProto& node, bool size);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;

 private:
  bool size_;
};

class ConstantOfShapeOp : public LoadTimeOp {
 public:
  using LoadTimeOp::LoadTimeOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

class RangeOp : public LoadTimeOp {
 public:
  using LoadTimeOp::LoadTimeOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

// EyeLike: ones where col - row == k in a matrix of the input's shape, of
// the `dtype` attribute's type (else the input's); depends on the shape only.
class EyeLikeOp : public LoadTimeOp {
 public:
  using LoadTimeOp::LoadTimeOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

}  // namespace campaign::graph
