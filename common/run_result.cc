#include "common/run_result.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/file_util.h"

namespace campaign {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LatencyStats, mean_ms, median_ms, min_ms, max_ms,
                                                p90_ms, p95_ms, p99_ms, stddev_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Validation, checked, max_abs_error, max_rel_error,
                                                cosine, norm_rel_error, tolerance, passed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FrameworkCheck, checked, output_file,
                                                norm_rel_error, max_abs_error, cosine, tolerance,
                                                passed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeviceInfo, platform, name, vendor, driver_version,
                                                type)

std::string ToJson(const RunResult& r) {
  json j;
  j["ok"] = r.ok;
  j["reason"] = std::string(ReasonName(r.reason));
  j["message"] = r.message;
  j["batch"] = r.batch;
  j["precision"] = r.precision;
  j["device"] = r.device;
  j["warmup_iterations"] = r.warmup_iterations;
  j["iterations"] = r.iterations;
  j["latency"] = r.latency;
  j["throughput"] = r.throughput;
  j["load_ms"] = r.load_ms;
  j["peak_device_bytes"] = r.peak_device_bytes;
  j["validation"] = r.validation;
  if (r.framework_check.checked) j["framework_check"] = r.framework_check;
  return j.dump(2);
}

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
    if (j.contains("device")) r.device = j["device"].get<DeviceInfo>();
    r.warmup_iterations = j.value("warmup_iterations", 0);
    r.iterations = j.value("iterations", 0);
    if (j.contains("latency")) r.latency = j["latency"].get<LatencyStats>();
    r.throughput = j.value("throughput", 0.0);
    r.load_ms = j.value("load_ms", 0.0);
    r.peak_device_bytes = j.value("peak_device_bytes", uint64_t{0});
    if (j.contains("validation")) r.validation = j["validation"].get<Validation>();
    if (j.contains("framework_check")) {
      r.framework_check = j["framework_check"].get<FrameworkCheck>();
    }
    if (!r.ok && r.reason == Reason::kOk) r.reason = Reason::kRuntimeError;
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
