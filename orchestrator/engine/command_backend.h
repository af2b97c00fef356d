// One job of a command backend (orchestrator/backend_spec.h): the template
// expanded into argv, and how the process and its output become an outcome.
// JobRunner::RunOnDevice calls these; the process runs through the same
// ProcessLauncher as the runner (isolated, timed, logged).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/engine/process_launcher.h"
#include "orchestrator/model/backend_spec.h"
#include "orchestrator/model/job_spec.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// Values of the placeholders of config/command_template.h for one attempt.
struct CommandJobContext {
  std::filesystem::path engine;      // "" when the converter did not run
  std::filesystem::path output_dir;  // fresh per attempt
  std::filesystem::path campaign_dir;
  std::string device;
  int warmup = 10;
  int iterations = 50;
};

// The placeholder table for `spec` in `ctx`. {shape} is trtexec's --shapes
// syntax of the model's `inputs:` ("input:8x3x224x224,mask:8x128").
std::map<std::string, std::string> PlaceholderValues(const JobSpec& spec,
                                                     const CommandJobContext& ctx);

// The argv of `backend` for the job: split, placeholders expanded per
// argument, and a bare executable name looked up on $PATH. kNotFound when
// the executable is not on $PATH; kInvalidArgument for a bad template.
Result<std::vector<std::string>> CommandArgv(const BackendSpec& backend, const JobSpec& spec,
                                             const CommandJobContext& ctx);

// Whether the command uses {engine} (the converter stage runs first).
bool UsesEngine(const BackendSpec& backend);

// How the command ended, with its parsed output:
//   timed out / killed / interrupted  -> timeout / crash / interrupted
//   could not start                   -> runtime_error
//   exit != 0                         -> runtime_error (exit code, log path)
//   exit 0, output not understood     -> parse_error (what was missing, log path)
//   exit 0 and numbers                -> succeeded with them
JobOutcome ClassifyCommand(const BackendSpec& backend, const ProcessOutcome& proc,
                           const Result<RunResult>& parsed, const std::filesystem::path& log);

}  // namespace campaign
