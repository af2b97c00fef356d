// Reduce* (float32, axes as attribute or constant input) and
// LayerNormalization.
#include "runner/ops/attributes.h"
#include "runner/ops/factories.h"
#include "runner/reference/reduce.h"

namespace campaign::runner::ops {
namespace {

using reference::ReduceKind;

class ReduceOp : public Op {
 public:
  ReduceOp(const onnx::NodeProto& node, ReduceKind kind)
      : node_(node), label_(NodeLabel(node)), kind_(kind) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    ASSIGN_OR_RETURN(auto axes, ConstIntsInput(label_, in, 1, node_, "axes"));
    std::vector<int64_t> list = axes.value_or(std::vector<int64_t>{});
    if (list.empty() && GetInt(node_, "noop_with_empty_axes", 0) != 0) {
      reduced_.assign(in[0].shape.size(), false);
    } else {
      auto r = reference::ReducedAxes(in[0].shape, list);
      if (!r.ok()) return r.status().WithContext(label_);
      reduced_ = *r;
    }
    Shape y = reference::ReduceShape(in[0].shape, reduced_, GetInt(node_, "keepdims", 1) != 0);
    return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& s = in[0].shape;
    auto st = ContiguousStrides(s);
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
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(kind_), static_cast<int>(kd.size()),
                       static_cast<int>(rd.size()), meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Reduce(kind_, *in[0], reduced_, out[0]);
    return Status::Ok();
  }

 private:
  onnx::NodeProto node_;
  std::string label_;
  ReduceKind kind_;
  std::vector<bool> reduced_;
  cl::Buffer meta_;
  Launch launch_;
};

class LayerNormOp : public Op {
 public:
  explicit LayerNormOp(const onnx::NodeProto& node)
      : node_(node),
        label_(NodeLabel(node)),
        axis_(GetInt(node, "axis", -1)),
        eps_(GetFloat(node, "epsilon", 1e-5f)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
    for (const auto& t : in) {
      if (t.present) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
    }
    for (int i = 1; i < node_.output_size(); ++i) {
      if (!node_.output(i).empty()) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": the Mean/InvStdDev outputs are not supported");
      }
    }
    int64_t rank = static_cast<int64_t>(in[0].shape.size());
    int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
    if (axis < 0 || axis >= rank) {
      return Status::Error(Reason::kInvalidModel, label_ + ": axis out of range");
    }
    inner_ = 1;
    for (int64_t d = axis; d < rank; ++d) inner_ *= in[0].shape[d];
    has_bias_ = in.size() > 2 && in[2].present;
    for (size_t i = 1; i < in.size(); ++i) {
      if (in[i].present && NumElements(in[i].shape) != inner_) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": scale and bias must cover the normalized axes exactly");
      }
    }
    return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    int64_t rows = inner_ == 0 ? 0 : NumElements(in[0].shape) / inner_;
    ASSIGN_OR_RETURN(int r, ToInt(rows, label_));
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("layer_norm_f32"));
    launch_.items = static_cast<size_t>(r) * 64;
    launch_.what = label_;
    cl_mem bias = has_bias_ ? in[2].buffer->get() : in[1].buffer->get();
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(), bias,
                       out[0].buffer->get(), r, static_cast<int>(inner_), eps_,
                       has_bias_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::LayerNorm(*in[0], *in[1], has_bias_ ? in[2] : nullptr, inner_, eps_, out[0]);
    return Status::Ok();
  }

 private:
  onnx::NodeProto node_;
  std::string label_;
  int64_t axis_;
  float eps_;
  int64_t inner_ = 1;
  bool has_bias_ = false;
  Launch launch_;
};

template <ReduceKind K>
std::unique_ptr<Op> MakeReduce(const onnx::NodeProto& n) {
  return std::make_unique<ReduceOp>(n, K);
}

}  // namespace

void RegisterReduceOps(std::map<std::string, OpFactory>* r) {
  auto& m = *r;
  m["ReduceSum"] = MakeReduce<ReduceKind::kSum>;
  m["ReduceMean"] = MakeReduce<ReduceKind::kMean>;
  m["ReduceMax"] = MakeReduce<ReduceKind::kMax>;
  m["ReduceMin"] = MakeReduce<ReduceKind::kMin>;
  m["ReduceProd"] = MakeReduce<ReduceKind::kProd>;
  m["ReduceL1"] = MakeReduce<ReduceKind::kL1>;
  m["ReduceL2"] = MakeReduce<ReduceKind::kL2>;
  m["ReduceSumSquare"] = MakeReduce<ReduceKind::kSumSquare>;
  m["ReduceLogSum"] = MakeReduce<ReduceKind::kLogSum>;
  m["ReduceLogSumExp"] = MakeReduce<ReduceKind::kLogSumExp>;
  m["LayerNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LayerNormOp>(n);
  };
}

}  // namespace campaign::runner::ops
