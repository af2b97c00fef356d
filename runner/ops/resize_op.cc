// Resize (opset 11+) with constant roi/scales/sizes: nearest, linear, cubic.
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/resize.h"

namespace campaign::runner::ops {
namespace {

class ResizeOp : public Op {
 public:
  explicit ResizeOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {
    p_.mode = GetString(node, "mode", "nearest");
    p_.coordinate_mode = GetString(node, "coordinate_transformation_mode", "half_pixel");
    p_.nearest_mode = GetString(node, "nearest_mode", "round_prefer_floor");
    p_.cubic_a = GetFloat(node, "cubic_coeff_a", -0.75f);
    p_.exclude_outside = GetInt(node, "exclude_outside", 0) != 0;
    p_.extrapolation = GetFloat(node, "extrapolation_value", 0.0f);
  }

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 4));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    if (in.size() < 3) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": Resize-10 (X, scales) is not supported; use opset 11+");
    }
    std::vector<float> roi, scales;
    std::vector<int64_t> sizes;
    for (size_t i = 1; i < in.size(); ++i) {
      if (!in[i].present) continue;
      if (!in[i].constant) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": roi/scales/sizes must be constant");
      }
      const HostTensor& c = *in[i].constant;
      if (i == 3) {
        if (c.dtype() != DType::kInt64) {
          return Status::Error(Reason::kInvalidModel, label_ + ": sizes must be int64");
        }
        sizes.assign(c.values<int64_t>().begin(), c.values<int64_t>().end());
      } else {
        if (c.dtype() != DType::kFloat32) {
          return Status::Error(Reason::kUnsupportedOp, label_ + ": roi/scales must be float32");
        }
        (i == 1 ? roi : scales).assign(c.values<float>().begin(), c.values<float>().end());
      }
    }
    if (!sizes.empty()) scales.clear();
    if (in[0].shape.size() > 8) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": rank above 8");
    }
    auto y = reference::ResizeShape(in[0].shape, scales, sizes);
    if (!y.ok()) return y.status().WithContext(label_);
    auto t = reference::MakeResizeTables(in[0].shape, *y, scales, roi, p_);
    if (!t.ok()) return t.status().WithContext(label_);
    tables_ = std::move(t).value();
    return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    std::vector<int64_t> meta(ys.begin(), ys.end());
    auto xs = ContiguousStrides(in[0].shape);
    meta.insert(meta.end(), xs.begin(), xs.end());
    meta.insert(meta.end(), tables_.offset.begin(), tables_.offset.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    std::vector<int64_t> idx(tables_.index.begin(), tables_.index.end());
    idx.push_back(0);
    ASSIGN_OR_RETURN(index_, UploadInts(rt, idx));
    size_t wb = (tables_.weight.size() + 1) * sizeof(float);
    ASSIGN_OR_RETURN(weight_, rt.CreateBuffer(wb));
    if (!tables_.weight.empty()) {
      RETURN_IF_ERROR(
          rt.Write(weight_, tables_.weight.data(), tables_.weight.size() * sizeof(float), true));
    }
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("resize_f32"));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(ys), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(ys.size()), tables_.taps, meta_.get(), index_.get(),
                       weight_.get(), p_.extrapolation);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Resize(*in[0], tables_, p_.extrapolation, out[0]);
    return Status::Ok();
  }

 private:
  onnx::NodeProto node_;
  std::string label_;
  reference::ResizeParams p_;
  reference::ResizeTables tables_;
  cl::Buffer meta_, index_, weight_;
  Launch launch_;
};

}  // namespace

void RegisterResizeOps(std::map<std::string, OpFactory>* r) {
  (*r)["Resize"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ResizeOp>(n);
  };
}

}  // namespace campaign::runner::ops
