// The converter's report file: how `campaign convert` tells the orchestrator
// (which runs it as a subprocess) what happened.
//
// Success:  {"ok": true, "reason": "ok", "message": "", "report": {...ConvertReport...}}
// Failure:  {"ok": false, "reason": "<ReasonName>", "message": "<for the user>"}
#pragma once

#include <filesystem>
#include <string>

#include "common/status.h"
#include "converter/convert_report.h"

namespace campaign {

std::string ConvertOutcomeToJson(const Result<ConvertReport>& outcome);

// Inverse of ConvertOutcomeToJson: a failure comes back as its error Status
// (same Reason and message). Text that is not a converter report, or names an
// unknown reason, gives kConversionError.
Result<ConvertReport> ConvertOutcomeFromJson(const std::string& text);

// Writes the outcome atomically (common/file_util.h).
Status WriteConvertOutcome(const std::filesystem::path& path, const Result<ConvertReport>& outcome);

// Reads a file written by WriteConvertOutcome. kNotFound when it is missing
// (the converter died before writing it); otherwise as ConvertOutcomeFromJson.
Result<ConvertReport> ReadConvertOutcome(const std::filesystem::path& path);

// Shorthands for a successful conversion.
Status WriteConvertReport(const std::filesystem::path& path, const ConvertReport& report);
Result<ConvertReport> ReadConvertReport(const std::filesystem::path& path);

}  // namespace campaign
