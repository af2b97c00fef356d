#include "runner/ops/op.h"

#include <limits>

namespace campaign::runner::ops {

Status RequireInputs(const std::string& op, const std::vector<TensorInfo>& inputs, size_t min,
                     size_t max) {
  size_t present = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].present) present = i + 1;
  }
  if (present < min || inputs.size() > max) {
    return Status::Error(Reason::kInvalidModel, op + " takes " + std::to_string(min) + ".." +
                                                    std::to_string(max) + " inputs, got " +
                                                    std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < min; ++i) {
    if (!inputs[i].present) {
      return Status::Error(Reason::kInvalidModel,
                           op + ": required input " + std::to_string(i) + " is missing");
    }
  }
  return Status::Ok();
}

Status RequireFloat(const std::string& op, const TensorInfo& t, std::string_view which) {
  if (t.dtype == DType::kFloat32) return Status::Ok();
  return Status::Error(Reason::kUnsupportedOp, op + ": " + std::string(which) + " is " +
                                                   std::string(DTypeName(t.dtype)) +
                                                   "; the runner computes this op in float32 only");
}

Status EnqueueAll(cl::Runtime& rt, const std::vector<Launch>& launches) {
  for (const Launch& l : launches) RETURN_IF_ERROR(rt.Launch1D(l.kernel, l.items, l.what));
  return Status::Ok();
}

Result<cl::Buffer> UploadInts(cl::Runtime& rt, const std::vector<int64_t>& values) {
  std::vector<int32_t> narrow;
  for (int64_t v : values) {
    ASSIGN_OR_RETURN(int n, ToInt(v, "kernel parameter"));
    narrow.push_back(n);
  }
  ASSIGN_OR_RETURN(cl::Buffer buf, rt.CreateBuffer(narrow.size() * sizeof(int32_t)));
  RETURN_IF_ERROR(rt.Write(buf, narrow.data(), narrow.size() * sizeof(int32_t), true));
  return buf;
}

Result<int> ToInt(int64_t v, std::string_view what) {
  if (v > std::numeric_limits<int32_t>::max() || v < std::numeric_limits<int32_t>::min()) {
    return Status::Error(Reason::kUnsupportedOp, std::string(what) + " " + std::to_string(v) +
                                                     " exceeds the kernels' 32-bit indexing");
  }
  return static_cast<int>(v);
}

}  // namespace campaign::runner::ops
