#include "runner/cl/clblast_tuning.h"

#include <clblast.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "campaign_clblast_tuning_embedded.h"
#include "common/file_util.h"

namespace campaign::runner::cl {

Result<ClblastTuning> ParseClblastTuning(std::string_view json, const std::string& source) {
  auto bad = [&](const std::string& why) {
    return Status::Error(Reason::kInvalidArgument,
                         "CLBlast tuning file " + source + ": " + why +
                             " (write it with scripts/clblast_tuning_db.py)");
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    return bad(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("device") || !j["device"].is_string()) {
    return bad("no \"device\" name");
  }
  if (!j.contains("kernels") || !j["kernels"].is_object() || j["kernels"].empty()) {
    return bad("no \"kernels\"");
  }
  ClblastTuning t;
  t.source = source;
  t.device = j["device"].get<std::string>();
  t.driver = j.value("driver", std::string());
  t.tuned_on = j.value("tuned_on", std::string());
  for (const auto& [kernel, entry] : j["kernels"].items()) {
    if (!entry.is_object() || !entry.contains("parameters") || !entry["parameters"].is_object()) {
      return bad("kernel " + kernel + " has no \"parameters\" object");
    }
    auto& params = t.kernels[kernel];
    for (const auto& [name, value] : entry["parameters"].items()) {
      if (!value.is_number_unsigned()) {
        return bad("parameter " + kernel + "." + name + " is not a non-negative integer");
      }
      params[name] = value.get<size_t>();
    }
  }
  return t;
}

std::vector<ClblastTuning> AvailableClblastTunings() {
  std::vector<ClblastTuning> out;
  for (const auto& f : campaign_clblast_tuning::EmbeddedFiles()) {
    auto t = ParseClblastTuning(f.text, "built-in:" + std::string(f.name));
    if (t.ok()) {
      out.push_back(std::move(*t));
    } else {
      spdlog::warn("{}", t.status().message());
    }
  }
  const char* dir = std::getenv("CAMPAIGN_CLBLAST_TUNING_DIR");
  if (dir == nullptr || *dir == '\0') return out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  if (ec) spdlog::warn("CAMPAIGN_CLBLAST_TUNING_DIR {}: {}", dir, ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    auto text = ReadFile(path);
    auto t =
        text.ok() ? ParseClblastTuning(*text, path.string()) : Result<ClblastTuning>(text.status());
    if (t.ok()) {
      out.push_back(std::move(*t));
    } else {
      spdlog::warn("skipping {}: {}", path.string(), t.status().message());
    }
  }
  return out;
}

const ClblastTuning* FindClblastTuning(const std::vector<ClblastTuning>& tunings,
                                       std::string_view device_name) {
  const ClblastTuning* found = nullptr;
  for (const auto& t : tunings) {
    if (t.device == device_name) found = &t;
  }
  return found;
}

Status ApplyClblastTuning(cl_device_id device, const ClblastTuning& tuning) {
  for (const auto& [kernel, params] : tuning.kernels) {
    clblast::StatusCode s =
        clblast::OverrideParameters(device, kernel, clblast::Precision::kSingle, params);
    if (s != clblast::StatusCode::kSuccess) {
      return Status::Error(Reason::kDeviceError, "CLBlast rejected the tuned parameters of " +
                                                     kernel + " from " + tuning.source +
                                                     " (status " +
                                                     std::to_string(static_cast<int>(s)) + ")");
    }
  }
  return Status::Ok();
}

}  // namespace campaign::runner::cl
