// Reduce* (float32, axes as attribute or constant input), ArgMax/ArgMin and
// LayerNormalization.
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/reduce.h"

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
    stats_ = node_.output_size() > 1;
    if (stats_ && (node_.output(1).empty() || node_.output_size() < 3 || node_.output(2).empty())) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": Mean without InvStdDev (or the reverse) is not supported");
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
    std::vector<TensorInfo> out{{true, DType::kFloat32, in[0].shape, nullptr}};
    if (stats_) {
      Shape s = in[0].shape;
      for (int64_t d = axis; d < rank; ++d) s[d] = 1;
      out.push_back({true, DType::kFloat32, s, nullptr});
      out.push_back({true, DType::kFloat32, s, nullptr});
    }
    return out;
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
                       out[0].buffer->get(), r, static_cast<int>(inner_), eps_, has_bias_ ? 1 : 0,
                       stats_ ? 1 : 0, (stats_ ? out[1] : out[0]).buffer->get(),
                       (stats_ ? out[2] : out[0]).buffer->get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::LayerNorm(*in[0], *in[1], has_bias_ ? in[2] : nullptr, inner_, eps_, out[0],
                         stats_ ? out[1] : nullptr, stats_ ? out[2] : nullptr);
    return Status::Ok();
  }

 private:
  onnx::NodeProto node_;
  std::string label_;
  int64_t axis_;
  float eps_;
  int64_t inner_ = 1;
  bool has_bias_ = false, stats_ = false;
  Launch launch_;
};

class ArgReduceOp : public Op {
 public:
  ArgReduceOp(const onnx::NodeProto& node, bool is_max)
      : label_(NodeLabel(node)),
        axis_(GetInt(node, "axis", 0)),
        keepdims_(GetInt(node, "keepdims", 1) != 0),
        last_(GetInt(node, "select_last_index", 0) != 0),
        is_max_(is_max) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    int64_t rank = static_cast<int64_t>(in[0].shape.size());
    int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
    if (axis < 0 || axis >= rank || in[0].shape[axis] == 0) {
      return Status::Error(Reason::kInvalidModel, label_ + ": axis out of range or empty");
    }
    axis_ = axis;
    std::vector<bool> reduced(rank, false);
    reduced[axis] = true;
    return std::vector<TensorInfo>{
        {true, DType::kInt64, reference::ReduceShape(in[0].shape, reduced, keepdims_), nullptr}};
  }

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

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::ArgReduce(*in[0], axis_, is_max_, last_, out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  int64_t axis_;
  bool keepdims_, last_, is_max_;
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
  m["ArgMax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ArgReduceOp>(n, true);
  };
  m["ArgMin"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ArgReduceOp>(n, false);
  };
  m["LayerNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LayerNormOp>(n);
  };
  // The same operator for engines of opset < 17 (converter/passes/fuse_layernorm.h).
  m["ai.campaign.LayerNormalization"] = m["LayerNormalization"];
}

}  // namespace campaign::runner::ops
