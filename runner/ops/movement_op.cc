// Strided copies: Transpose, Slice, Expand, Split (one kernel per output),
// and the aliases Unsqueeze and Squeeze.
#include <cstring>

#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/elementwise.h"
#include "graph/reference/movement.h"
#include "graph/reference/shape_ops.h"

namespace campaign::runner::ops {
namespace {

using reference::StridedView;

// Integer values of an optional constant input, or of attribute `attr` when
// the input is absent (older opsets). kUnsupportedOp when the input is
// computed at run time.
Result<std::optional<std::vector<int64_t>>> ConstInts(const std::string& label,
                                                      const std::vector<TensorInfo>& in, size_t i,
                                                      const onnx::NodeProto& node,
                                                      const std::string& attr) {
  if (i < in.size() && in[i].present) {
    if (!in[i].constant || (in[i].dtype != DType::kInt64 && in[i].dtype != DType::kInt32)) {
      return Status::Error(Reason::kUnsupportedOp,
                           label + ": input " + std::to_string(i) +
                               " must be a constant integer tensor (computed values are not "
                               "supported)");
    }
    return std::optional<std::vector<int64_t>>(reference::ToInt64s(*in[i].constant));
  }
  if (!attr.empty() && HasAttribute(node, attr)) {
    return std::optional<std::vector<int64_t>>(GetInts(node, attr, {}));
  }
  return std::optional<std::vector<int64_t>>();
}

// Output k = a strided view of input 0. Subclasses fill shapes_/views_.
class ViewOp : public Op {
 public:
  explicit ViewOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    size_t es = DTypeSize(in[0].dtype);
    const char* name = es == 1 ? "strided_copy_8" : es == 4 ? "strided_copy_32" : "strided_copy_64";
    launches_.clear();
    metas_.clear();
    for (size_t k = 0; k < out.size(); ++k) {
      const Shape& ys = out[k].shape;
      std::vector<int64_t> meta(ys.begin(), ys.end());
      meta.insert(meta.end(), views_[k].strides.begin(), views_[k].strides.end());
      meta.push_back(views_[k].offset);
      ASSIGN_OR_RETURN(cl::Buffer m, UploadInts(rt, meta));
      metas_.push_back(std::move(m));
      Launch l;
      ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel(name));
      ASSIGN_OR_RETURN(int n, ToInt(NumElements(ys), label_));
      l.items = static_cast<size_t>(n);
      l.what = label_;
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, in[0].buffer->get(), out[k].buffer->get(), n,
                                  static_cast<int>(ys.size()), metas_.back().get()));
      launches_.push_back(std::move(l));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    for (size_t k = 0; k < out.size(); ++k) reference::StridedCopy(*in[0], views_[k], out[k]);
    return Status::Ok();
  }

 protected:
  std::vector<TensorInfo> Outputs(DType dt) const {
    std::vector<TensorInfo> r;
    for (const Shape& s : shapes_) r.push_back({true, dt, s, nullptr});
    return r;
  }
  onnx::NodeProto node_;
  std::string label_;
  std::vector<Shape> shapes_;
  std::vector<StridedView> views_;
  std::vector<cl::Buffer> metas_;
  std::vector<Launch> launches_;
};

class TransposeOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    auto perm = reference::NormalizePerm(GetInts(node_, "perm", {}),
                                         static_cast<int64_t>(in[0].shape.size()));
    if (!perm.ok()) return perm.status().WithContext(label_);
    shapes_ = {reference::TransposeShape(in[0].shape, *perm)};
    views_ = {reference::TransposeView(in[0].shape, *perm)};
    return Outputs(in[0].dtype);
  }
};

class SliceOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 5));
    ASSIGN_OR_RETURN(auto starts, ConstInts(label_, in, 1, node_, "starts"));
    ASSIGN_OR_RETURN(auto ends, ConstInts(label_, in, 2, node_, "ends"));
    ASSIGN_OR_RETURN(auto axes, ConstInts(label_, in, 3, node_, "axes"));
    ASSIGN_OR_RETURN(auto steps, ConstInts(label_, in, 4, node_, ""));
    if (!starts || !ends) {
      return Status::Error(Reason::kInvalidModel, label_ + ": starts and ends are required");
    }
    StridedView v;
    auto y =
        reference::SliceShape(in[0].shape, *starts, *ends, axes.value_or(std::vector<int64_t>{}),
                              steps.value_or(std::vector<int64_t>{}), &v);
    if (!y.ok()) return y.status().WithContext(label_);
    shapes_ = {*y};
    views_ = {v};
    return Outputs(in[0].dtype);
  }
};

class ExpandOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
    ASSIGN_OR_RETURN(auto shape, ConstInts(label_, in, 1, node_, ""));
    std::vector<int64_t> dims = shape.value_or(std::vector<int64_t>{});
    auto y = reference::BroadcastShape(in[0].shape, Shape(dims.begin(), dims.end()));
    if (!y.ok()) return y.status().WithContext(label_);
    shapes_ = {*y};
    views_ = {{0, reference::BroadcastStrides(in[0].shape, *y)}};
    return Outputs(in[0].dtype);
  }
};

