// `campaign inspect MODEL|ENGINE [--batch N]`: what a model or engine holds
// (converter/inspect.h), and which of its operators the runner lacks.
#include <cstdio>
#include <memory>

#include "converter/inspect.h"
#include "graph/ops/registry.h"
#include "orchestrator/cli/commands.h"

namespace campaign {
namespace {

struct InspectOptions {
  std::string model;
  int batch = 1;
  bool layers = false;
};

int Inspect(const InspectOptions& opt) {
  auto report = converter::Inspect(opt.model, opt.batch, graph::SupportedOpTypes());
  if (!report.ok()) {
    PrintError(report.status().ToString());
    const Reason r = report.status().reason();
    return r == Reason::kNotFound || r == Reason::kInvalidModel ? kExitUsage : kExitFailure;
  }
  std::fputs(converter::FormatInspectReport(*report, opt.layers).c_str(), stdout);
  return kExitOk;
}

}  // namespace

void AddInspectCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<InspectOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("model", opt->model, "ONNX model or engine file")->required();
  sub->add_option("--batch", opt->batch, "Batch size for the FLOPs count (models only)")
      ->check(CLI::Range(1, 1000000));
  sub->add_flag("--layers", opt->layers,
                "int8 engines: list every quantized and fp32 layer (default: counts, and the "
                "layers kept in fp32 with their reason)");
  sub->callback([opt, exit_code] { *exit_code = Inspect(*opt); });
}

}  // namespace campaign
