// DynamicQuantizeLinear, MatMulInteger, QLinearMatMul, ConvInteger and
// QLinearConv (2-D): the reference classes. Device classes:
// runner/ops/quant_linear.cc; arithmetic: graph/reference/quant_linear.h and
// quant_linear_conv.h; kernels: runner/kernels/quant_linear.cl. Scales and
// zero points may be computed tensors (the device kernels read them).
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/quant_linear.h"
#include "graph/reference/quant_linear_conv.h"

namespace campaign::graph {

class DynamicQuantizeOp : public Op {
 public:
  explicit DynamicQuantizeOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

// MatMulInteger(a, b, a_zp?, b_zp?) (`qlinear` false) or QLinearMatMul(a,
// a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp).
class QMatMulOp : public Op {
 public:
  QMatMulOp(const onnx::NodeProto& node, bool qlinear);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  bool qlinear_;
  // Set by Infer. Input indices of a, b and the parameters (-1: absent).
  reference::QMatMulDims dims_;
  int a_ = 0, b_ = 1, a_zp_ = 2, b_zp_ = 3, a_scale_ = -1, b_scale_ = -1, y_scale_ = -1, y_zp_ = -1;
  int64_t a_zp_count_ = 0, b_zp_count_ = 0, a_scale_count_ = 0, b_scale_count_ = 0;
  DType y_type_ = DType::kInt32;
};

// ConvInteger(x, w, x_zp?, w_zp?) or QLinearConv(x, x_scale, x_zp, w,
// w_scale, w_zp, y_scale, y_zp, B?), 2-D.
class QConvOp : public Op {
 public:
  QConvOp(const onnx::NodeProto& node, bool qlinear);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  bool qlinear_;
  // Set by Infer. Input indices (-1: absent).
  reference::Conv2dParams p_;
  int x_ = 0, w_ = 1, x_zp_ = 2, w_zp_ = 3, x_scale_ = -1, w_scale_ = -1, y_scale_ = -1, y_zp_ = -1,
      bias_ = -1;
  int64_t w_zp_count_ = 0, w_scale_count_ = 0;
  Shape x_shape_, w_shape_, y_shape_;
  DType y_type_ = DType::kInt32;
};

}  // namespace campaign::graph
