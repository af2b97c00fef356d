#include "converter/convert.h"

#include <onnx/checker.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include "common/engine_format.h"
#include "common/file_util.h"
#include "converter/cleanup.h"
#include "converter/engine_metadata.h"
#include "converter/fix_shapes.h"
#include "converter/inline_functions.h"
#include "converter/model_io.h"
#include "converter/op_support.h"
#include "converter/opset_lower.h"
#include "converter/opset_upgrade.h"
#include "converter/passes/fold_shapes.h"
#include "converter/passes/simplify.h"
#include "converter/precision_pass.h"
#include "converter/static_shapes.h"
#include "graph/static_lowering.h"

namespace campaign {
namespace {

using Clock = std::chrono::steady_clock;
using converter::LoadedModel;

// Op types the cleanup pass removes, so the runner never sees them.
const std::set<std::string> kRemovedByCleanup = {"Identity", "Dropout", "Constant"};

// Times a pass, logs it and records it in the report. A pass body returns
// Result<std::string>: what it changed, for the log.
class PassRunner {
 public:
  PassRunner(onnx::ModelProto* model, ConvertReport* report) : model_(model), report_(report) {}

  template <typename Fn>
  Status Run(std::string_view name, Fn&& fn) {
    const int before = model_->graph().node_size();
    const auto start = Clock::now();
    Result<std::string> changed = fn();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!changed.ok()) {
      spdlog::info("pass {}: failed after {:.1f} ms: {}", name, ms, changed.status().ToString());
      return changed.status();
    }
    spdlog::info("pass {}: nodes {} -> {} ({:.1f} ms): {}", name, before,
                 model_->graph().node_size(), ms, *changed);
    report_->passes.emplace_back(name);
    return Status::Ok();
  }

 private:
  onnx::ModelProto* model_;
  ConvertReport* report_;
};

Result<std::string> CheckModel(const onnx::ModelProto& model, std::string_view what) {
  bool has_input = false;
  for (const auto& in : model.graph().input()) {
    bool is_init = false;
    for (const auto& t : model.graph().initializer()) is_init = is_init || t.name() == in.name();
    has_input = has_input || !is_init;
  }
  if (!has_input) {
    return Status::Error(Reason::kInvalidModel,
                         std::string(what) +
                             " has no graph inputs (every tensor is a constant), so there is "
                             "nothing to feed and nothing to benchmark");
  }
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception& e) {
    return Status::Error(Reason::kInvalidModel,
                         std::string(what) + " fails the ONNX checker: " + e.what());
  }
  return std::string("ok");
}

std::vector<int64_t> StaticShape(const onnx::ValueInfoProto& v) {
  std::vector<int64_t> dims;
  for (const auto& d : v.type().tensor_type().shape().dim()) dims.push_back(d.dim_value());
  return dims;
}

void RecordShapes(const onnx::GraphProto& g, ConvertReport* report) {
  std::set<std::string> inits;
  for (const auto& t : g.initializer()) inits.insert(t.name());
  for (const auto& in : g.input()) {
    if (!inits.count(in.name())) report->input_shapes[in.name()] = StaticShape(in);
  }
  for (const auto& out : g.output()) report->output_shapes[out.name()] = StaticShape(out);
}

std::string Join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ",") + p;
  return s;
}

void SetEngineMetadata(onnx::ModelProto& model, const ConvertRequest& req,
                       const ConvertReport& report) {
  using converter::SetMetadata;
  SetMetadata(model, engine::kKeySourceSha256, report.source_sha256);
  SetMetadata(model, engine::kKeySourcePath, req.model_path.string());
  SetMetadata(model, engine::kKeyBatch, std::to_string(req.batch));
  SetMetadata(model, engine::kKeyPrecision, PrecisionName(req.precision));
  SetMetadata(model, engine::kKeyConverterVersion, engine::kConverterVersion);
  // Written before the write pass ends, so it lists itself.
  SetMetadata(model, engine::kKeyPasses, Join(report.passes) + ",write");
  SetMetadata(model, engine::kKeyCacheKey, report.cache_key);
  std::string counts;
  for (const PassNodeCount& p : report.pass_nodes) {
    counts += (counts.empty() ? "" : ",") + p.pass + ":" + std::to_string(p.nodes_before) + "->" +
              std::to_string(p.nodes_after);
  }
  SetMetadata(model, engine::kKeyPassNodeCounts, counts);
}

