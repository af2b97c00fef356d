#include "runner/ops/half_adapter.h"

#include <algorithm>
#include <deque>

#include "graph/ops/half_adapter.h"
#include "runner/cl/fp64.h"

namespace campaign::runner::ops {
namespace {

size_t FloatBytes(const Shape& s) {
  return std::max<size_t>(sizeof(float),
                          static_cast<size_t>(graph::NumElements(s)) * sizeof(float));
}

class HalfAdapterDevice final : public graph::HalfAdapter, public DeviceOp {
 public:
  HalfAdapterDevice(std::unique_ptr<graph::Op> inner, std::string label, HalfScratch* scratch)
      : HalfAdapter(std::move(inner), std::move(label)), scratch_(scratch) {}

  // The reference Infer, then one scratch slot per float16 input that is not
  // a constant and per float16 output, in that order.
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    ASSIGN_OR_RETURN(std::vector<TensorInfo> out, HalfAdapter::Infer(in));
    ASSIGN_OR_RETURN(inner_device_, AsDeviceOp(*inner_, label_));
    size_t slot = 0;
    for (size_t i = 0; i < in.size(); ++i) {
      if (!in[i].present || !graph::IsFloatStorage(in[i].dtype) || in[i].constant) continue;
      scratch_->Reserve(slot++, FloatBytes(in[i].shape));
    }
    for (const TensorInfo& o : out) {
      if (o.dtype == storage_) scratch_->Reserve(slot++, FloatBytes(o.shape));
    }
    return out;
  }

  size_t WorkspaceBytes() const override { return inner_device_->WorkspaceBytes(); }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* workspace) override {
    if (AliasesInput()) return Status::Ok();       // same bytes, another shape: nothing to run
    if (passes_float64_ && cl::Fp64Enabled(rt)) {  // the inner op computes in double
      return inner_device_->PrepareDevice(rt, in, out, workspace);
    }
    if (passes_float64_) RETURN_IF_ERROR(const_range_);  // float32 fallback, as at Infer
    size_t slot = 0;
    std::vector<DeviceTensor> f32_in = in;
    for (size_t i = 0; i < in.size(); ++i) {
      if (!in[i].buffer || !graph::IsFloatStorage(in[i].dtype)) continue;
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
      ASSIGN_OR_RETURN(Launch l, Convert(rt, in[i].dtype, DType::kFloat32, *in[i].buffer,
                                         *f32_in[i].buffer, in[i].shape));
      before_.push_back(std::move(l));
    }
    std::vector<DeviceTensor> f32_out = out;
    for (size_t j = 0; j < out.size(); ++j) {
      if (out[j].dtype != storage_) continue;
      f32_out[j].dtype = DType::kFloat32;
      ASSIGN_OR_RETURN(f32_out[j].buffer, scratch_->Get(rt, slot++));
      ASSIGN_OR_RETURN(Launch l, Convert(rt, DType::kFloat32, storage_, *f32_out[j].buffer,
                                         *out[j].buffer, out[j].shape));
      after_.push_back(std::move(l));
    }
    return inner_device_->PrepareDevice(rt, f32_in, f32_out, workspace);
  }

  Status Enqueue(cl::Runtime& rt) override {
    RETURN_IF_ERROR(EnqueueAll(rt, before_));
    RETURN_IF_ERROR(inner_device_->Enqueue(rt));
    return EnqueueAll(rt, after_);
  }

  // A float64 input beyond the float32 range (flagged by
  // cast_f64_f32_checked) fails the run, as graph::CheckFloatRange does on
  // the reference; the flag is cleared for the next run.
  Status CheckAfterRun(cl::Runtime& rt) override {
    RETURN_IF_ERROR(inner_device_->CheckAfterRun(rt));
    if (!overflow_.get()) return Status::Ok();
    int flag = 0;
    RETURN_IF_ERROR(rt.Read(overflow_, &flag, sizeof(int)));
    if (flag == 0) return Status::Ok();
    int zero = 0;
    RETURN_IF_ERROR(rt.Write(overflow_, &zero, sizeof(int), true));
    return Status::Error(Reason::kUnsupportedPrecision,
                         label_ +
                             ": a float64 input value is beyond the float32 range the "
                             "runner computes float64 in");
  }

 private:
  // float16 <-> float32 by cast_f16_f32 / cast_f32_f16, float64 <-> float32
  // by cast_any (runner/kernels/cast.cl).
  Result<Launch> Convert(cl::Runtime& rt, DType from, DType to, const cl::Buffer& src,
                         const cl::Buffer& dst, const Shape& shape) {
    const bool half = from == DType::kFloat16 || to == DType::kFloat16;
    const bool checked = from == DType::kFloat64;
    const char* kernel = checked                   ? "cast_f64_f32_checked"
                         : !half                   ? "cast_any"
                         : from == DType::kFloat16 ? "cast_f16_f32"
                                                   : "cast_f32_f16";
    Launch l;
    ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel(kernel));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(shape), label_));
    l.items = static_cast<size_t>(n);
    l.what = label_ + " (" + kernel + ")";
    if (checked) {
      if (!overflow_.get()) {
        ASSIGN_OR_RETURN(overflow_, rt.CreateBuffer(sizeof(int)));
        int zero = 0;
        RETURN_IF_ERROR(rt.Write(overflow_, &zero, sizeof(int), true));
      }
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, src.get(), dst.get(), n, overflow_.get()));
    } else if (half) {
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, src.get(), dst.get(), n));
    } else {
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, src.get(), dst.get(), n, static_cast<int>(from),
                                  static_cast<int>(to)));
    }
    return l;
  }

  HalfScratch* scratch_;
  DeviceOp* inner_device_ = nullptr;  // the device half of inner_
  std::deque<cl::Buffer> weights_;    // float copies of constant inputs (stable addresses)
  std::vector<Launch> before_, after_;
  cl::Buffer overflow_;  // int flag of cast_f64_f32_checked, made when an input is float64
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

std::unique_ptr<graph::Op> MakeHalfAdapterDevice(std::unique_ptr<graph::Op> inner,
                                                 std::string label, HalfScratch* scratch) {
  return std::make_unique<HalfAdapterDevice>(std::move(inner), std::move(label), scratch);
}

}  // namespace campaign::runner::ops
