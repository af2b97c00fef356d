#include "converter/calibration.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <set>

#include "common/sha256.h"
#include "converter/passes/graph_util.h"
#include "graph/npy.h"
#include "graph/plan.h"

namespace campaign::converter {
namespace {

using graph::HostTensor;
using graph::Shape;
using Batches = std::vector<std::vector<HostTensor>>;

Batches RandomBatches(const graph::Plan& exec, const CalibrationConfig& config) {
  Batches out;
  for (int i = 0; i < config.batches; ++i) {
    out.push_back(exec.MakeRandomInputs(config.seed + static_cast<uint32_t>(i)));
  }
  return out;
}

// Appends the samples of one .npy file to `pool` (per-sample shape `rest`).
Status AppendSamples(const std::filesystem::path& file, const graph::TensorSpec& spec,
                     std::vector<float>* pool) {
  ASSIGN_OR_RETURN(HostTensor t, graph::ReadNpy(file));
  const Shape rest(spec.shape.begin() + 1, spec.shape.end());
  const Shape& got = t.shape();
  const bool fits = t.dtype() == graph::DType::kFloat32 && got.size() == spec.shape.size() &&
                    Shape(got.begin() + 1, got.end()) == rest;
  if (!fits) {
    return Status::Error(
        Reason::kInvalidArgument,
        "calibration data " + file.string() + " is " + std::string(graph::DTypeName(t.dtype())) +
            " " + graph::ShapeToString(got) + "; input '" + spec.name + "' needs float32 [k," +
            graph::ShapeToString(rest).substr(1) + " (k samples)");
  }
  auto v = t.values<float>();
  pool->insert(pool->end(), v.begin(), v.end());
  return Status::Ok();
}

// Batches of the model's input shape filled with the files' samples in
// order; the last batch wraps around to the first samples.
Result<Batches> NpyBatches(const graph::Plan& exec, const CalibrationConfig& config) {
  if (exec.inputs().size() != 1 || exec.inputs()[0].shape.empty()) {
    std::string names;
    for (const auto& in : exec.inputs()) names += (names.empty() ? "" : ", ") + in.name;
    return Status::Error(Reason::kInvalidArgument,
                         "calibration data (.npy) is supported for models with one batched "
                         "input; this model has inputs: " +
                             names + " (leave calibration.data out to use random batches)");
  }
  const graph::TensorSpec& spec = exec.inputs()[0];
  std::vector<float> pool;
  for (const auto& file : config.data) RETURN_IF_ERROR(AppendSamples(file, spec, &pool));
  const int64_t per_sample = graph::NumElements(Shape(spec.shape.begin() + 1, spec.shape.end()));
  const int64_t samples = per_sample > 0 ? static_cast<int64_t>(pool.size()) / per_sample : 0;
  if (samples == 0) {
    return Status::Error(Reason::kInvalidArgument, "calibration data holds no samples");
  }
  const int64_t batch = spec.shape[0];
  Batches out;
  for (int64_t first = 0; first < samples; first += batch) {
    HostTensor t(spec.dtype, spec.shape);
    auto dst = t.values<float>();
    for (int64_t j = 0; j < batch; ++j) {
      const int64_t s = (first + j) % samples;
      std::memcpy(dst.data() + j * per_sample, pool.data() + s * per_sample,
                  static_cast<size_t>(per_sample) * sizeof(float));
    }
    out.push_back({});
    out.back().push_back(std::move(t));
  }
  return out;
}

// Widens `r` to cover every finite value of `t`.
void Widen(const HostTensor& t, ValueRange* r) {
  for (float v : t.values<float>()) {
    if (!std::isfinite(v)) continue;
    r->min = std::min(r->min, v);
    r->max = std::max(r->max, v);
  }
}

}  // namespace

Result<std::string> CalibrationKey(const CalibrationConfig& config) {
  const std::string tolerance = fmt::format(" tolerance={:g}", config.tolerance);
  if (config.data.empty()) {
    return "random batches=" + std::to_string(config.batches) +
           " seed=" + std::to_string(config.seed) + tolerance;
  }
  std::string key = "npy";
  for (const auto& file : config.data) {
    ASSIGN_OR_RETURN(std::string sha, Sha256File(file));
    key += " " + sha;
  }
  return key + tolerance;
}

Result<CalibrationResult> Calibrate(const onnx::ModelProto& model,
                                    const std::vector<std::string>& tensors,
                                    const CalibrationConfig& config) {
  const auto start = std::chrono::steady_clock::now();
  onnx::ModelProto copy = model;
  onnx::GraphProto* g = copy.mutable_graph();
  std::set<std::string> exposed;
  for (const auto& o : g->output()) exposed.insert(o.name());
  for (const auto& in : g->input()) exposed.insert(in.name());
  for (const auto& t : tensors) {
    if (exposed.insert(t).second) g->add_output()->set_name(t);
  }
  ASSIGN_OR_RETURN(auto exec, graph::Plan::Create(copy));
  Batches batches;
  if (config.data.empty()) {
    batches = RandomBatches(*exec, config);
  } else {
    ASSIGN_OR_RETURN(batches, NpyBatches(*exec, config));
  }
  CalibrationResult r;
  for (const auto& t : tensors) r.ranges[t] = ValueRange{};
  for (const auto& inputs : batches) {
    ASSIGN_OR_RETURN(std::vector<HostTensor> outs, exec->RunReference(inputs));
    auto measure = [&](const std::string& name, const HostTensor& value) {
      auto it = r.ranges.find(name);
      if (it != r.ranges.end() && value.dtype() == graph::DType::kFloat32) {
        Widen(value, &it->second);
      }
    };
    for (size_t i = 0; i < outs.size(); ++i) measure(exec->outputs()[i].name, outs[i]);
    for (size_t i = 0; i < inputs.size(); ++i) measure(exec->inputs()[i].name, inputs[i]);
    ++r.runs;
    r.samples += exec->inputs().empty() || exec->inputs()[0].shape.empty()
                     ? 1
                     : static_cast<int>(exec->inputs()[0].shape[0]);
  }
  r.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("calibration: {} reference runs ({} samples), {} tensors, {:.0f} ms", r.runs,
               r.samples, tensors.size(), r.elapsed_ms);
  return r;
}

const onnx::ModelProto& ChooseCalibrationGraph(const onnx::ModelProto& model,
                                               const onnx::ModelProto* batch1,
                                               const std::vector<std::string>& tensors,
                                               std::string_view who) {
  if (batch1 == nullptr) return model;
  const auto producers = Producers(batch1->graph());
  std::set<std::string> inputs;
  for (const auto& in : batch1->graph().input()) inputs.insert(in.name());
  for (const auto& t : tensors) {
    if (!producers.count(t) && !inputs.count(t)) {
      spdlog::warn(
          "{}: tensor '{}' is not in the batch-1 graph; measuring on the engine's graph "
          "at its own batch",
          who, t);
      return model;
    }
  }
  return *batch1;
}

}  // namespace campaign::converter
