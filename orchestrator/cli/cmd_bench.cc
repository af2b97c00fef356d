// `campaign bench ENGINE|MODEL.onnx`: measure one engine, trtexec
// --loadEngine style, and print the summary in trtexec's vocabulary.
//
// A plain ONNX model is first converted in this process (converter library,
// like `campaign convert`) into a temporary engine. The measurement runs in a
// campaign-runner process with the command line a `campaign run` job gets
// (orchestrator/engine/runner_command.h), so the numbers are those of a job;
// this process never loads OpenCL. The runner's log is printed when it ends.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/engine_format.h"
#include "common/file_util.h"
#include "common/temp_dir.h"
#include "converter/convert.h"
#include "converter/engine_metadata.h"
#include "converter/model_io.h"
#include "graph/ops/registry.h"
#include "orchestrator/cli/bench_summary.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/config/campaign_config.h"
#include "orchestrator/engine/process_launcher.h"
#include "orchestrator/engine/runner_command.h"
#include "orchestrator/model/paths.h"

namespace campaign {

namespace {

namespace fs = std::filesystem;

struct BenchOptions {
  std::string model;
  int batch = 0;  // 0: the engine's, or 1 for a model
  std::string precision = "fp32";
  std::string device = "auto";
  MeasureConfig measure;  // flags; RunEngine applies profile, no_transfers, max_cov_pct
  bool profile = false;
  bool no_transfers = false;
  bool validate = false;
  double tolerance = 0;  // 0: the precision's default (DefaultTolerance)
  double max_cov_pct = 2.5;
  std::string export_times, export_trace, result;
};

bool IsEngine(const onnx::ModelProto& model) {
  for (const auto& p : model.metadata_props()) {
    if (p.key() == engine::kKeyBatch) return true;
  }
  return false;
}

// The engine to run and the one whose CPU reference validates it.
struct BenchEngines {
  fs::path engine;
  fs::path reference;  // the fp32 engine for an fp16/int8 conversion; empty: its own
  Precision precision = Precision::kFp32;
};

Result<ConvertReport> ConvertInto(const BenchOptions& opt, Precision precision,
                                  const fs::path& out) {
  ConvertRequest req;
  req.model_path = opt.model;
  req.batch = opt.batch > 0 ? opt.batch : 1;
  req.precision = precision;
  req.supported_ops = graph::SupportedOpTypes();
  req.output_path = out;
  if (precision == Precision::kInt8 && opt.tolerance > 0) req.calibration.tolerance = opt.tolerance;
  return campaign::Convert(req);
}

// `opt.model` itself when it is an engine, else its conversion into `tmp`
// (and, to validate an fp16 or int8 engine, the fp32 one too).
Result<BenchEngines> EnginesFor(const BenchOptions& opt, const TempDir& tmp) {
  ASSIGN_OR_RETURN(converter::LoadedModel loaded, converter::LoadModel(opt.model));
  if (IsEngine(loaded.model)) {
    if (opt.batch > 0 || opt.precision != "fp32") {
      std::printf("note: %s is an engine; its own batch and precision apply\n", opt.model.c_str());
    }
    BenchEngines e{fs::path(opt.model), {}, Precision::kFp32};
    const auto name = converter::GetMetadata(loaded.model, engine::kKeyPrecision);
    if (auto p = PrecisionFromName(name.value_or("fp32"))) e.precision = *p;
    if (opt.validate && e.precision != Precision::kFp32) {
      std::printf(
          "note: validating against this engine's own CPU reference; bench the ONNX "
          "model to compare with the fp32 engine\n");
    }
    return e;
  }
  auto precision = PrecisionFromName(opt.precision);
  if (!precision) {
    return Status::Error(Reason::kInvalidArgument,
                         "unknown precision '" + opt.precision + "'; use fp32, fp16 or int8");
  }
  if (tmp.path().empty()) return Status::Error(Reason::kIoError, "cannot create a temp dir");
  BenchEngines e{tmp.path() / "engine.onnx", {}, *precision};
  ASSIGN_OR_RETURN(ConvertReport report, ConvertInto(opt, *precision, e.engine));
  std::printf("converted %s: batch %d, %s, %d -> %d nodes\n", opt.model.c_str(),
              opt.batch > 0 ? opt.batch : 1, opt.precision.c_str(), report.nodes_before,
              report.nodes_after);
  if (opt.validate && *precision != Precision::kFp32) {
    e.reference = tmp.path() / "reference.fp32.onnx";
    ASSIGN_OR_RETURN(ConvertReport ref, ConvertInto(opt, Precision::kFp32, e.reference));
    std::printf("converted the fp32 reference engine: %d -> %d nodes\n", ref.nodes_before,
                ref.nodes_after);
  }
  return e;
}

// Runs `engines` in a campaign-runner process and reads its result; the
// runner's log goes to stdout once it ends.
Result<RunResult> RunEngine(const BenchOptions& opt, const BenchEngines& engines,
                            const TempDir& tmp) {
  ASSIGN_OR_RETURN(std::filesystem::path runner, ResolveRunner(""));
  RunnerCommand c;
  c.runner = runner;
  c.engine = engines.engine;
  c.result = tmp.path() / "result.json";
  c.device = opt.device;
  c.measure = opt.measure;
  c.measure.transfers = !opt.no_transfers;
  c.measure.max_cov = opt.max_cov_pct / 100.0;
  if (!opt.profile) c.measure.profile_iterations = 0;
  c.tolerance = opt.tolerance > 0 ? opt.tolerance : DefaultTolerance(engines.precision);
  c.reference_engine = engines.reference;
  c.trace = opt.export_trace;
  c.validate = opt.validate;
  c.export_times = opt.export_times;
  ProcessSpec spec;
  spec.argv = RunnerArgv(c);
  spec.log_path = tmp.path() / "runner.log";
  spec.timeout = std::chrono::hours(24);
  std::fflush(stdout);
  BoostProcessLauncher launcher;
  const ProcessOutcome proc = launcher.Run(spec);
  if (auto log = ReadFile(spec.log_path); log.ok()) {
    std::fwrite(log->data(), 1, log->size(), stdout);
  }
  auto r = ReadRunResult(c.result);
  if (!r.ok()) {
    return Status::Error(Reason::kRuntimeError, "campaign-runner (" + DescribeOutcome(proc) +
                                                    ") left no result: " + r.status().message());
  }
  return r;
}

int Bench(const BenchOptions& opt) {
  TempDir tmp("campaign-bench");
  auto engines = EnginesFor(opt, tmp);
  if (!engines.ok()) {
    PrintError(engines.status().ToString());
    const Reason reason = engines.status().reason();
    return reason == Reason::kInvalidArgument || reason == Reason::kNotFound ? kExitUsage
                                                                             : kExitFailure;
  }
  auto run = RunEngine(opt, *engines, tmp);
  if (!run.ok()) {
    PrintError(run.status().ToString());
    return kExitFailure;
  }
  const RunResult& r = *run;
  if (!opt.result.empty()) {
    Status w = WriteRunResult(opt.result, r);
    if (!w.ok()) PrintError("cannot write the result: " + w.message());
  }
  if (!r.ok && r.iterations == 0) {
    PrintError(std::string(ReasonName(r.reason)) + ": " + r.message);
    return kExitFailure;
  }
  std::printf("%s", BenchSummary(r).c_str());
  if (!r.ok) {
    PrintError(std::string(ReasonName(r.reason)) + ": " + r.message);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddBenchCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<BenchOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("model", opt->model, "Engine file, or an ONNX model to convert first")
      ->required();
  sub->add_option("--batch", opt->batch, "Batch size when converting a model (default 1)")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--precision", opt->precision, "fp32 (default), fp16 or int8 when converting");
  sub->add_option("--device", opt->device, "auto | gpu | cpu | N | P:D | name substring");
  sub->add_option("--warmup", opt->measure.warmup,
                  "Minimum warm-up inferences, the cold one included (default 0)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--warmup-ms", opt->measure.warmup_ms, "Minimum warm-up time in ms (default 200)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--iterations", opt->measure.iterations,
                  "Exactly this many timed iterations (default: the min rules)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--min-iterations", opt->measure.min_iterations,
                  "At least this many timed iterations (default 10)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--min-duration-ms", opt->measure.min_duration_ms,
                  "...and at least this long, in ms (default 3000)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--no-transfers", opt->no_transfers,
                "Compute only: inputs and outputs stay on the device");
  sub->add_option("--max-cov", opt->max_cov_pct, "Unstable above this CoV, in % (default 2.5)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--profile", opt->profile,
                "Per-layer profile in a separate run after the timed run");
  sub->add_option("--profile-iterations", opt->measure.profile_iterations,
                  "Inferences of the profiling run (default 10)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--export-times", opt->export_times,
                  "Write every timed iteration's times as JSON here");
  sub->add_option("--export-trace", opt->export_trace,
                  "Write a Trace Event JSON (chrome://tracing, Perfetto) of a few profiled "
                  "iterations here");
  sub->add_option("--trace-iterations", opt->measure.trace_iterations,
                  "Iterations in the trace (default 3)")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--validate", opt->validate,
                "Also compare the outputs with the CPU reference (an fp16/int8 conversion: "
                "with the fp32 engine's)");
  sub->add_option("--tolerance", opt->tolerance,
                  "Largest norm-relative error accepted by --validate (default: fp32 1e-4, "
                  "fp16 1e-2, int8 5e-2); an int8 conversion is built for it")
      ->check(CLI::Range(1e-9, 1.0));
  sub->add_option("--result", opt->result, "Also write the runner result JSON here");
  sub->callback([opt, exit_code] { *exit_code = Bench(*opt); });
}

}  // namespace campaign
