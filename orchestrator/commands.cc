#include "orchestrator/commands.h"

#include <array>
#include <cstdio>

namespace campaign {

namespace {
constexpr std::array<CommandEntry, 3> kCommands = {{
    {"run", "Expand a campaign YAML into jobs, convert and run them, record the results",
     AddRunCommand},
    {"report", "Print a campaign's results (one row per job; failed jobs show -1)",
     AddReportCommand},
    {"convert", "Convert one ONNX model into a fixed-shape engine", AddConvertCommand},
}};
}  // namespace

std::span<const CommandEntry> Commands() { return kCommands; }

void PrintError(const std::string& message) {
  std::fprintf(stderr, "campaign: error: %s\n", message.c_str());
}

}  // namespace campaign
