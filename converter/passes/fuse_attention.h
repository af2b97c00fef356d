// Pass "fuse_attention": scaled-dot-product attention written out by the
// exporters becomes one ai.campaign.Attention node
// (graph/reference/attention.h, schema/engine-format.md):
//   s = MatMul(Q', K')            Q' = [Transpose](Q) [* or / scalar]
//                                 K' = [Transpose](K) [* or / scalar]
//   p = Softmax([Mul|Div](s, scalar), axis = last)
//   y = [Transpose](MatMul(p, [Transpose](V)))
// The scalars multiply into the node's `scale` (the first GEMM's alpha), and
// the Transposes around Q, K, V and y become its q_perm / k_perm / v_perm /
// y_perm, read and written in place by strided-batched GEMMs. A Transpose is
// only folded when the strides it leaves can be addressed by one such GEMM
// (graph::reference::BlasLayout), e.g. vit's heads at every batch, bert's
// [B, S, H, D] heads only at batch 1; otherwise it stays a node. Every
// intermediate tensor must be read only inside the pattern; a mask Add
// between the scale and the Softmax is not fused (the pattern is left as is).
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of attention patterns fused. Adds the ai.campaign
// opset import when it creates a node.
int FuseAttention(onnx::ModelProto& model);

}  // namespace campaign::converter
