#include "orchestrator/engine/command_backend.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "orchestrator/config/command_template.h"
#include "orchestrator/engine/outcome.h"

namespace campaign {

namespace fs = std::filesystem;

namespace {

// `name` on $PATH, or "" when it is not there.
std::string SearchPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = dirs.substr(start, end - start);
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

std::map<std::string, std::string> PlaceholderValues(const JobSpec& spec,
                                                     const CommandJobContext& ctx) {
  std::string shape;
  for (const auto& [name, dims] : spec.overrides) {
    shape += (shape.empty() ? "" : ",") + name + ":";
    for (size_t i = 0; i < dims.size(); ++i) {
      shape += (i ? "x" : "") +
               std::to_string(dims[i].is_batch ? spec.batch : static_cast<int>(dims[i].value));
    }
  }
  return {{"model", spec.model_path.string()},
          {"model_name", spec.model},
          {"batch", std::to_string(spec.batch)},
          {"precision", std::string(PrecisionName(spec.precision))},
          {"shape", shape},
          {"engine", ctx.engine.string()},
          {"output_dir", ctx.output_dir.string()},
          {"device", ctx.device},
          {"warmup", std::to_string(ctx.warmup)},
          {"iterations", std::to_string(ctx.iterations)},
          {"campaign_dir", ctx.campaign_dir.string()}};
}

bool UsesEngine(const BackendSpec& backend) {
  const auto used = PlaceholdersIn(backend.command);
  return std::find(used.begin(), used.end(), "engine") != used.end();
}

Result<std::vector<std::string>> CommandArgv(const BackendSpec& backend, const JobSpec& spec,
                                             const CommandJobContext& ctx) {
  ASSIGN_OR_RETURN(std::vector<std::string> words, SplitCommandLine(backend.command));
  const auto values = PlaceholderValues(spec, ctx);
  std::vector<std::string> argv;
  for (const auto& w : words) {
    ASSIGN_OR_RETURN(std::string arg, ExpandPlaceholders(w, values));
    argv.push_back(std::move(arg));
  }
  if (argv[0].find('/') == std::string::npos) {
    std::string found = SearchPath(argv[0]);
    if (found.empty()) {
      return Status::Error(Reason::kNotFound, "backend '" + backend.name + "': command '" +
                                                  argv[0] +
                                                  "' is not on $PATH; install it or give its "
                                                  "full path in the campaign YAML");
    }
    argv[0] = found;
  }
  return argv;
}

JobOutcome ClassifyCommand(const BackendSpec& backend, const ProcessOutcome& proc,
                           const Result<RunResult>& parsed, const fs::path& log) {
  const std::string who = "backend '" + backend.name + "' command";
  const std::string see = "; see " + log.string();
  JobOutcome out;
  switch (proc.kind) {
    case ExitKind::kTimedOut:
      out = FailedOutcome(Reason::kTimeout,
                          who + " " + DescribeOutcome(proc) + "; the process group was killed");
      out.signal = proc.signal;
      return out;
    case ExitKind::kSignaled:
      out = FailedOutcome(Reason::kCrash, who + " " + DescribeOutcome(proc) + see);
      out.signal = proc.signal;
      return out;
    case ExitKind::kInterrupted:
      return FailedOutcome(Reason::kInterrupted, who + " " + DescribeOutcome(proc));
    case ExitKind::kSpawnFailed:
      return FailedOutcome(Reason::kRuntimeError, who + " could not start: " + proc.error);
    case ExitKind::kExited:
      break;
  }
  out.exit_code = proc.exit_code;
  if (proc.exit_code != 0) {
    out.succeeded = false;
    out.reason = Reason::kRuntimeError;
    out.message = who + " ended with " + DescribeOutcome(proc) + see;
    return out;
  }
  if (!parsed.ok()) {
    out.succeeded = false;
    out.reason = Reason::kParseError;
    out.message = who + " output (" + ParserName(backend.parser.kind) +
                  " parser): " + parsed.status().message() + see;
    return out;
  }
  out.succeeded = true;
  out.result = *parsed;
  return out;
}

}  // namespace campaign