Result<std::string> WriteEngine(onnx::ModelProto& model, const ConvertRequest& req,
                                const ConvertReport& report) {
  SetEngineMetadata(model, req, report);
  Result<std::string> checked = CheckModel(model, "the converted engine");
  if (!checked.ok()) {
    return Status::Error(Reason::kConversionError,
                         checked.status().message() + " (a converter bug; please report it)");
  }
  ASSIGN_OR_RETURN(std::string bytes, converter::SerializeModel(model));
  RETURN_IF_ERROR(WriteFileAtomic(req.output_path, bytes));
  return std::to_string(bytes.size()) + " bytes to " + req.output_path.string();
}

// A tensor left dynamic is often the output of an operator ONNX cannot infer
// shapes for (Einsum, custom ops), which the runner would not execute either:
// then "unsupported operator" is the error the user can act on.
Status VerifyStaticOrExplain(const onnx::ModelProto& model,
                             const std::set<std::string>& supported) {
  Status verified = converter::VerifyStaticShapes(model);
  if (verified.ok() || supported.empty()) return verified;
  Status ops = converter::CheckSupportedOps(model.graph(), supported, kRemovedByCleanup);
  return ops.ok() ? verified : ops;
}

// check .. supported_ops: the simplified fp32 graph.
Status SimplifyGraph(const ConvertRequest& req, onnx::ModelProto& model, ConvertReport* report) {
  PassRunner passes(&model, report);
  // Local functions first: their bodies are what the other passes rewrite.
  RETURN_IF_ERROR(
      passes.Run("inline_functions", [&] { return converter::InlineLocalFunctions(model); }));
  // Opsets 18-21 are lowered before the ONNX checker, which knows opsets
  // <= 17 only.
  RETURN_IF_ERROR(passes.Run(
      "lower_opset", [&] { return converter::LowerOpset(model, req.batch, req.overrides); }));
  RETURN_IF_ERROR(passes.Run("check", [&] { return CheckModel(model, req.model_path.string()); }));
  // Shapes are fixed before the opset upgrade: ONNX's version adapters need
  // static shapes for some operators (Softmax 12 -> 13 reshapes around the
  // coerced 2-D form), and a model exported with dynamic H/W only has them
  // once the input overrides apply.
  RETURN_IF_ERROR(passes.Run(
      "fix_shapes", [&] { return converter::FixInputShapes(model, req.batch, req.overrides); }));
  // If/Loop/Scan unrolled into plain ops and sequences/optionals of
  // build-time length turned into tensors (graph/static_lowering.h) once the
  // shapes are static (trip counts, conditions and positions must be
  // build-time constants), and before the opset upgrade: ONNX's Scan 8 -> 9
  // adapter drops the batch axis from the graph's declared shapes instead of
  // rewriting the batched scan. Sequence graph inputs are not specialised.
  RETURN_IF_ERROR(passes.Run("control_flow", [&]() -> Result<std::string> {
    if (!graph::HasControlFlowOrSequences(model)) return std::string("no control flow");
    RETURN_IF_ERROR(graph::LowerControlFlowAndSequences(&model));
    return std::string("If/Loop/Scan and sequences lowered");
  }));
  RETURN_IF_ERROR(passes.Run("opset", [&] { return converter::UpgradeOpset(model); }));

  RETURN_IF_ERROR(passes.Run("infer_shapes", [&] { return converter::InferStaticShapes(model); }));
  RETURN_IF_ERROR(passes.Run(
      "cleanup", [&]() -> Result<std::string> { return converter::Cleanup(model).ToString(); }));
  RETURN_IF_ERROR(passes.Run("fold_shapes", [&]() -> Result<std::string> {
    const int before = model.graph().node_size();
    ASSIGN_OR_RETURN(int folded, converter::FoldShapes(model));
    if (folded > 0) {
      report->pass_nodes.push_back({"fold_shapes", before, model.graph().node_size(), folded});
    }
    return std::to_string(folded) + " nodes folded";
  }));
  RETURN_IF_ERROR(passes.Run("verify_static", [&]() -> Result<std::string> {
    RETURN_IF_ERROR(VerifyStaticOrExplain(model, req.supported_ops));
    return std::string("all tensors static");
  }));
  RETURN_IF_ERROR(passes.Run("simplify", [&]() -> Result<std::string> {
    converter::SimplifyOptions options;
    options.supported_ops = req.supported_ops;
    ASSIGN_OR_RETURN(converter::SimplifyResult r, converter::Simplify(model, options));
    report->pass_nodes.insert(report->pass_nodes.end(), r.passes.begin(), r.passes.end());
    return r.ToString();
  }));
  if (!req.supported_ops.empty()) {
    RETURN_IF_ERROR(passes.Run("supported_ops", [&]() -> Result<std::string> {
      RETURN_IF_ERROR(converter::CheckSupportedOps(model.graph(), req.supported_ops));
      return std::to_string(converter::CountOpTypes(model.graph()).size()) +
             " op types, all supported";
    }));
  }
  return Status::Ok();
}

