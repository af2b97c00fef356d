// Reduce* (reduce_f32, one work item per output element) and ArgMax/ArgMin
// (arg_reduce_f32): the device classes. LayerNormalization:
// runner/ops/layer_norm.cc.
#include "graph/ops/reduce.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::ReduceKind;

class ReduceDevice final : public graph::ReduceOp, public DeviceOp {
 public:
  using ReduceOp::ReduceOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& s = in[0].shape;
    auto st = graph::ContiguousStrides(s);
    std::vector<int64_t> kd, ks, rd, rs;
    for (size_t d = 0; d < s.size(); ++d) {
      (reduced_[d] ? rd : kd).push_back(s[d]);
      (reduced_[d] ? rs : ks).push_back(st[d]);
    }
    std::vector<int64_t> meta = kd;
    meta.insert(meta.end(), ks.begin(), ks.end());
    meta.insert(meta.end(), rd.begin(), rd.end());
    meta.insert(meta.end(), rs.begin(), rs.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("reduce_f32"));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(kind_), static_cast<int>(kd.size()),
                       static_cast<int>(rd.size()), meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

class ArgReduceDevice final : public graph::ArgReduceOp, public DeviceOp {
 public:
  using ArgReduceOp::ArgReduceOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& s = in[0].shape;
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis_; ++d) outer *= s[d];
    for (size_t d = axis_ + 1; d < s.size(); ++d) inner *= s[d];
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("arg_reduce_f32"));
    launch_.items = static_cast<size_t>(outer * inner);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(),
                       static_cast<int>(outer), static_cast<int>(s[axis_]), static_cast<int>(inner),
                       is_max_ ? 0 : 1, last_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

std::unique_ptr<graph::Op> MakeReduce(const onnx::NodeProto& n) {
  return std::make_unique<ReduceDevice>(n, graph::ReduceKindOf(n.op_type()));
}

}  // namespace

void RegisterReduceDeviceOps(graph::OpTable* table) {
  auto& m = *table;
  for (const graph::ReduceOpType& t : graph::kReduceOpTypes) m[t.name] = MakeReduce;
  m["ArgMax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ArgReduceDevice>(n, true);
  };
  m["ArgMin"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ArgReduceDevice>(n, false);
  };
}

}  // namespace campaign::runner::ops
