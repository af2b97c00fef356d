// The campaign-runner command line for one measurement, from one place: what
// a campaign job runs (JobRunner) and what `campaign bench` runs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "orchestrator/config/campaign_config.h"

namespace campaign {

struct RunnerCommand {
  std::filesystem::path runner;            // the campaign-runner binary (argv[0])
  std::filesystem::path engine;            // --engine
  std::filesystem::path result;            // --result: where the result JSON goes
  std::string device;                      // --device: a selector, e.g. "0:1"
  MeasureConfig measure;                   // warm-up, stop rules, noise gate, profile
  std::optional<double> tolerance;         // --tolerance and --framework-tolerance; none: runner's
  std::filesystem::path reference_engine;  // --reference-engine; empty: the engine's own
  std::filesystem::path trace;             // --trace; empty: no trace file
  bool validate = true;                    // false: --no-validate
  std::filesystem::path export_times;      // --export-times; empty: none
};

// argv for the launcher (argv[0] = c.runner; no shell).
std::vector<std::string> RunnerArgv(const RunnerCommand& c);

}  // namespace campaign
