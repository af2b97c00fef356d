#include "converter/int8_accuracy.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "converter/int8_pass.h"
#include "converter/passes/graph_util.h"
#include "runner/executor.h"
#include "runner/validation.h"

namespace campaign::converter {
namespace {

using runner::HostTensor;
using Batch = std::vector<HostTensor>;
using Clock = std::chrono::steady_clock;

double ElapsedMs(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double NormRelError(const std::vector<HostTensor>& got, const std::vector<HostTensor>& ref) {
  return runner::CompareOutputs(got, ref, 0.0).norm_rel_error;
}

// Runs `model` on `batches`; all outputs of all batches, in order.
Result<std::vector<HostTensor>> RunAll(const onnx::ModelProto& model,
                                       const std::vector<Batch>& batches) {
  ASSIGN_OR_RETURN(auto exec, runner::Executor::Create(model));
  std::vector<HostTensor> all;
  for (const Batch& inputs : batches) {
    ASSIGN_OR_RETURN(std::vector<HostTensor> outs, exec->RunReference(inputs));
    for (auto& t : outs) all.push_back(std::move(t));
  }
  return all;
}

std::map<std::string, std::string> KeepTop(const std::vector<LayerSensitivity>& ranked, size_t k) {
  std::map<std::string, std::string> keep;
  for (size_t i = 0; i < k && i < ranked.size(); ++i) {
    keep[ranked[i].output] = fmt::format("accuracy: sensitivity {:.3g}", ranked[i].error);
  }
  return keep;
}

}  // namespace

std::string Int8Accuracy::ToString() const {
  std::string s = fmt::format("error {:.3g} with every layer in int8", error_all_int8);
  if (keep_fp32.empty()) {
    s += fmt::format(" (target {:.3g})", target);
  } else {
    s += fmt::format(" > target {:.3g}; {} most sensitive layer{} left in fp32: error {:.3g}",
                     target, keep_fp32.size(), keep_fp32.size() == 1 ? "" : "s", error);
  }
  return s + fmt::format(" ({} whole-model check{}, {:.0f} ms)", whole_model_runs,
                         whole_model_runs == 1 ? "" : "s", elapsed_ms);
}

Result<Int8Accuracy> ChooseInt8Fallback(const onnx::ModelProto& fp32_model,
                                        const ActivationRanges& ranges,
                                        const Int8AccuracyConfig& config) {
  const auto start = Clock::now();
  Int8Accuracy acc;
  acc.target = config.target_error;
  ASSIGN_OR_RETURN(auto probe, runner::Executor::Create(fp32_model));
  std::vector<Batch> batches;
  for (int i = 0; i < std::max(config.eval_batches, 1); ++i) {
    batches.push_back(probe->MakeRandomInputs(config.seed + static_cast<uint32_t>(i)));
  }
  ASSIGN_OR_RETURN(const std::vector<HostTensor> ref, RunAll(fp32_model, batches));
  auto error_with = [&](const std::map<std::string, std::string>& keep) -> Result<double> {
    onnx::ModelProto q = fp32_model;
    ASSIGN_OR_RETURN(Int8Report unused, QuantizeInt8(q, ranges, keep));
    (void)unused;
    ASSIGN_OR_RETURN(auto got, RunAll(q, batches));
    ++acc.whole_model_runs;
    const double e = NormRelError(got, ref);
    spdlog::info("int8 accuracy: {} layer{} in fp32: error {:.4g} (target {:.4g})", keep.size(),
                 keep.size() == 1 ? "" : "s", e, config.target_error);
    return e;
  };
  ASSIGN_OR_RETURN(acc.error_all_int8, error_with({}));
  acc.error = acc.error_all_int8;
  if (acc.error <= config.target_error) {
    acc.elapsed_ms = ElapsedMs(start);
    return acc;
  }
  // Sensitivity: the error with only this layer in int8, on the first batch.
  const std::vector<Int8Candidate> candidates = FindInt8Candidates(fp32_model.graph());
  spdlog::info("int8 accuracy: measuring the sensitivity of {} layers, one at a time",
               candidates.size());
  std::map<std::string, std::string> all_fp32;
  for (const auto& c : candidates) all_fp32[c.output] = "";
  const std::vector<Batch> first(batches.begin(), batches.begin() + 1);
  const std::vector<HostTensor> first_ref(ref.begin(),
                                          ref.begin() + static_cast<long>(ref.size() / batches.size()));
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Int8Candidate& c = candidates[i];
    std::map<std::string, std::string> keep = all_fp32;
    keep.erase(c.output);
    onnx::ModelProto q = fp32_model;
    ASSIGN_OR_RETURN(Int8Report unused, QuantizeInt8(q, ranges, keep));
    (void)unused;
    ASSIGN_OR_RETURN(auto got, RunAll(q, first));
    const onnx::NodeProto& node = fp32_model.graph().node(c.node);
    const std::string name = node.name().empty() ? c.output : node.name();
    acc.sensitivity.push_back(
        {c.output, name + " (" + node.op_type() + ")", NormRelError(got, first_ref)});
    if ((i + 1) % 10 == 0 || i + 1 == candidates.size()) {
      spdlog::info("int8 accuracy: sensitivity of {}/{} layers measured", i + 1, candidates.size());
    }
  }
  std::stable_sort(acc.sensitivity.begin(), acc.sensitivity.end(),
                   [](const auto& a, const auto& b) { return a.error > b.error; });
  // Smallest k whose top-k fallback meets the target: doubling, then
  // bisection between the last failing and the first passing count. All
  // layers in fp32 is the fp32 graph (error 0), so `hi` always passes.
  const size_t n = acc.sensitivity.size();
  size_t lo = 0, hi = n;
  double hi_error = 0;
  for (size_t k = 1; k < n; k *= 2) {
    ASSIGN_OR_RETURN(double e, error_with(KeepTop(acc.sensitivity, k)));
    if (e <= config.target_error) {
      hi = k;
      hi_error = e;
      break;
    }
    lo = k;
  }
  while (hi - lo > 1) {
    const size_t mid = lo + (hi - lo) / 2;
    ASSIGN_OR_RETURN(double e, error_with(KeepTop(acc.sensitivity, mid)));
    if (e <= config.target_error) {
      hi = mid;
      hi_error = e;
    } else {
      lo = mid;
    }
  }
  acc.keep_fp32 = KeepTop(acc.sensitivity, hi);
  acc.error = hi_error;
  acc.elapsed_ms = ElapsedMs(start);
  return acc;
}

}  // namespace campaign::converter
