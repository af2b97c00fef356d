#include "converter/int8_plan_cache.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "common/file_lock.h"
#include "common/file_util.h"

namespace campaign::converter {
namespace {

constexpr int kPlanFormat = 1;

}  // namespace

std::optional<Int8Plan> LoadInt8Plan(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  auto text = ReadFile(path);
  if (!text.ok()) {
    spdlog::warn("int8 plan {}: {}; recomputing it", path.string(), text.status().message());
    return std::nullopt;
  }
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    if (j.at("format").get<int>() != kPlanFormat) return std::nullopt;
    Int8Plan plan;
    for (const auto& [name, r] : j.at("ranges").items()) {
      plan.ranges[name] = ValueRange{r.at(0).get<float>(), r.at(1).get<float>()};
    }
    plan.keep_fp32 = j.at("keep_fp32").get<std::map<std::string, std::string>>();
    plan.accuracy = j.at("accuracy").get<std::string>();
    plan.runs = j.at("runs").get<int>();
    plan.samples = j.at("samples").get<int>();
    plan.calibration_ms = j.at("calibration_ms").get<double>();
    return plan;
  } catch (const nlohmann::json::exception& e) {
    spdlog::warn("int8 plan {} is corrupt ({}); recomputing it", path.string(), e.what());
    return std::nullopt;
  }
}

Status SaveInt8Plan(const std::filesystem::path& path, const Int8Plan& plan) {
  nlohmann::json ranges = nlohmann::json::object();
  for (const auto& [name, r] : plan.ranges) ranges[name] = {r.min, r.max};
  const nlohmann::json j = {{"format", kPlanFormat},
                            {"ranges", ranges},
                            {"keep_fp32", plan.keep_fp32},
                            {"accuracy", plan.accuracy},
                            {"runs", plan.runs},
                            {"samples", plan.samples},
                            {"calibration_ms", plan.calibration_ms}};
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  return WriteFileAtomic(path, j.dump(1));
}

Result<Int8Plan> LoadOrComputeInt8Plan(const std::filesystem::path& path,
                                       const std::function<bool(const Int8Plan&)>& usable,
                                       const std::function<Result<Int8Plan>()>& compute,
                                       bool* hit) {
  *hit = false;
  if (path.empty()) return compute();
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  auto lock = FileLock::Acquire(path.string() + ".lock", {});
  if (!lock.ok()) {
    spdlog::warn("int8 plan {}: cannot lock ({}); computing without the cache", path.string(),
                 lock.status().message());
    return compute();
  }
  if (std::optional<Int8Plan> plan = LoadInt8Plan(path); plan && usable(*plan)) {
    *hit = true;
    return *plan;
  }
  ASSIGN_OR_RETURN(Int8Plan plan, compute());
  if (Status st = SaveInt8Plan(path, plan); !st.ok()) {
    spdlog::warn("int8 plan {}: not saved ({})", path.string(), st.message());
  }
  return plan;
}

}  // namespace campaign::converter
