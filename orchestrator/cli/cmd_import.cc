// `campaign import assignment.csv [-o CAMPAIGN.yaml]`.
#include <cstdio>
#include <memory>

#include "common/file_util.h"
#include "orchestrator/cli/assignment_import.h"
#include "orchestrator/cli/commands.h"

namespace campaign {

namespace {

struct ImportCliOptions {
  std::string csv;
  std::string output;
  ImportOptions import;
};

int Import(const ImportCliOptions& opt) {
  auto text = ReadFile(opt.csv);
  if (!text.ok()) {
    PrintError(text.status().message());
    return kExitUsage;
  }
  ImportOptions io = opt.import;
  if (io.name.empty()) io.name = std::filesystem::path(opt.csv).stem().string();
  auto yaml = AssignmentCsvToYaml(*text, io);
  if (!yaml.ok()) {
    PrintError(yaml.status().message());
    return kExitUsage;
  }
  if (opt.output.empty()) {
    std::fwrite(yaml->data(), 1, yaml->size(), stdout);
    return kExitOk;
  }
  std::error_code ec;
  if (std::filesystem::exists(opt.output, ec)) {
    PrintError(opt.output + " exists; choose another -o or remove it first");
    return kExitUsage;
  }
  Status st = WriteFileAtomic(opt.output, *yaml);
  if (!st.ok()) {
    PrintError(st.message());
    return kExitFailure;
  }
  std::fprintf(stderr,
               "wrote %s; model paths are %s/<model>.onnx relative to it; then: "
               "campaign run %s\n",
               opt.output.c_str(), io.models_dir.c_str(), opt.output.c_str());
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<ImportCliOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("csv", opt->csv, "assignment.csv (Tasks,batch_size,precision)")->required();
  sub->add_option("-o,--output", opt->output, "Write the YAML here (default: stdout)");
  sub->add_option("--name", opt->import.name, "Campaign name (default: the CSV's file name)");
  sub->add_option("--models-dir", opt->import.models_dir,
                  "Directory of the .onnx files, relative to the YAML (default: models)");
  sub->callback([opt, exit_code] { *exit_code = Import(*opt); });
}

}  // namespace campaign
