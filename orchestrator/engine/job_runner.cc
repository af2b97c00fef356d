#include "orchestrator/engine/job_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>

#include "common/engine_format.h"
#include "common/file_lock.h"
#include "common/file_util.h"
#include "common/precision.h"
#include "common/sha256.h"
#include "common/shell_quote.h"
#include "converter/calibration.h"
#include "converter/convert_outcome.h"
#include "converter/engine_cache.h"
#include "orchestrator/engine/backend_output.h"
#include "orchestrator/engine/command_backend.h"
#include "orchestrator/engine/outcome.h"
#include "orchestrator/engine/runner_command.h"

namespace campaign {

namespace fs = std::filesystem;

namespace {

// MODEL.input.npy and MODEL.output.npy next to MODEL.onnx, when both exist:
// the exporting framework's input and output (scripts/export_models.py).
std::optional<std::pair<fs::path, fs::path>> FrameworkReferenceFiles(const fs::path& model) {
  const fs::path stem = model.parent_path() / model.stem();
  fs::path in = stem, out = stem;
  in += ".input.npy";
  out += ".output.npy";
  std::error_code ec;
  if (!fs::is_regular_file(in, ec) || !fs::is_regular_file(out, ec)) return std::nullopt;
  return std::make_pair(in, out);
}

// The orchestrator's own lines in a job log start with "==" so they stand
// out from the children's output.
void AppendLog(const fs::path& log, const std::string& line) {
  std::ofstream(log, std::ios::app) << "== " << line << "\n";
}

// Shell-quoted, so the logged line can be pasted into a shell as it is.
std::string JoinArgv(const std::vector<std::string>& argv) { return ShellJoin(argv); }

std::string OverrideArg(const std::string& name, const std::vector<DimSpec>& dims) {
  std::string s = name + ":";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ",";
    s += dims[i].is_batch ? std::string("N") : std::to_string(dims[i].value);
  }
  return s;
}

// The int8 conversion settings: the campaign's calibration and the job's
// int8 tolerance (the converter's accuracy check aims below it).
converter::CalibrationConfig CalibrationFor(const CalibrationSpec& spec, double tolerance) {
  converter::CalibrationConfig c;
  c.batches = spec.batches;
  c.seed = spec.seed;
  c.data = spec.data;
  c.tolerance = tolerance;
  return c;
}

// The `campaign convert` flags for `c`.
void AppendCalibrationArgs(const converter::CalibrationConfig& c, std::vector<std::string>* argv) {
  argv->insert(argv->end(),
               {"--calibration-batches", std::to_string(c.batches), "--calibration-seed",
                std::to_string(c.seed), "--int8-tolerance", fmt::format("{:g}", c.tolerance)});
  for (const auto& f : c.data) argv->insert(argv->end(), {"--calibration-data", f.string()});
}

}  // namespace

JobRunner::JobRunner(JobStore& store, ProcessLauncher& launcher, JobRunnerConfig config)
    : store_(store), launcher_(launcher), config_(std::move(config)) {}

fs::path JobRunner::LogPathFor(const JobRecord& job, int number) const {
  std::string name = std::to_string(job.id) + "-" + job.spec.model + "-b" +
                     std::to_string(job.spec.batch) + "-" +
                     std::string(PrecisionName(job.spec.precision));
  if (job.spec.backend != kOpenclBackend) name += "-" + job.spec.backend;
  if (number > 1) name += "-a" + std::to_string(number);
  return config_.layout.logs() / ("c" + std::to_string(job.campaign_id)) / (name + ".log");
}

Result<Attempt> JobRunner::Prepare(const JobRecord& job, std::optional<JobOutcome>* failure) {
  Attempt a;
  a.job = job;
  a.number = job.attempt + 1;
  a.log = LogPathFor(job, a.number);
  std::error_code ec;
  fs::create_directories(a.log.parent_path(), ec);
  RETURN_IF_ERROR(store_.StartAttempt(job.id, a.log.string()));
  AppendLog(a.log, "job " + std::to_string(job.id) + ": " + job.spec.model + " batch " +
                       std::to_string(job.spec.batch) + " " +
                       std::string(PrecisionName(job.spec.precision)) + ", backend " +
                       job.spec.backend + ", attempt " + std::to_string(a.number));
  auto backend = CommandBackendOf(job);
  if (!backend.ok()) {
    *failure = FailedOutcome(backend.status().reason(), backend.status().message());
    return a;
  }
  if (*backend && !UsesEngine(**backend)) {
    AppendLog(a.log, "engine: not needed (backend " + job.spec.backend + " does not use {engine})");
    *failure = std::nullopt;
    return a;
  }
  *failure = PrepareEngine(a);
  if (!*failure) RETURN_IF_ERROR(store_.SetEngine(job.id, a.engine.string(), a.cache_hit));
  return a;
}

Result<const BackendSpec*> JobRunner::CommandBackendOf(const JobRecord& job) const {
  if (job.spec.backend == kOpenclBackend) return static_cast<const BackendSpec*>(nullptr);
  auto it = config_.backends.find(job.spec.backend);
  if (it == config_.backends.end()) {
    return Status::Error(
        Reason::kInvalidConfig,
        "backend '" + job.spec.backend + "' is not defined in the campaign's matrix.backends");
  }
  return &it->second;
}

