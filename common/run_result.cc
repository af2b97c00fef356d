#include "common/run_result.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/file_util.h"

namespace campaign {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LatencyStats, mean_ms, median_ms, min_ms, max_ms,
                                                p90_ms, p95_ms, p99_ms, stddev_ms, cov)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Validation, checked, max_abs_error, max_rel_error,
                                                cosine, norm_rel_error, tolerance, passed,
                                                reference)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FrameworkCheck, checked, output_file,
                                                norm_rel_error, max_abs_error, cosine, tolerance,
                                                passed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeviceInfo, platform, name, vendor, driver_version,
                                                type)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Fingerprint, device_name, device_vendor,
                                                driver_version, opencl_version, compute_units,
                                                max_clock_mhz, host_name, cpu_model, tool_version,
                                                git_commit)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LayerProfile, name, op_type, mean_ms, median_ms,
                                                share)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MeasureInfo, transfers, warmup_ms, duration_ms,
                                                cold_ms, build_ms, kernel_cache, stability_metric,
                                                unstable_threshold, unstable, profile_iterations,
                                                trace_iterations, repeats, preflight)

std::string ToJson(const RunResult& r) {
  json j;
  j["ok"] = r.ok;
  j["reason"] = std::string(ReasonName(r.reason));
  j["message"] = r.message;
  j["batch"] = r.batch;
  j["precision"] = r.precision;
  j["compute_mode"] = r.compute_mode;
  j["device"] = r.device;
  j["warmup_iterations"] = r.warmup_iterations;
  j["iterations"] = r.iterations;
  j["latency"] = r.latency;
  j["h2d"] = r.h2d;
  j["compute"] = r.compute;
  j["d2h"] = r.d2h;
  j["enqueue"] = r.enqueue;
  j["throughput"] = r.throughput;
  j["throughput_wall"] = r.throughput_wall;
  j["load_ms"] = r.load_ms;
  j["peak_device_bytes"] = r.peak_device_bytes;
  j["validation"] = r.validation;
  if (r.framework_check.checked) j["framework_check"] = r.framework_check;
  j["measure"] = r.measure;
  j["profile"] = r.profile;
  j["trace_path"] = r.trace_path;
  j["fingerprint"] = r.fingerprint;
  return j.dump(2);
}

namespace {

// Timings read from outside: finite and >= 0 ("1e999" parses as infinity).
Status CheckTimings(const RunResult& r) {
  const std::pair<const char*, const LatencyStats*> all[] = {{"latency", &r.latency},
                                                             {"h2d", &r.h2d},
                                                             {"compute", &r.compute},
                                                             {"d2h", &r.d2h},
                                                             {"enqueue", &r.enqueue}};
  for (const auto& [name, s] : all) {
    for (auto [field, v] : {std::pair{"mean_ms", s->mean_ms},
                            {"median_ms", s->median_ms},
                            {"min_ms", s->min_ms},
                            {"max_ms", s->max_ms},
                            {"p90_ms", s->p90_ms},
                            {"p95_ms", s->p95_ms},
                            {"p99_ms", s->p99_ms},
                            {"stddev_ms", s->stddev_ms}}) {
      if (!std::isfinite(v) || v < 0) {
        return Status::Error(Reason::kInvalidArgument,
                             std::string("not a runner result: ") + name + "." + field + " is " +
                                 std::to_string(v) + ", not a finite number >= 0");
      }
    }
  }
  for (auto [field, v] : {std::pair{"throughput", r.throughput},
                          {"throughput_wall", r.throughput_wall},
                          {"load_ms", r.load_ms}}) {
    if (!std::isfinite(v) || v < 0) {
      return Status::Error(Reason::kInvalidArgument, std::string("not a runner result: ") + field +
                                                         " is " + std::to_string(v) +
                                                         ", not a finite number >= 0");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<RunResult> RunResultFromJson(const std::string& text) {
  try {
    json j = json::parse(text);
    RunResult r;
    r.ok = j.at("ok").get<bool>();
    auto reason = ReasonFromName(j.value("reason", std::string("ok")));
    r.reason = reason.value_or(Reason::kRuntimeError);
    r.message = j.value("message", std::string());
    r.batch = j.value("batch", 0);
    r.precision = j.value("precision", std::string());
    r.compute_mode = j.value("compute_mode", std::string());
    if (j.contains("device")) r.device = j["device"].get<DeviceInfo>();
    r.warmup_iterations = j.value("warmup_iterations", 0);
    r.iterations = j.value("iterations", 0);
    if (j.contains("latency")) r.latency = j["latency"].get<LatencyStats>();
    for (auto [key, stats] : {std::pair{"h2d", &r.h2d}, std::pair{"compute", &r.compute},
                              std::pair{"d2h", &r.d2h}, std::pair{"enqueue", &r.enqueue}}) {
      if (j.contains(key)) *stats = j[key].get<LatencyStats>();
    }
    r.throughput = j.value("throughput", 0.0);
    r.throughput_wall = j.value("throughput_wall", 0.0);
    r.load_ms = j.value("load_ms", 0.0);
    r.peak_device_bytes = j.value("peak_device_bytes", uint64_t{0});
    if (j.contains("validation")) r.validation = j["validation"].get<Validation>();
    if (j.contains("framework_check")) {
      r.framework_check = j["framework_check"].get<FrameworkCheck>();
    }
    if (j.contains("measure")) r.measure = j["measure"].get<MeasureInfo>();
    if (j.contains("profile")) r.profile = j["profile"].get<std::vector<LayerProfile>>();
    r.trace_path = j.value("trace_path", std::string());
    if (j.contains("fingerprint")) r.fingerprint = j["fingerprint"].get<Fingerprint>();
    if (!r.ok && r.reason == Reason::kOk) r.reason = Reason::kRuntimeError;
    RETURN_IF_ERROR(CheckTimings(r));
    return r;
  } catch (const json::exception& e) {
    return Status::Error(Reason::kInvalidArgument, std::string("not a runner result: ") + e.what());
  }
}

Status WriteRunResult(const std::filesystem::path& path, const RunResult& r) {
  return WriteFileAtomic(path, ToJson(r));
}

Result<RunResult> ReadRunResult(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return RunResultFromJson(text);
}

}  // namespace campaign
