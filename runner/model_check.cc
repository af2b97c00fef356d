#include "runner/model_check.h"

#include <chrono>
#include <cmath>

#include "common/file_util.h"
#include "graph/npy.h"
#include "graph/validation.h"
#include "runner/executor.h"

namespace campaign::runner {

Status FixBatch(onnx::ModelProto* model, int64_t batch) {
  onnx::GraphProto* g = model->mutable_graph();
  std::set<std::string> inits;
  for (const auto& t : g->initializer()) inits.insert(t.name());
  for (auto& in : *g->mutable_input()) {
    if (inits.count(in.name())) continue;
    auto* shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int d = 0; d < shape->dim_size(); ++d) {
      auto* dim = shape->mutable_dim(d);
      if (dim->has_dim_value() && dim->dim_value() > 0) continue;
      if (d != 0) {
        return Status::Error(Reason::kDynamicShape, "input '" + in.name() + "' has symbolic dim " +
                                                        std::to_string(d) + " besides the batch");
      }
      dim->set_dim_value(batch);
    }
  }
  g->clear_value_info();
  for (auto& out : *g->mutable_output()) out.mutable_type()->mutable_tensor_type()->clear_shape();
  return Status::Ok();
}

namespace {

double Ms(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Result<ModelCheck> CheckModel(const std::filesystem::path& dir, const std::string& name,
                              cl::Runtime& rt, bool with_reference) {
  ModelCheck r;
  r.model = name;
  ASSIGN_OR_RETURN(HostTensor input, graph::ReadNpy(dir / (name + ".input.npy")));
  ASSIGN_OR_RETURN(HostTensor expected, graph::ReadNpy(dir / (name + ".output.npy")));
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(dir / (name + ".onnx")));
  auto t0 = std::chrono::steady_clock::now();
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes)) {
    return Status::Error(Reason::kInvalidModel, name + ".onnx is not an ONNX model");
  }
  bytes.clear();
  if (input.rank() == 0) return Status::Error(Reason::kInvalidArgument, "scalar input");
  RETURN_IF_ERROR(FixBatch(&model, input.shape()[0]));
  ASSIGN_OR_RETURN(auto ex, Executor::Create(model));
  if (ex->inputs().size() != 1 || ex->inputs()[0].shape != input.shape() ||
      ex->inputs()[0].dtype != input.dtype()) {
    return Status::Error(Reason::kInvalidArgument, name + ": the model's input does not match " +
                                                       name + ".input.npy " +
                                                       graph::ShapeToString(input.shape()));
  }
  RETURN_IF_ERROR(ex->PrepareDevice(rt));
  r.load_ms = Ms(t0);
  r.peak_device_bytes = ex->peak_device_bytes();
  r.input_shape = input.shape();
  std::vector<HostTensor> inputs;
  inputs.push_back(std::move(input));
  std::vector<HostTensor> got;
  t0 = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(ex->Run(inputs, &got));
  r.run_ms = Ms(t0);
  if (got.empty() || got[0].shape() != expected.shape() || got[0].dtype() != expected.dtype()) {
    return Status::Error(
        Reason::kAccuracy,
        name + ": output " + (got.empty() ? "missing" : graph::ShapeToString(got[0].shape())) +
            " differs in shape from PyTorch's " + graph::ShapeToString(expected.shape()));
  }
  r.output_shape = expected.shape();
  std::vector<HostTensor> want;
  want.push_back(std::move(expected));
  got.resize(1);
  Validation v = graph::CompareOutputs(got, want, 1e-4);
  r.norm_rel_error = v.norm_rel_error;
  r.max_abs_error = v.max_abs_error;
  if (with_reference) {
    ASSIGN_OR_RETURN(auto ref, ex->RunReference(inputs));
    ref.resize(1);
    r.reference_norm_rel_error = graph::CompareOutputs(ref, want, 1e-4).norm_rel_error;
  }
  return r;
}

Result<ModelCheck> RunModelAtBatch(const std::filesystem::path& dir, const std::string& name,
                                   int64_t batch, cl::Runtime& rt, bool with_reference) {
  ModelCheck r;
  r.model = name;
  r.norm_rel_error = -1;
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(dir / (name + ".onnx")));
  auto t0 = std::chrono::steady_clock::now();
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes)) {
    return Status::Error(Reason::kInvalidModel, name + ".onnx is not an ONNX model");
  }
  bytes.clear();
  RETURN_IF_ERROR(FixBatch(&model, batch));
  ASSIGN_OR_RETURN(auto ex, Executor::Create(model));
  RETURN_IF_ERROR(ex->PrepareDevice(rt));
  r.load_ms = Ms(t0);
  r.peak_device_bytes = ex->peak_device_bytes();
  r.input_shape = ex->inputs()[0].shape;
  r.output_shape = ex->outputs()[0].shape;
  auto inputs = ex->MakeRandomInputs(7);
  std::vector<HostTensor> got;
  t0 = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(ex->Run(inputs, &got));
  r.run_ms = Ms(t0);
  for (const HostTensor& t : got) {
    if (t.dtype() != DType::kFloat32) continue;
    for (float v : t.values<float>()) {
      if (!std::isfinite(v)) {
        return Status::Error(Reason::kAccuracy,
                             name + ": non-finite output at batch " + std::to_string(batch));
      }
    }
  }
  if (with_reference) {
    ASSIGN_OR_RETURN(auto ref, ex->RunReference(inputs));
    r.norm_rel_error = graph::CompareOutputs(got, ref, 1e-4).norm_rel_error;
  }
  return r;
}

}  // namespace campaign::runner
