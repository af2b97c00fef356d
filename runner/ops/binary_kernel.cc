#include "runner/ops/binary_kernel.h"

namespace campaign::runner::ops {

using graph::reference::BinaryKind;

Result<cl::Kernel> MakeBinaryKernel(cl::Runtime& rt, BinaryKind kind, const DeviceTensor& a,
                                    const DeviceTensor& b, const DeviceTensor& y, int n, int rank,
                                    const cl::Buffer& meta, const std::string& label) {
  const bool cmp = graph::reference::IsComparison(kind);
  const char* name = nullptr;
  if (a.dtype == b.dtype) {
    switch (a.dtype) {
      case DType::kFloat32:
        name = cmp ? "compare_f32" : "binary_f32";
        break;
      case DType::kInt64:
        name = cmp ? "compare_i64" : kind == BinaryKind::kPow ? nullptr : "binary_i64";
        break;
      case DType::kInt32:
        name = cmp ? "compare_i32" : kind == BinaryKind::kPow ? nullptr : "binary_i32";
        break;
      case DType::kBool:
        name = "logic_u8";
        break;
      case DType::kFloat64:  // a device with fp64 (the half adapter passes it)
        name = cmp ? "compare_f64" : "binary_f64";
        break;
      case DType::kFloat16:
      case DType::kBFloat16:  // adapted to float32 or rejected by Infer
        return Status::Error(Reason::kInternal, label + ": binary kernel on " +
                                                    std::string(graph::DTypeName(a.dtype)));
      default:
        break;  // the other integer types: binary_any
    }
  }
  if (name) {
    ASSIGN_OR_RETURN(cl::Kernel k, rt.CreateKernel(name));
    RETURN_IF_ERROR(cl::SetArgs(k, a.buffer->get(), b.buffer->get(), y.buffer->get(), n,
                                static_cast<int>(kind), rank, meta.get()));
    return k;
  }
  ASSIGN_OR_RETURN(cl::Kernel k, rt.CreateKernel("binary_any"));
  RETURN_IF_ERROR(cl::SetArgs(k, a.buffer->get(), b.buffer->get(), y.buffer->get(), n,
                              static_cast<int>(kind), rank, meta.get(), static_cast<int>(a.dtype),
                              static_cast<int>(b.dtype), static_cast<int>(y.dtype)));
  return k;
}

}  // namespace campaign::runner::ops
