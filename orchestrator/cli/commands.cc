#include "orchestrator/cli/commands.h"

#include <array>
#include <cstdio>

namespace campaign {

namespace {
constexpr CommandEntry kCommands[] = {
    {"run", "Expand a campaign YAML into jobs, convert and run them, record the results",
     AddRunCommand},
    {"report", "Print a campaign's results (one row per job; failed jobs show -1)",
     AddReportCommand},
    {"compare",
     "Compare a campaign with a baseline (published CSV/YAML, trtexec log, a previous "
     "campaign, another backend; default: the YAML's baselines:); exit 1 on a regression",
     AddCompareCommand},
    {"history", "Show how one model (batch, precision) changed over the campaigns",
     AddHistoryCommand},
    {"resume", "Continue a campaign that was interrupted or killed", AddResumeCommand},
    {"rerun", "Run a campaign's failed jobs again (keeps every attempt)", AddRerunCommand},
    {"status", "Show the state of a campaign's matrix", AddStatusCommand},
    {"convert", "Convert one ONNX model into a fixed-shape engine", AddConvertCommand},
    {"bench", "Measure one engine (or ONNX model) and print a trtexec-style summary",
     AddBenchCommand},
    {"inspect",
     "Show a model's or engine's inputs, operators, parameters, FLOPs and runner support",
     AddInspectCommand},
    {"import", "Turn a seeds-style assignment.csv into a campaign YAML", AddImportCommand},
    {"conformance", "Run ONNX's node test cases on the reference and the OpenCL backend",
     AddConformanceCommand},
};
}  // namespace

std::span<const CommandEntry> Commands() { return std::span<const CommandEntry>(kCommands); }

void PrintError(const std::string& message) {
  std::fprintf(stderr, "campaign: error: %s\n", message.c_str());
}

}  // namespace campaign
