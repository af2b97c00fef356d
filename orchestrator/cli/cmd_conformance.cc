// `campaign conformance DIR [--csv FILE]`: ONNX's own node test cases
// (Debian's libonnx-testdata) on the CPU reference and on the OpenCL backend.
#include <cstdio>
#include <memory>

#include "orchestrator/cli/commands.h"
#include "runner/conformance/conformance.h"

namespace campaign {

namespace {

struct ConformanceCliOptions {
  std::string dir = "/usr/share/libonnx-testdata/data/node";
  std::string csv;
  std::string filter;
  std::string device = "auto";
  bool quiet = false;
};

int Conformance(const ConformanceCliOptions& opt) {
  std::error_code ec;
  if (!std::filesystem::is_directory(opt.dir, ec)) {
    PrintError("no test-case directory at " + opt.dir +
               "; install Debian's libonnx-testdata (scripts/install-deps.sh) or pass DIR");
    return kExitUsage;
  }
  runner::ConformanceOptions co;
  co.device = opt.device;
  co.filter = opt.filter;
  auto cases = runner::RunConformance(opt.dir, co);
  if (!cases.ok()) {
    PrintError(cases.status().message());
    return kExitFailure;
  }
  if (!opt.quiet) {
    std::printf("%-60s %-12s %-12s %s\n", "case", "reference", "opencl", "detail");
    for (const auto& c : *cases) {
      std::printf("%-60s %-12s %-12s %s\n", c.name.c_str(),
                  std::string(runner::CaseOutcomeName(c.reference)).c_str(),
                  std::string(runner::CaseOutcomeName(c.opencl)).c_str(), c.detail.c_str());
    }
  }
  const auto t = runner::Summarize(*cases);
  std::printf(
      "%d cases: opencl %d pass, %d fail, %d unsupported (%.1f %% pass); reference %d "
      "pass, %d fail, %d unsupported\n",
      t.cases, t.opencl_pass, t.opencl_fail, t.opencl_unsupported,
      t.cases ? 100.0 * t.opencl_pass / t.cases : 0.0, t.reference_pass, t.reference_fail,
      t.reference_unsupported);
  if (!opt.csv.empty()) {
    Status st = runner::WriteConformanceCsv(opt.csv, *cases);
    if (!st.ok()) {
      PrintError(st.message());
      return kExitFailure;
    }
    std::printf("wrote %s\n", opt.csv.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddConformanceCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<ConformanceCliOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("dir", opt->dir,
                  "Directory of ONNX node test cases (default: Debian's libonnx-testdata)");
  sub->add_option("--csv", opt->csv, "Also write the per-case table as CSV");
  sub->add_option("--filter", opt->filter, "Only cases whose name contains this text");
  sub->add_option("--device", opt->device, "OpenCL device (as campaign run --device)");
  sub->add_flag("-q,--quiet", opt->quiet, "Print only the totals");
  sub->callback([opt, exit_code] { *exit_code = Conformance(*opt); });
}

}  // namespace campaign
