// Running a stored campaign: the part `campaign run`, `resume` and `rerun`
// share. Validates the runner and the devices, takes the campaign's lock,
// runs the selected jobs with progress output and Ctrl-C handling, and
// prints a summary.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/engine/scheduler.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// Command-line settings common to the commands that run jobs.
struct SessionOptions {
  std::string db;                    // --db ("" = default)
  std::string runner;                // --runner ("" = default)
  std::vector<std::string> devices;  // --device (overrides the YAML when non-empty)
  int convert_workers = 1;           // -j
  int warmup = -1;                   // --warmup (< 0: the YAML's)
  int iterations = -1;               // --iterations (< 1: the YAML's)
};

// What a command checks before it touches the store.
struct SessionPlan {
  CampaignConfig config;                  // with the command-line overrides applied
  std::filesystem::path runner;           // resolved runner executable
  std::vector<std::string> devices;       // canonical device selectors, one worker each
  std::vector<std::string> device_names;  // for messages
};

// Applies `opt` to `config`, resolves the runner and the devices, and checks
// that every model file parses as ONNX. kNotFound / kInvalidConfig /
// kInvalidModel with a message for the user.
Result<SessionPlan> PlanSession(CampaignConfig config, const SessionOptions& opt);

// Runs the jobs of `campaign_id` chosen by `select`. `ReopenCampaign` is
// called first when `reopen` is true (resume). Returns the process exit
// code: 0 when the campaign ran to its end (failed jobs included), 1 when
// the store failed or the campaign is locked by another process, 130 when
// interrupted.
int ExecuteSession(JobStore& store, const std::filesystem::path& db_path, int64_t campaign_id,
                   const SessionPlan& plan, const SessionOptions& opt, const JobFilter& select,
                   bool reopen);

// Registers --db, --runner, --device, -j, --warmup, --iterations on `sub`.
void AddSessionOptions(CLI::App* sub, SessionOptions& opt);

}  // namespace campaign