// The calibration graph of int8 and of fp16's range check: `source`
// simplified at batch 1 (ranges do not depend on the batch, and batch 1 is
// the cheapest to run on the reference). nullopt for fp32, at batch 1, or
// when the batch-1 copy does not simplify (then the engine's own graph is
// calibrated).
std::optional<onnx::ModelProto> CalibrationGraph(const ConvertRequest& req,
                                                 const onnx::ModelProto& source) {
  if (req.precision == Precision::kFp32 || req.batch == 1) return std::nullopt;
  const std::string_view p = PrecisionName(req.precision);
  spdlog::info("{}: simplifying a batch-1 copy of the model for calibration", p);
  ConvertRequest one = req;
  one.batch = 1;
  onnx::ModelProto copy = source;
  ConvertReport scratch;
  Status st = SimplifyGraph(one, copy, &scratch);
  if (!st.ok()) {
    spdlog::warn("{}: batch-1 copy failed ({}); calibrating at batch {}", p, st.ToString(),
                 req.batch);
    return std::nullopt;
  }
  return copy;
}

Status RunPasses(const ConvertRequest& req, onnx::ModelProto& model, ConvertReport* report) {
  std::optional<onnx::ModelProto> calibration = CalibrationGraph(req, model);
  RETURN_IF_ERROR(SimplifyGraph(req, model, report));
  PassRunner passes(&model, report);
  RETURN_IF_ERROR(passes.Run("precision", [&]() -> Result<std::string> {
    converter::PrecisionOptions options;
    options.calibration = req.calibration;
    options.calibration_model = calibration ? &*calibration : nullptr;
    if (req.precision == Precision::kInt8 && !req.int8_plan_dir.empty()) {
      options.int8_plan = req.int8_plan_dir / (report->int8_plan_key + ".json");
    }
    return converter::ApplyPrecision(model, req.precision, options);
  }));
  report->nodes_after = model.graph().node_size();
  RecordShapes(model.graph(), report);
  return passes.Run("write", [&] { return WriteEngine(model, req, *report); });
}

}  // namespace

Result<ConvertReport> Convert(const ConvertRequest& req) {
  const auto start = Clock::now();
  if (req.batch < 1) {
    return Status::Error(Reason::kInvalidArgument,
                         "batch must be at least 1, got " + std::to_string(req.batch));
  }
  if (req.output_path.empty()) {
    return Status::Error(Reason::kInvalidArgument, "no output path given for the engine");
  }
  ConvertReport report;
  LoadedModel loaded;
  {
    PassRunner load(&loaded.model, &report);
    RETURN_IF_ERROR(load.Run("load", [&]() -> Result<std::string> {
      ASSIGN_OR_RETURN(loaded, converter::LoadModel(req.model_path));
      return req.model_path.string() + " (sha256 " + loaded.sha256.substr(0, 12) + ")";
    }));
  }
  report.source_sha256 = loaded.sha256;
  std::string calibration_key;
  if (req.precision == Precision::kInt8) {
    ASSIGN_OR_RETURN(calibration_key, converter::CalibrationKey(req.calibration));
  }
  report.cache_key =
      EngineCacheKey(loaded.sha256, req.overrides, req.batch, req.precision, calibration_key);
  if (req.precision == Precision::kInt8) {
    // The plan is measured on the batch-1 graph: the batch-1 engine's key.
    report.int8_plan_key =
        EngineCacheKey(loaded.sha256, req.overrides, 1, req.precision, calibration_key);
  }
  report.nodes_before = loaded.model.graph().node_size();
  RETURN_IF_ERROR(RunPasses(req, loaded.model, &report));
  report.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  spdlog::info("converted {} -> {}: {} -> {} nodes in {:.0f} ms", req.model_path.string(),
               req.output_path.string(), report.nodes_before, report.nodes_after,
               report.elapsed_ms);
  return report;
}

}  // namespace campaign
