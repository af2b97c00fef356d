#include "converter/int8_accuracy.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "converter/int8_pass.h"
#include "converter/passes/graph_util.h"
#include "graph/plan.h"
#include "graph/validation.h"

namespace campaign::converter {
namespace {

using graph::HostTensor;
using Batch = std::vector<HostTensor>;
using Clock = std::chrono::steady_clock;

double ElapsedMs(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double NormRelError(const std::vector<HostTensor>& got, const std::vector<HostTensor>& ref) {
  return graph::CompareOutputs(got, ref, 0.0).norm_rel_error;
}

// Runs `model` on `batches`; all outputs of all batches, in order.
Result<std::vector<HostTensor>> RunAll(const onnx::ModelProto& model,
                                       const std::vector<Batch>& batches) {
  ASSIGN_OR_RETURN(auto exec, graph::Plan::Create(model));
  std::vector<HostTensor> all;
  for (const Batch& inputs : batches) {
    ASSIGN_OR_RETURN(std::vector<HostTensor> outs, exec->RunReference(inputs));
    for (auto& t : outs) all.push_back(std::move(t));
  }
  return all;
}

using KeepSet = std::map<std::string, std::string>;  // layer output -> why it stays fp32

KeepSet KeepTop(const std::vector<LayerSensitivity>& ranked, size_t k) {
  KeepSet keep;
  for (size_t i = 0; i < k && i < ranked.size(); ++i) {
    keep[ranked[i].output] = fmt::format("accuracy: sensitivity {:.3g}", ranked[i].error);
  }
  return keep;
}

// The fp32 graph, its outputs on the check batches, and quantized variants
// of it run on the same batches.
class Checker {
 public:
  Checker(const onnx::ModelProto& model, const ActivationRanges& ranges, double target)
      : model_(model), ranges_(ranges), target_(target) {}

  Status Init(const Int8AccuracyConfig& config) {
    ASSIGN_OR_RETURN(auto probe, graph::Plan::Create(model_));
    for (int i = 0; i < std::max(config.eval_batches, 1); ++i) {
      batches_.push_back(probe->MakeRandomInputs(config.seed + static_cast<uint32_t>(i)));
    }
    ASSIGN_OR_RETURN(ref_, RunAll(model_, batches_));
    return Status::Ok();
  }

  // Output error with `keep` in fp32 and every other candidate in int8, on
  // the first `n_batches` batches (all when 0).
  Result<double> ErrorWith(const KeepSet& keep, size_t n_batches = 0) const {
    if (n_batches == 0 || n_batches > batches_.size()) n_batches = batches_.size();
    onnx::ModelProto q = model_;
    ASSIGN_OR_RETURN(Int8Report unused, QuantizeInt8(q, ranges_, keep));
    (void)unused;
    const std::vector<Batch> used(batches_.begin(),
                                  batches_.begin() + static_cast<long>(n_batches));
    ASSIGN_OR_RETURN(auto got, RunAll(q, used));
    const size_t per_batch = ref_.size() / batches_.size();
    const std::vector<HostTensor> want(ref_.begin(),
                                       ref_.begin() + static_cast<long>(n_batches * per_batch));
    return NormRelError(got, want);
  }

  // A whole-model check on all batches, logged and counted.
  Result<double> Check(const KeepSet& keep, Int8Accuracy* acc) const {
    ASSIGN_OR_RETURN(double e, ErrorWith(keep));
    ++acc->whole_model_runs;
    spdlog::info("int8 accuracy: {} layer{} in fp32: error {:.4g} (target {:.4g})", keep.size(),
                 keep.size() == 1 ? "" : "s", e, target_);
    return e;
  }

  // Each candidate's output error alone in int8 (first batch), most
  // sensitive first.
  Result<std::vector<LayerSensitivity>> RankLayers() const {
    const std::vector<Int8Candidate> candidates = FindInt8Candidates(model_.graph());
    spdlog::info("int8 accuracy: measuring the sensitivity of {} layers, one at a time",
                 candidates.size());
    KeepSet all_fp32;
    for (const auto& c : candidates) all_fp32[c.output] = "";
    std::vector<LayerSensitivity> ranked;
    for (size_t i = 0; i < candidates.size(); ++i) {
      const Int8Candidate& c = candidates[i];
      KeepSet keep = all_fp32;
      keep.erase(c.output);
      ASSIGN_OR_RETURN(double e, ErrorWith(keep, 1));
      const onnx::NodeProto& node = model_.graph().node(c.node);
      const std::string name = node.name().empty() ? c.output : node.name();
      ranked.push_back({c.output, name + " (" + node.op_type() + ")", e});
      if ((i + 1) % 10 == 0 || i + 1 == candidates.size()) {
        spdlog::info("int8 accuracy: sensitivity of {}/{} layers measured", i + 1,
                     candidates.size());
      }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.error > b.error; });
    return ranked;
  }

 private:
  const onnx::ModelProto& model_;
  const ActivationRanges& ranges_;
  const double target_;
  std::vector<Batch> batches_;
  std::vector<HostTensor> ref_;  // fp32 outputs, batch after batch
};

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
  Checker checker(fp32_model, ranges, config.target_error);
  RETURN_IF_ERROR(checker.Init(config));
  ASSIGN_OR_RETURN(acc.error_all_int8, checker.Check({}, &acc));
  acc.error = acc.error_all_int8;
  if (acc.error > config.target_error) {
    ASSIGN_OR_RETURN(acc.sensitivity, checker.RankLayers());
    // Smallest k whose top-k fallback meets the target: doubling, then
    // bisection between the last failing and the first passing count. All
    // layers in fp32 is the fp32 graph (error 0), so `hi` always passes.
    const size_t n = acc.sensitivity.size();
    size_t lo = 0, hi = n;
    double hi_error = 0;
    auto meets = [&](size_t k) -> Result<bool> {
      ASSIGN_OR_RETURN(double e, checker.Check(KeepTop(acc.sensitivity, k), &acc));
      if (e > config.target_error) return false;
      hi_error = e;
      return true;
    };
    for (size_t k = 1; k < n; k *= 2) {
      ASSIGN_OR_RETURN(bool ok, meets(k));
      if (ok) {
        hi = k;
        break;
      }
      lo = k;
    }
    while (hi - lo > 1) {
      const size_t mid = lo + (hi - lo) / 2;
      ASSIGN_OR_RETURN(bool ok, meets(mid));
      (ok ? hi : lo) = mid;
    }
    acc.keep_fp32 = KeepTop(acc.sensitivity, hi);
    acc.error = hi == n ? 0.0 : hi_error;
  }
  acc.elapsed_ms = ElapsedMs(start);
  return acc;
}

}  // namespace campaign::converter
