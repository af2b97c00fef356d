// Transpose, Slice, Expand, Split, Tile, DepthToSpace and SpaceToDepth:
// each output is a strided view of input
// 0 (graph/reference/movement.h). The reference classes; device classes:
// runner/ops/movement.cc; kernels: runner/kernels/movement.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/movement.h"

namespace campaign::graph {

// Output k = a strided view of input 0. Subclasses fill shapes_/views_.
class ViewOp : public Op {
 public:
  explicit ViewOp(const onnx::NodeProto& node);
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::vector<TensorInfo> Outputs(DType dt) const;
  onnx::NodeProto node_;
  std::string label_;
  std::vector<Shape> shapes_;
  std::vector<reference::StridedView> views_;
};

class TransposeOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

class SliceOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

class ExpandOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

class SplitOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

// Tile: repeats must be a constant input.
class TileOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

// DepthToSpace (DCR and CRD modes) and SpaceToDepth.
class DepthSpaceOp : public ViewOp {
 public:
  DepthSpaceOp(const onnx::NodeProto& node, bool depth_to_space);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;

 private:
  bool depth_to_space_;
};

}  // namespace campaign::graph
