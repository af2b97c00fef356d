#include "converter/convert_outcome.h"

#include <nlohmann/json.hpp>

#include "common/file_util.h"

namespace campaign {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PassNodeCount, pass, nodes_before, nodes_after,
                                                rewrites)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ConvertReport, source_sha256, cache_key,
                                                nodes_before, nodes_after, passes, pass_nodes,
                                                input_shapes, output_shapes, elapsed_ms)

std::string ConvertOutcomeToJson(const Result<ConvertReport>& outcome) {
  json j;
  j["ok"] = outcome.ok();
  j["reason"] = std::string(ReasonName(outcome.status().reason()));
  j["message"] = outcome.status().message();
  if (outcome.ok()) j["report"] = *outcome;
  return j.dump(2);
}

Result<ConvertReport> ConvertOutcomeFromJson(const std::string& text) {
  try {
    const json j = json::parse(text);
    if (j.at("ok").get<bool>()) return j.at("report").get<ConvertReport>();
    const std::string name = j.at("reason").get<std::string>();
    const std::optional<Reason> reason = ReasonFromName(name);
    std::string message = j.value("message", std::string());
    if (!reason || *reason == Reason::kOk) {
      return Status::Error(Reason::kConversionError,
                           "converter failed with unknown reason '" + name + "': " + message);
    }
    return Status::Error(*reason, std::move(message));
  } catch (const json::exception& e) {
    return Status::Error(Reason::kConversionError,
                         std::string("not a converter report: ") + e.what());
  }
}

Status WriteConvertOutcome(const std::filesystem::path& path,
                           const Result<ConvertReport>& outcome) {
  return WriteFileAtomic(path, ConvertOutcomeToJson(outcome));
}

Result<ConvertReport> ReadConvertOutcome(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status().WithContext("converter report");
  return ConvertOutcomeFromJson(*text);
}

Status WriteConvertReport(const std::filesystem::path& path, const ConvertReport& report) {
  return WriteConvertOutcome(path, report);
}

Result<ConvertReport> ReadConvertReport(const std::filesystem::path& path) {
  return ReadConvertOutcome(path);
}

}  // namespace campaign
