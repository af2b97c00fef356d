#include "runner/framework_check.h"

#include <cstring>

#include "graph/npy.h"
#include "graph/validation.h"

namespace campaign::runner {
namespace {

// True for a float32 tensor whose values are all 0 (its norm is 0).
bool AllZero(const HostTensor& t) {
  if (t.dtype() != DType::kFloat32) return false;
  for (float v : t.values<float>()) {
    if (v != 0.0f) return false;
  }
  return true;
}

// Same dtype and same dims after the first.
bool SameRowType(const HostTensor& a, const TensorSpec& b) {
  if (a.dtype() != b.dtype || a.rank() != static_cast<int64_t>(b.shape.size())) return false;
  for (int64_t d = 1; d < a.rank(); ++d) {
    if (a.shape()[d] != b.shape[d]) return false;
  }
  return true;
}

Status Mismatch(const std::filesystem::path& file, const HostTensor& t, const TensorSpec& spec) {
  return Status::Error(Reason::kInvalidArgument,
                       file.string() + " holds " + std::string(graph::DTypeName(t.dtype())) + " " +
                           graph::ShapeToString(t.shape()) + ", which does not fit the engine's " +
                           spec.name + " " + std::string(graph::DTypeName(spec.dtype)) + " " +
                           graph::ShapeToString(spec.shape) +
                           " (re-export the model with scripts/export_models.py --force)");
}

}  // namespace

Result<HostTensor> TileRows(const HostTensor& t, int64_t rows) {
  if (t.rank() == 0 || t.shape()[0] == 0 || rows < 1) {
    return Status::Error(
        Reason::kInvalidArgument,
        "cannot tile " + graph::ShapeToString(t.shape()) + " to " + std::to_string(rows) + " rows");
  }
  Shape shape = t.shape();
  const int64_t have = shape[0];
  shape[0] = rows;
  HostTensor out(t.dtype(), shape);
  const size_t row_bytes = t.bytes() / static_cast<size_t>(have);
  auto* dst = static_cast<std::byte*>(out.raw());
  const auto* src = static_cast<const std::byte*>(t.raw());
  for (int64_t i = 0; i < rows; ++i) {
    std::memcpy(dst + i * row_bytes, src + (i % have) * row_bytes, row_bytes);
  }
  return out;
}

Result<FrameworkCheck> CheckAgainstStoredOutput(Executor& executor,
                                                const std::filesystem::path& input_npy,
                                                const std::filesystem::path& output_npy,
                                                double tolerance) {
  if (executor.inputs().size() != 1 || executor.outputs().size() != 1) {
    return Status::Error(Reason::kInvalidArgument,
                         "stored framework outputs are supported for one input and one output");
  }
  const TensorSpec& in_spec = executor.inputs()[0];
  const TensorSpec& out_spec = executor.outputs()[0];
  ASSIGN_OR_RETURN(HostTensor input, graph::ReadNpy(input_npy));
  ASSIGN_OR_RETURN(HostTensor expected, graph::ReadNpy(output_npy));
  if (!SameRowType(input, in_spec)) return Mismatch(input_npy, input, in_spec);
  if (!SameRowType(expected, out_spec)) return Mismatch(output_npy, expected, out_spec);
  if (AllZero(expected)) {
    return Status::Error(Reason::kInvalidArgument,
                         output_npy.string() +
                             " holds only zeros: a comparison against it proves nothing (a "
                             "zero-initialised head?); export the model with non-zero weights "
                             "(scripts/export_models.py randomises such heads)");
  }
  if (input.shape()[0] != expected.shape()[0]) {
    return Status::Error(
        Reason::kInvalidArgument,
        input_npy.string() + " and " + output_npy.string() + " hold different batch sizes");
  }
  const int64_t batch = in_spec.shape.empty() ? 1 : in_spec.shape[0];
  std::vector<HostTensor> inputs, want, got;
  ASSIGN_OR_RETURN(HostTensor tiled_in, TileRows(input, batch));
  ASSIGN_OR_RETURN(HostTensor tiled_out, TileRows(expected, batch));
  inputs.push_back(std::move(tiled_in));
  want.push_back(std::move(tiled_out));
  RETURN_IF_ERROR(executor.Run(inputs, &got));
  Validation v = graph::CompareOutputs(got, want, tolerance);
  FrameworkCheck check;
  check.checked = true;
  check.output_file = output_npy.string();
  check.norm_rel_error = v.norm_rel_error;
  check.max_abs_error = v.max_abs_error;
  check.cosine = v.cosine;
  check.tolerance = tolerance;
  check.passed = v.passed;
  return check;
}

}  // namespace campaign::runner
