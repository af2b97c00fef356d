// TfIdfVectorizer: the reference class. Device class: runner/ops/tfidf.cc;
// arithmetic: graph/reference/tfidf.h; kernels: runner/kernels/tfidf.cl.
// Integer pools only (pool_int64s); int32/int64 input of rank 1 or 2.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/tfidf.h"

namespace campaign::graph {

class TfIdfOp : public Op {
 public:
  explicit TfIdfOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  const onnx::NodeProto& node_;
  std::string label_;
  reference::TfIdfParams params_;  // set by Infer
};

}  // namespace campaign::graph
