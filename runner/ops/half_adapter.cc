#include "runner/ops/half_adapter.h"

#include <algorithm>
#include <deque>

#include "graph/half.h"

namespace campaign::runner::ops {
namespace {

size_t FloatBytes(const Shape& s) {
  return std::max<size_t>(sizeof(float), static_cast<size_t>(NumElements(s)) * sizeof(float));
}

class HalfAdapter : public Op {
 public:
  HalfAdapter(std::unique_ptr<Op> inner, std::string label, HalfScratch* scratch)
      : inner_(std::move(inner)), label_(std::move(label)), scratch_(scratch) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    std::vector<TensorInfo> f32 = in;
    const_f32_.clear();
    const_f32_.resize(in.size());
    size_t slot = 0;
    for (size_t i = 0; i < in.size(); ++i) {
      if (!in[i].present || in[i].dtype != DType::kFloat16) continue;
      f32[i].dtype = DType::kFloat32;
      if (in[i].constant) {
        const_f32_[i] = std::make_unique<HostTensor>(ToFloat32(*in[i].constant));
        f32[i].constant = const_f32_[i].get();
      } else {
        scratch_->Reserve(slot++, FloatBytes(in[i].shape));
      }
    }
    ASSIGN_OR_RETURN(std::vector<TensorInfo> out, inner_->Infer(f32));
    out_const_.clear();
    out_const_.resize(out.size());
    for (size_t j = 0; j < out.size(); ++j) {
      if (out[j].dtype != DType::kFloat32) continue;
      out[j].dtype = DType::kFloat16;
      scratch_->Reserve(slot++, FloatBytes(out[j].shape));
      if (out[j].constant) {
        out_const_[j] = std::make_unique<HostTensor>(ToFloat16(*out[j].constant));
        out[j].constant = out_const_[j].get();
      }
    }
    return out;
  }

  bool AliasesInput() const override { return inner_->AliasesInput(); }
  size_t WorkspaceBytes() const override { return inner_->WorkspaceBytes(); }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* workspace) override {
    if (AliasesInput()) return Status::Ok();  // same bytes, another shape: nothing to run
    size_t slot = 0;
    std::vector<DeviceTensor> f32_in = in;
    for (size_t i = 0; i < in.size(); ++i) {
      if (!in[i].buffer || in[i].dtype != DType::kFloat16) continue;
      f32_in[i].dtype = DType::kFloat32;
      if (i < const_f32_.size() && const_f32_[i]) {  // a weight: converted once, here
        ASSIGN_OR_RETURN(cl::Buffer buf, rt.CreateBuffer(FloatBytes(in[i].shape)));
        weights_.push_back(std::move(buf));
        RETURN_IF_ERROR(
            rt.Write(weights_.back(), const_f32_[i]->raw(), const_f32_[i]->bytes(), true));
        f32_in[i].buffer = &weights_.back();
        continue;
      }
      ASSIGN_OR_RETURN(f32_in[i].buffer, scratch_->Get(rt, slot++));
      ASSIGN_OR_RETURN(Launch l,
                       Convert(rt, "cast_f16_f32", *in[i].buffer, *f32_in[i].buffer, in[i].shape));
      before_.push_back(std::move(l));
    }
    std::vector<DeviceTensor> f32_out = out;
    for (size_t j = 0; j < out.size(); ++j) {
      if (out[j].dtype != DType::kFloat16) continue;
      f32_out[j].dtype = DType::kFloat32;
      ASSIGN_OR_RETURN(f32_out[j].buffer, scratch_->Get(rt, slot++));
      ASSIGN_OR_RETURN(
          Launch l, Convert(rt, "cast_f32_f16", *f32_out[j].buffer, *out[j].buffer, out[j].shape));
      after_.push_back(std::move(l));
    }
    return inner_->PrepareDevice(rt, f32_in, f32_out, workspace);
  }

