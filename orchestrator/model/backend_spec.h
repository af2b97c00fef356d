// BackendSpec: who measures a job. The default backend is our OpenCL engine
// (`opencl`: converter + campaign-runner); a campaign may add command
// backends that run a vendor tool per job (schema/campaign-yaml.md,
// `matrix.backends`) and parse its output with a named parser.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace campaign {

// The name of our own engine as a backend.
inline constexpr const char* kOpenclBackend = "opencl";

// How a command backend's output (stdout + stderr) becomes numbers.
enum class OutputParserKind {
  kTrtexec,  // a TensorRT trtexec log (orchestrator/report/trtexec_log.h)
  kRegex,    // regular expressions with named groups (median, mean, ...)
  kJson,     // a JSON object; values found by JSON pointers
};

// "trtexec", "regex", "json".
inline const char* ParserName(OutputParserKind k) {
  switch (k) {
    case OutputParserKind::kTrtexec:
      return "trtexec";
    case OutputParserKind::kRegex:
      return "regex";
    case OutputParserKind::kJson:
      return "json";
  }
  return "";
}

struct OutputParserSpec {
  OutputParserKind kind = OutputParserKind::kTrtexec;
  // kRegex: ECMAScript patterns, each searched in the whole output; named
  // groups (?<median>...) / (?P<median>...) for the metrics below.
  std::vector<std::string> patterns;
  // kJson: metric -> JSON pointer ("/median_ms"); defaults to "/<metric>"
  // with the names of scripts/pytorch_backend.py.
  std::map<std::string, std::string> pointers;
};

// The metrics a parser may fill: median_ms, mean_ms, min_ms, max_ms, p99_ms,
// stddev_ms, throughput (inferences/s), device (text).
inline const std::vector<std::string>& BackendMetricNames() {
  static const std::vector<std::string> kNames = {"median_ms", "mean_ms",   "min_ms",     "max_ms",
                                                  "p99_ms",    "stddev_ms", "throughput", "device"};
  return kNames;
}

struct BackendSpec {
  std::string name = kOpenclBackend;  // [A-Za-z0-9_.-]+, unique in the campaign
  // Empty for our engine; else the command template ({model}, {batch}, ...;
  // orchestrator/config/command_template.h), split into argv without a shell.
  std::string command;
  OutputParserSpec parser;

  bool is_command() const { return !command.empty(); }
};

}  // namespace campaign
