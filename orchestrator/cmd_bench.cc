// `campaign bench ENGINE|MODEL.onnx`: measure one engine, trtexec
// --loadEngine style, and print the summary in trtexec's vocabulary.
//
// A plain ONNX model is first converted in this process (converter library,
// like `campaign convert`) into a temporary engine. The measurement also runs
// in this process (runner library, RunJob), not in an isolated runner
// subprocess: one engine, one device, no store, so there is no campaign to
// protect from a crash, and the numbers are those a `campaign run` job gets
// (same RunJob, same rules).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/engine_format.h"
#include "common/file_util.h"
#include "converter/convert.h"
#include "converter/model_io.h"
#include "orchestrator/bench_summary.h"
#include "orchestrator/commands.h"
#include "runner/job.h"
#include "runner/ops/supported_ops.h"

namespace campaign {

namespace {

namespace fs = std::filesystem;

struct BenchOptions {
  std::string model;
  int batch = 0;  // 0: the engine's, or 1 for a model
  std::string precision = "fp32";
  runner::JobOptions job;
  bool profile = false;
  bool no_transfers = false;
  bool validate = false;
  double max_cov_pct = 2.5;
  std::string export_times, export_trace, result;
};

// Removes the temporary engine directory when bench ends.
class TempEngineDir {
 public:
  TempEngineDir() {
    std::string tmpl = (fs::temp_directory_path() / "campaign-bench.XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempEngineDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempEngineDir(const TempEngineDir&) = delete;
  TempEngineDir& operator=(const TempEngineDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool IsEngine(const onnx::ModelProto& model) {
  for (const auto& p : model.metadata_props()) {
    if (p.key() == engine::kKeyBatch) return true;
  }
  return false;
}

// The engine to run: `opt.model` itself, or a conversion of it into `tmp`.
Result<fs::path> EngineFor(const BenchOptions& opt, const TempEngineDir& tmp) {
  ASSIGN_OR_RETURN(converter::LoadedModel loaded, converter::LoadModel(opt.model));
  if (IsEngine(loaded.model)) {
    if (opt.batch > 0 || opt.precision != "fp32") {
      std::printf("note: %s is an engine; its own batch and precision apply\n", opt.model.c_str());
    }
    return fs::path(opt.model);
  }
  auto precision = PrecisionFromName(opt.precision);
  if (!precision) {
    return Status::Error(Reason::kInvalidArgument,
                         "unknown precision '" + opt.precision + "'; use fp32, fp16 or int8");
  }
  if (tmp.path().empty()) return Status::Error(Reason::kIoError, "cannot create a temp dir");
  ConvertRequest req;
  req.model_path = opt.model;
  req.batch = opt.batch > 0 ? opt.batch : 1;
  req.precision = *precision;
  req.supported_ops = runner::SupportedOpTypes();
  req.output_path = tmp.path() / "engine.onnx";
  ASSIGN_OR_RETURN(ConvertReport report, campaign::Convert(req));
  std::printf("converted %s: batch %d, %s, %d -> %d nodes\n", opt.model.c_str(), req.batch,
              opt.precision.c_str(), report.nodes_before, report.nodes_after);
  return req.output_path;
}

int Bench(BenchOptions opt) {
  TempEngineDir tmp;
  auto engine = EngineFor(opt, tmp);
  if (!engine.ok()) {
    PrintError(engine.status().ToString());
    const Reason r = engine.status().reason();
    return r == Reason::kInvalidArgument || r == Reason::kNotFound ? kExitUsage : kExitFailure;
  }
  runner::JobOptions& o = opt.job;
  o.engine = *engine;
  o.validate = opt.validate;
  o.measure.transfers = !opt.no_transfers;
  o.measure.unstable_cov = opt.max_cov_pct / 100.0;
  o.profile.iterations = opt.profile ? o.profile.iterations : 0;
  o.profile.trace_path = opt.export_trace;
  std::vector<runner::IterationSample> samples;
  o.samples = &samples;
  RunResult r = runner::RunJob(o);
  if (!opt.result.empty()) {
    Status w = WriteRunResult(opt.result, r);
    if (!w.ok()) PrintError("cannot write the result: " + w.message());
  }
  if (!opt.export_times.empty()) {
    Status w = WriteFileAtomic(opt.export_times, IterationTimesJson(samples));
    if (!w.ok()) PrintError("cannot write the times: " + w.message());
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
  opt->job.profile.iterations = 10;
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("model", opt->model, "Engine file, or an ONNX model to convert first")
      ->required();
  sub->add_option("--batch", opt->batch, "Batch size when converting a model (default 1)")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--precision", opt->precision, "fp32 (default), fp16 or int8 when converting");
  sub->add_option("--device", opt->job.device, "auto | gpu | cpu | N | P:D | name substring");
  sub->add_option("--warmup", opt->job.measure.warmup,
                  "Minimum warm-up inferences, the cold one included (default 0)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--warmup-ms", opt->job.measure.warmup_ms,
                  "Minimum warm-up time in ms (default 200)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--iterations", opt->job.measure.iterations,
                  "Exactly this many timed iterations (default: the min rules)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--min-iterations", opt->job.measure.min_iterations,
                  "At least this many timed iterations (default 10)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--min-duration-ms", opt->job.measure.min_duration_ms,
                  "...and at least this long, in ms (default 3000)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--no-transfers", opt->no_transfers,
                "Compute only: inputs and outputs stay on the device");
  sub->add_option("--max-cov", opt->max_cov_pct, "Unstable above this CoV, in % (default 2.5)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--profile", opt->profile,
                "Per-layer profile in a separate run after the timed run");
  sub->add_option("--profile-iterations", opt->job.profile.iterations,
                  "Inferences of the profiling run (default 10)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--export-times", opt->export_times,
                  "Write every timed iteration's times as JSON here");
  sub->add_option("--export-trace", opt->export_trace,
                  "Write a Trace Event JSON (chrome://tracing, Perfetto) of a few profiled "
                  "iterations here");
  sub->add_option("--trace-iterations", opt->job.profile.trace_iterations,
                  "Iterations in the trace (default 3)")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--validate", opt->validate, "Also compare the outputs with the CPU reference");
  sub->add_option("--result", opt->result, "Also write the runner result JSON here");
  sub->callback([opt, exit_code] { *exit_code = Bench(*opt); });
}

}  // namespace campaign