class SplitOp : public ViewOp {
 public:
  using ViewOp::ViewOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
    int64_t rank = static_cast<int64_t>(in[0].shape.size());
    auto axis = reference::NormalizeAxis(GetInt(node_, "axis", 0), rank);
    if (!axis.ok()) return axis.status().WithContext(label_);
    ASSIGN_OR_RETURN(auto split, ConstInts(label_, in, 1, node_, "split"));
    int64_t outputs = node_.output_size(), dim = in[0].shape[*axis];
    std::vector<int64_t> sizes;
    if (split) {
      sizes = *split;
    } else {
      if (outputs == 0 || dim % outputs != 0) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": uneven split without explicit sizes is not supported");
      }
      sizes.assign(outputs, dim / outputs);
    }
    int64_t total = 0;
    for (int64_t s : sizes) total += s;
    if (static_cast<int64_t>(sizes.size()) != outputs || total != dim) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": split sizes do not add up to " + std::to_string(dim));
    }
    shapes_.clear();
    views_.clear();
    int64_t start = 0;
    for (int64_t s : sizes) {
      Shape y = in[0].shape;
      y[*axis] = s;
      shapes_.push_back(y);
      views_.push_back(reference::AxisRangeView(in[0].shape, *axis, start));
      start += s;
    }
    return Outputs(in[0].dtype);
  }
};

// Unsqueeze/Squeeze: output 0 is input 0 with another shape.
class AxesAliasOp : public Op {
 public:
  AxesAliasOp(const onnx::NodeProto& node, bool unsqueeze)
      : node_(node), label_(NodeLabel(node)), unsqueeze_(unsqueeze) {}
  bool AliasesInput() const override { return true; }

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
    ASSIGN_OR_RETURN(auto axes, ConstInts(label_, in, 1, node_, "axes"));
    const Shape& x = in[0].shape;
    Shape y;
    if (unsqueeze_) {
      if (!axes) return Status::Error(Reason::kInvalidModel, label_ + ": axes are required");
      int64_t rank = static_cast<int64_t>(x.size() + axes->size());
      std::vector<bool> inserted(rank, false);
      for (int64_t a : *axes) {
        int64_t n = a < 0 ? a + rank : a;
        if (n < 0 || n >= rank || inserted[n]) {
          return Status::Error(Reason::kInvalidModel, label_ + ": bad axis " + std::to_string(a));
        }
        inserted[n] = true;
      }
      size_t k = 0;
      for (int64_t d = 0; d < rank; ++d) y.push_back(inserted[d] ? 1 : x[k++]);
    } else {
      int64_t rank = static_cast<int64_t>(x.size());
      std::vector<bool> drop(rank, false);
      if (!axes) {
        for (int64_t d = 0; d < rank; ++d) drop[d] = x[d] == 1;
      } else {
        for (int64_t a : *axes) {
          int64_t n = a < 0 ? a + rank : a;
          if (n < 0 || n >= rank || x[n] != 1) {
            return Status::Error(Reason::kInvalidModel,
                                 label_ + ": cannot squeeze axis " + std::to_string(a));
          }
          drop[n] = true;
        }
      }
      for (int64_t d = 0; d < rank; ++d) {
        if (!drop[d]) y.push_back(x[d]);
      }
    }
    return std::vector<TensorInfo>{{true, in[0].dtype, y, nullptr}};
  }

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>&,
                       const std::vector<DeviceTensor>&, const cl::Buffer*) override {
    return Status::Ok();
  }
  Status Enqueue(cl::Runtime&) override { return Status::Ok(); }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    if (in[0]->bytes() > 0) std::memcpy(out[0]->raw(), in[0]->raw(), in[0]->bytes());
    return Status::Ok();
  }

 private:
  onnx::NodeProto node_;
  std::string label_;
  bool unsqueeze_;
};

template <typename T>
std::unique_ptr<Op> MakeView(const onnx::NodeProto& n) {
  return std::make_unique<T>(n);
}

}  // namespace

Result<std::optional<std::vector<int64_t>>> ConstIntsInput(const std::string& label,
                                                           const std::vector<TensorInfo>& in,
                                                           size_t i, const onnx::NodeProto& node,
                                                           const std::string& attr) {
  return ConstInts(label, in, i, node, attr);
}

void RegisterMovementOps(std::map<std::string, OpFactory>* r) {
  auto& m = *r;
  m["Transpose"] = MakeView<TransposeOp>;
  m["Slice"] = MakeView<SliceOp>;
  m["Expand"] = MakeView<ExpandOp>;
  m["Split"] = MakeView<SplitOp>;
  m["Unsqueeze"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<AxesAliasOp>(n, true);
  };
  m["Squeeze"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<AxesAliasOp>(n, false);
  };
}

}  // namespace campaign::runner::ops
