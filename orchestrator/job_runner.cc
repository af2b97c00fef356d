#include "orchestrator/job_runner.h"

#include <fstream>

#include "common/sha256.h"
#include "converter/convert_outcome.h"
#include "converter/engine_cache.h"
#include "orchestrator/outcome.h"

namespace campaign {

namespace fs = std::filesystem;

namespace {

// The orchestrator's own lines in a job log start with "==" so they stand
// out from the children's output.
void AppendLog(const fs::path& log, const std::string& line) {
  std::ofstream(log, std::ios::app) << "== " << line << "\n";
}

std::string JoinArgv(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

std::string OverrideArg(const std::string& name, const std::vector<DimSpec>& dims) {
  std::string s = name + ":";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ",";
    s += dims[i].is_batch ? std::string("N") : std::to_string(dims[i].value);
  }
  return s;
}

JobOutcome Fail(Reason reason, std::string message) {
  JobOutcome o;
  o.succeeded = false;
  o.reason = reason;
  o.message = std::move(message);
  return o;
}

}  // namespace

JobRunner::JobRunner(JobStore& store, ProcessLauncher& launcher, JobRunnerConfig config)
    : store_(store), launcher_(launcher), config_(std::move(config)) {}

fs::path JobRunner::LogPathFor(const JobRecord& job, int attempt) const {
  std::string name = std::to_string(job.id) + "-" + job.spec.model + "-b" +
                     std::to_string(job.spec.batch) + "-" +
                     std::string(PrecisionName(job.spec.precision));
  if (attempt > 1) name += "-a" + std::to_string(attempt);
  return config_.layout.logs() / ("c" + std::to_string(job.campaign_id)) / (name + ".log");
}

Result<JobOutcome> JobRunner::RunAttempt(const JobRecord& job) {
  const int attempt = job.attempt + 1;
  const fs::path log = LogPathFor(job, attempt);
  std::error_code ec;
  fs::create_directories(log.parent_path(), ec);
  RETURN_IF_ERROR(store_.StartAttempt(job.id, log.string()));
  AppendLog(log, "job " + std::to_string(job.id) + ": " + job.spec.model + " batch " +
                     std::to_string(job.spec.batch) + " " +
                     std::string(PrecisionName(job.spec.precision)) + ", attempt " +
                     std::to_string(attempt));

  fs::path engine;
  bool cache_hit = false;
  JobOutcome outcome;
  if (auto failed = PrepareEngine(job, log, &engine, &cache_hit)) {
    outcome = *failed;
  } else {
    RETURN_IF_ERROR(store_.SetEngine(job.id, engine.string(), cache_hit));
    RETURN_IF_ERROR(store_.SetJobStatus(job.id, JobStatus::kRunning));
    outcome = RunOnDevice(job, attempt, engine, log);
  }
  AppendLog(log, outcome.succeeded
                     ? std::string("succeeded")
                     : "failed: " + std::string(ReasonName(outcome.reason)) + ": " +
                           outcome.message);
  RETURN_IF_ERROR(store_.FinishAttempt(job.id, outcome));
  return outcome;
}

std::optional<JobOutcome> JobRunner::PrepareEngine(const JobRecord& job, const fs::path& log,
                                                   fs::path* engine, bool* cache_hit) {
  auto sha = Sha256File(job.spec.model_path);
  if (!sha.ok()) return Fail(sha.status().reason(), "model: " + sha.status().message());
  const std::string key =
      EngineCacheKey(*sha, job.spec.overrides, job.spec.batch, job.spec.precision);
  EngineCache cache(config_.layout.engines());
  *engine = cache.PathFor(key);
  if (cache.Contains(key)) {
    *cache_hit = true;
    AppendLog(log, "engine: cache hit " + engine->string());
    return std::nullopt;
  }
  const fs::path report = engine->string() + ".report." + std::to_string(job.id) + ".json";
  fs::remove(report);
  ProcessSpec spec;
  spec.argv = {config_.convert_binary.string(), "convert", job.spec.model_path.string(),
               "--batch", std::to_string(job.spec.batch),
               "--precision", std::string(PrecisionName(job.spec.precision)),
               "-o", engine->string(), "--report", report.string()};
  for (const auto& [name, dims] : job.spec.overrides) {
    spec.argv.push_back("--input");
    spec.argv.push_back(OverrideArg(name, dims));
  }
  spec.log_path = log;
  spec.timeout = config_.timeout;
  AppendLog(log, "convert: " + JoinArgv(spec.argv));
  const ProcessOutcome proc = launcher_.Run(spec);
  const bool report_present = fs::exists(report);
  Status report_status = Status::Ok();
  if (report_present) report_status = ReadConvertOutcome(report).status();
  fs::remove(report);
  JobOutcome outcome = ClassifyConverter(proc, report_present, report_status);
  if (!outcome.succeeded) return outcome;
  return std::nullopt;
}

JobOutcome JobRunner::RunOnDevice(const JobRecord& job, int attempt, const fs::path& engine,
                                  const fs::path& log) {
  const fs::path result = config_.layout.runs() / ("c" + std::to_string(job.campaign_id)) /
                          ("j" + std::to_string(job.id) + "-a" + std::to_string(attempt) +
                           ".json");
  std::error_code ec;
  fs::create_directories(result.parent_path(), ec);
  fs::remove(result, ec);
  ProcessSpec spec;
  spec.argv = {config_.runner_binary.string(), "--engine", engine.string(),
               "--result", result.string(), "--device", config_.device,
               "--warmup", std::to_string(config_.warmup),
               "--iterations", std::to_string(config_.iterations)};
  spec.log_path = log;
  spec.timeout = config_.timeout;
  AppendLog(log, "run: " + JoinArgv(spec.argv));
  const ProcessOutcome proc = launcher_.Run(spec);
  AppendLog(log, "runner " + DescribeOutcome(proc));
  return ClassifyRunner(proc, ReadRunResult(result));
}

}  // namespace campaign