JobOutcome JobRunner::RunCommand(const Attempt& a, const BackendSpec& backend,
                                 const std::string& device) {
  const fs::path base = config_.layout.runs() / ("c" + std::to_string(a.job.campaign_id)) /
                        ("j" + std::to_string(a.job.id) + "-a" + std::to_string(a.number));
  CommandJobContext ctx;
  ctx.engine = a.engine;
  ctx.output_dir = base.string() + ".out";
  ctx.campaign_dir = config_.campaign_dir;
  ctx.device = device;
  ctx.warmup = config_.measure.warmup;
  ctx.iterations =
      config_.measure.iterations > 0 ? config_.measure.iterations : config_.measure.min_iterations;
  std::error_code ec;
  fs::remove_all(ctx.output_dir, ec);
  fs::create_directories(ctx.output_dir, ec);
  auto argv = CommandArgv(backend, a.job.spec, ctx);
  if (!argv.ok()) {
    AppendLog(a.log, "command: " + argv.status().message());
    return FailedOutcome(Reason::kRuntimeError,
                         argv.status().message() + "; see " + a.log.string());
  }
  // The tool's output goes to its own file first, so the parser reads only
  // what the tool printed; it is then appended to the attempt's log.
  const fs::path output = base.string() + ".log";
  fs::remove(output, ec);
  ProcessSpec ps;
  ps.argv = *argv;
  ps.log_path = output;
  ps.timeout = config_.run_timeout;
  if (config_.interrupt) ps.should_kill = [i = config_.interrupt] { return i->ShouldKill(); };
  AppendLog(a.log, "command (" + backend.name + "): " + JoinArgv(ps.argv));
  const ProcessOutcome proc = launcher_.Run(ps);
  Result<std::string> text = ReadFile(output);
  if (text.ok()) std::ofstream(a.log, std::ios::app) << *text;
  AppendLog(a.log, "command " + DescribeOutcome(proc));
  Result<RunResult> parsed = text.ok() ? ParseBackendOutput(backend.parser, *text, a.job.spec.batch)
                                       : Result<RunResult>(text.status());
  if (parsed.ok()) {
    parsed->precision = std::string(PrecisionName(a.job.spec.precision));
    if (parsed->device.name.empty()) parsed->device.name = backend.name + " (" + device + ")";
  }
  return ClassifyCommand(backend, proc, parsed, a.log);
}