  Status Enqueue(cl::Runtime& rt) override {
    RETURN_IF_ERROR(EnqueueAll(rt, before_));
    RETURN_IF_ERROR(inner_->Enqueue(rt));
    return EnqueueAll(rt, after_);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    std::vector<HostTensor> converted(in.size());
    std::vector<const HostTensor*> f32_in = in;
    for (size_t i = 0; i < in.size(); ++i) {
      if (!in[i] || in[i]->dtype() != DType::kFloat16) continue;
      if (i < const_f32_.size() && const_f32_[i]) {
        f32_in[i] = const_f32_[i].get();
      } else {
        converted[i] = ToFloat32(*in[i]);
        f32_in[i] = &converted[i];
      }
    }
    std::vector<HostTensor> results(out.size());
    std::vector<HostTensor*> f32_out = out;
    for (size_t j = 0; j < out.size(); ++j) {
      if (out[j]->dtype() != DType::kFloat16) continue;
      results[j] = HostTensor(DType::kFloat32, out[j]->shape());
      f32_out[j] = &results[j];
    }
    RETURN_IF_ERROR(inner_->RunReference(f32_in, f32_out));
    for (size_t j = 0; j < out.size(); ++j) {
      if (f32_out[j] != out[j]) {
        FloatsToHalves(results[j].values<float>(), out[j]->values<uint16_t>());
      }
    }
    return Status::Ok();
  }

 private:
  Result<Launch> Convert(cl::Runtime& rt, const char* kernel, const cl::Buffer& src,
                         const cl::Buffer& dst, const Shape& shape) {
    Launch l;
    ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel(kernel));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(shape), label_));
    l.items = static_cast<size_t>(n);
    l.what = label_ + " (" + kernel + ")";
    RETURN_IF_ERROR(cl::SetArgs(l.kernel, src.get(), dst.get(), n));
    return l;
  }

  std::unique_ptr<Op> inner_;
  std::string label_;
  HalfScratch* scratch_;
  std::vector<std::unique_ptr<HostTensor>> const_f32_;  // per input: float copy of a constant
  std::vector<std::unique_ptr<HostTensor>> out_const_;  // per output: half copy of a constant
  std::deque<cl::Buffer> weights_;  // float copies of constant inputs (stable addresses)
  std::vector<Launch> before_, after_;
};

}  // namespace

void HalfScratch::Reserve(size_t slot, size_t bytes) {
  if (sizes_.size() <= slot) sizes_.resize(slot + 1, 0);
  sizes_[slot] = std::max(sizes_[slot], bytes);
}

Result<const cl::Buffer*> HalfScratch::Get(cl::Runtime& rt, size_t slot) {
  if (buffers_.empty()) {
    std::vector<cl::Buffer> buffers;
    for (size_t bytes : sizes_) {
      auto buf = rt.CreateBuffer(bytes);
      if (!buf.ok()) return buf.status().WithContext("allocating float16 adapter scratch");
      buffers.push_back(std::move(buf).value());
    }
    buffers_ = std::move(buffers);
  }
  if (slot >= buffers_.size()) {
    return Status::Error(Reason::kInternal, "float16 adapter scratch slot " + std::to_string(slot) +
                                                " was not reserved");
  }
  return &buffers_[slot];
}

size_t HalfScratch::bytes() const {
  size_t total = 0;
  for (size_t b : sizes_) total += b;
  return total;
}

bool NeedsHalfAdapter(const onnx::NodeProto& node, const std::vector<TensorInfo>& inputs) {
  if (node.op_type() == "Cast" && (node.domain().empty() || node.domain() == "ai.onnx")) {
    return false;
  }
  for (const TensorInfo& t : inputs) {
    if (t.present && t.dtype == DType::kFloat16) return true;
  }
  return false;
}

std::unique_ptr<Op> MakeHalfAdapter(std::unique_ptr<Op> inner, std::string label,
                                    HalfScratch* scratch) {
  return std::make_unique<HalfAdapter>(std::move(inner), std::move(label), scratch);
}

}  // namespace campaign::runner::ops
