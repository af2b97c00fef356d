// runner-conformance: runs ONNX node test cases on the reference and on one
// OpenCL device (see conformance.h); prints one line per case and totals.
// Exit 0 when the run completed (whatever the outcomes), 1 on errors.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "runner/conformance/conformance.h"

int main(int argc, char** argv) {
  using namespace campaign::runner;
  CLI::App app{"runner-conformance: ONNX node conformance of the runner"};
  std::string dir = "/usr/share/libonnx-testdata/data/node", csv;
  ConformanceOptions o;
  bool quiet = false;
  app.add_option("dir", dir, "Directory of test cases");
  app.add_option("--csv", csv, "Also write the per-case table as CSV");
  app.add_option("--device", o.device, "OpenCL device (as campaign-runner --device)");
  app.add_option("--filter", o.filter, "Only cases whose name contains this");
  app.add_flag("--quiet", quiet, "Print the totals only");
  CLI11_PARSE(app, argc, argv);
  auto cases = RunConformance(dir, o);
  if (!cases.ok()) {
    spdlog::error("{}", cases.status().ToString());
    return 1;
  }
  if (!quiet) {
    for (const auto& c : *cases) {
      std::printf("%-60s %-12s %-12s %s\n", c.name.c_str(),
                  std::string(CaseOutcomeName(c.reference)).c_str(),
                  std::string(CaseOutcomeName(c.opencl)).c_str(), c.detail.substr(0, 160).c_str());
    }
  }
  ConformanceTotals t = Summarize(*cases);
  double pct = t.cases ? 100.0 * t.opencl_pass / t.cases : 0;
  std::printf(
      "cases %d | reference: %d pass, %d fail, %d unsupported | opencl: %d pass (%.1f%%), "
      "%d fail, %d unsupported\n",
      t.cases, t.reference_pass, t.reference_fail, t.reference_unsupported, t.opencl_pass, pct,
      t.opencl_fail, t.opencl_unsupported);
  if (!csv.empty()) {
    auto st = WriteConformanceCsv(csv, *cases);
    if (!st.ok()) {
      spdlog::error("{}", st.ToString());
      return 1;
    }
  }
  return 0;
}