Result<std::string> JobRunner::ModelSha256(const fs::path& model) {
  std::error_code ec;
  const auto size = fs::file_size(model, ec);
  const auto mtime = fs::last_write_time(model, ec).time_since_epoch().count();
  const std::string key = model.string() + "|" + std::to_string(size) + "|" + std::to_string(mtime);
  {
    std::lock_guard lock(sha_mu_);
    if (auto it = sha_cache_.find(key); it != sha_cache_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(std::string sha, Sha256File(model));
  std::lock_guard lock(sha_mu_);
  sha_cache_[key] = sha;
  return sha;
}

std::optional<JobOutcome> JobRunner::PrepareEngine(Attempt& a) {
  auto failed = EnsureEngine(a, a.job.spec.precision, "engine", &a.engine, &a.cache_hit);
  if (failed || a.job.spec.precision == Precision::kFp32) return failed;
  // Every non-fp32 engine is validated against the fp32 engine's reference.
  bool hit = false;
  return EnsureEngine(a, Precision::kFp32, "reference engine (fp32)", &a.reference_engine, &hit);
}

std::optional<JobOutcome> JobRunner::EnsureEngine(const Attempt& a, Precision precision,
                                                  const std::string& what, fs::path* path,
                                                  bool* cache_hit) {
  const JobSpec& spec = a.job.spec;
  auto sha = ModelSha256(spec.model_path);
  if (!sha.ok()) return FailedOutcome(sha.status().reason(), "model: " + sha.status().message());
  std::string calibration_key;
  const converter::CalibrationConfig calibration =
      CalibrationFor(config_.calibration, config_.tolerance && precision == spec.precision
                                              ? config_.tolerance(spec)
                                              : DefaultTolerance(Precision::kInt8));
  if (precision == Precision::kInt8) {
    auto k = converter::CalibrationKey(calibration);
    if (!k.ok()) return FailedOutcome(k.status().reason(), "calibration: " + k.status().message());
    calibration_key = *k;
  }
  const std::string key =
      EngineCacheKey(*sha, spec.overrides, spec.batch, precision, calibration_key);
  EngineCache cache(config_.layout.engines());
  *path = cache.PathFor(key);
  if (cache.Contains(key)) {
    *cache_hit = true;
    AppendLog(a.log, what + ": cache hit " + path->string());
    return std::nullopt;
  }
  const fs::path report = path->string() + ".report." + std::to_string(a.job.id) + ".json";
  std::error_code ec;
  fs::remove(report, ec);
  ProcessSpec ps;
  ps.argv = {config_.convert_binary.string(),
             "convert",
             spec.model_path.string(),
             "--batch",
             std::to_string(spec.batch),
             "--precision",
             std::string(PrecisionName(precision)),
             "-o",
             path->string(),
             "--report",
             report.string()};
  for (const auto& [name, dims] : spec.overrides) {
    ps.argv.push_back("--input");
    ps.argv.push_back(OverrideArg(name, dims));
  }
  if (precision == Precision::kInt8) {
    AppendCalibrationArgs(calibration, &ps.argv);
    ps.argv.insert(ps.argv.end(),
                   {"--int8-plan-dir", (config_.layout.engines() / "int8-plans").string()});
  }
  ps.log_path = a.log;
  ps.timeout = config_.convert_timeout;
  if (config_.interrupt) ps.should_kill = [i = config_.interrupt] { return i->ShouldKill(); };
  AppendLog(a.log, (what == "engine" ? std::string("convert: ") : what + ": convert: ") +
                       JoinArgv(ps.argv));
  const ProcessOutcome proc = launcher_.Run(ps);
  const bool report_present = fs::exists(report, ec);
  Status report_status = Status::Ok();
  if (report_present) report_status = ReadConvertOutcome(report).status();
  fs::remove(report, ec);
  JobOutcome outcome = ClassifyConverter(proc, report_present, report_status);
  if (!outcome.succeeded) {
    if (what != "engine") outcome.message = what + ": " + outcome.message;
    return outcome;
  }
  return std::nullopt;
}

Result<JobOutcome> JobRunner::RunOnDevice(const Attempt& a, const std::string& device) {
  // Measurements are exclusive per device, also across campaign processes
  // sharing this results directory.
  std::string lock_name = "device-" + device + ".lock";
  std::replace(lock_name.begin(), lock_name.end(), ':', '_');
  std::function<bool()> cancel;
  if (config_.interrupt) cancel = [i = config_.interrupt] { return i->ShouldKill(); };
  auto lock = FileLock::Acquire(config_.layout.locks() / lock_name, cancel);
  if (!lock.ok()) return FailedOutcome(Reason::kInterrupted, lock.status().message());
  RETURN_IF_ERROR(store_.SetJobStatus(a.job.id, JobStatus::kRunning));
  ASSIGN_OR_RETURN(const BackendSpec* backend, CommandBackendOf(a.job));
  if (backend) return RunCommand(a, *backend, device);
  const fs::path result =
      config_.layout.runs() / ("c" + std::to_string(a.job.campaign_id)) /
      ("j" + std::to_string(a.job.id) + "-a" + std::to_string(a.number) + ".json");
  std::error_code ec;
  fs::create_directories(result.parent_path(), ec);
  fs::remove(result, ec);
  ProcessSpec ps;
  ps.argv = RunnerArgv(a, device, result);
  if (auto fw = FrameworkReferenceFiles(a.job.spec.model_path)) {
    ps.argv.insert(ps.argv.end(), {"--framework-input", fw->first.string(), "--framework-output",
                                   fw->second.string()});
  }
  ps.log_path = a.log;
  ps.timeout = config_.run_timeout;
  if (config_.interrupt) ps.should_kill = [i = config_.interrupt] { return i->ShouldKill(); };
  JobOutcome outcome;
  for (int repeat = 0;; ++repeat) {
    AppendLog(a.log, "run: " + JoinArgv(ps.argv));
    const ProcessOutcome proc = launcher_.Run(ps);
    AppendLog(a.log, "runner " + DescribeOutcome(proc));
    outcome = ClassifyRunner(proc, ReadRunResult(result));
    if (outcome.result) outcome.result->measure.repeats = repeat;
    const bool unstable = outcome.succeeded && outcome.result && outcome.result->measure.unstable;
    if (!unstable || repeat >= config_.measure.repeat_unstable) break;
    if (config_.interrupt && config_.interrupt->ShouldKill()) break;
    AppendLog(a.log, "unstable result (CoV above " + std::to_string(100 * config_.measure.max_cov) +
                         " %): measuring again (repeat " + std::to_string(repeat + 1) + " of " +
                         std::to_string(config_.measure.repeat_unstable) + ")");
    fs::remove(result, ec);
  }
  return outcome;
}

std::vector<std::string> JobRunner::RunnerArgv(const Attempt& a, const std::string& device,
                                               const fs::path& result) const {
  RunnerCommand c;
  c.runner = config_.runner_binary;
  c.engine = a.engine;
  c.result = result;
  c.device = device;
  c.measure = config_.measure;
  if (config_.tolerance) c.tolerance = config_.tolerance(a.job.spec);
  c.reference_engine = a.reference_engine;
  if (config_.measure.trace_iterations > 0) {
    c.trace = result;
    c.trace.replace_extension(".trace.json");
  }
  return campaign::RunnerArgv(c);
}

Status JobRunner::Finish(const Attempt& a, const JobOutcome& outcome) {
  AppendLog(a.log, outcome.succeeded ? std::string("succeeded")
                                     : "failed: " + std::string(ReasonName(outcome.reason)) + ": " +
                                           outcome.message);
  return store_.FinishAttempt(a.job.id, outcome);
}

}  // namespace campaign
